#!/usr/bin/env bash
# Installs what --config=fuzz builds with (Debian's clang 14 with libFuzzer
# and the sanitizer runtimes), if missing. The plain configuration (./pd
# test) does not need it: it builds the fuzz targets with gcc.
set -euo pipefail

PACKAGES=(clang-14 libclang-rt-14-dev)

missing=()
for package in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$package")
done
((${#missing[@]} == 0)) && exit 0

echo "fuzz/setup: installing ${missing[*]}" >&2
SUDO=()
if [[ $(id -u) -ne 0 ]]; then
  if ! command -v sudo >/dev/null; then
    echo "fuzz/setup: need root (or sudo) to install: ${missing[*]}" >&2
    exit 2
  fi
  SUDO=(sudo)
fi
"${SUDO[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq "${missing[@]}"
