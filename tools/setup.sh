#!/usr/bin/env bash
# Installs the Debian packages the harness builds with, if any is missing.
# Idempotent: with everything present it only runs dpkg-query.
set -euo pipefail

PACKAGES=(
  g++
  bazel-bootstrap
  bazel-rules-cc
  bazel-rules-java
  librapidcheck-dev
  libgtest-dev
  libbenchmark-dev
  # reports: xmllint checks junit.xml against reports/junit.xsd, and a real
  # headless Chromium renders report.html (conformance/html_chromium_test.sh).
  libxml2-utils
  chromium
  # report.json is written and read with nlohmann-json, and validated
  # against reports/report.schema.json with python3-jsonschema.
  nlohmann-json3-dev
  python3-jsonschema
  # ./pd install: the example plugin builds with CMake against the install
  # (pkg-config or find_package); the CI kit's test parses its YAML.
  cmake
  pkg-config
  python3-yaml
  # The README's timing figures are measured with hyperfine.
  hyperfine
)

missing=()
for package in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  if [[ "$status" != "install ok installed" ]]; then
    missing+=("$package")
  fi
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "setup: installing ${missing[*]}" >&2
SUDO=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null; then
    SUDO=(sudo)
  else
    echo "setup: need root (or sudo) to install: ${missing[*]}" >&2
    exit 2
  fi
fi
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -q >/dev/null
"${SUDO[@]}" apt-get install -y -q "${missing[@]}" >/dev/null
