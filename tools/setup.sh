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
  # libFuzzer and the sanitizer runtimes: ./pd test runs the plugin fuzz
  # test (//fuzz:plugin_fuzz_test, --config=fuzz) with them.
  clang-14
  libclang-rt-14-dev
)
# Installed without recommends (wine64's would bring a desktop's worth of
# fonts and 32-bit support): live/'s example implementation cross-built as a
# real Win32 peerdist.dll, and pdlive.exe, run under Wine (//live:live_wine_test).
LEAN_PACKAGES=(
  wine64
  gcc-mingw-w64-x86-64
)

installed() { [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" == "install ok installed" ]]; }
missing=()
for package in "${PACKAGES[@]}"; do
  installed "$package" || missing+=("$package")
done
missing_lean=()
for package in "${LEAN_PACKAGES[@]}"; do
  installed "$package" || missing_lean+=("$package")
done

if ((${#missing[@]} + ${#missing_lean[@]} == 0)); then
  exit 0
fi

echo "setup: installing ${missing[*]} ${missing_lean[*]}" >&2
SUDO=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null; then
    SUDO=(sudo)
  else
    echo "setup: need root (or sudo) to install: ${missing[*]} ${missing_lean[*]}" >&2
    exit 2
  fi
fi
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -q >/dev/null
if ((${#missing[@]} > 0)); then
  "${SUDO[@]}" apt-get install -y -q "${missing[@]}" >/dev/null
fi
if ((${#missing_lean[@]} > 0)); then
  "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing_lean[@]}" >/dev/null
fi
