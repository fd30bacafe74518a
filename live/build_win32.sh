#!/usr/bin/env bash
# Cross-builds the live adapter's Windows side with Debian's mingw-w64:
#   OUT/peerdist.dll      the example implementation as a real Win32 DLL
#   OUT/peerdist_bug.dll  its deliberately wrong variant
#   OUT/pdlive.exe        the bridge: loads a peerdist.dll, speaks PROTOCOL.md
# Usage: live/build_win32.sh SOURCE_ROOT OUT_DIR
# Exit 3 (and one line) when the cross compiler is not installed.
set -euo pipefail
root=${1:?source root}
out=${2:?output directory}
cc=${PD_MINGW_CC:-x86_64-w64-mingw32-gcc}
if ! command -v "$cc" >/dev/null; then
  echo "build_win32: $cc not installed (tools/setup.sh installs gcc-mingw-w64-x86-64)" >&2
  exit 3
fi
mkdir -p "$out"
# The examples include "peerdist_plugin.h" from adapters/ (as their CMake build does).
flags=(-O2 -Wall -Wextra -I"$root" -I"$root/adapters" -static-libgcc)
example=(adapters/examples/example_client.c adapters/examples/example_content_info.c
         adapters/examples/example_objects.c adapters/examples/example_plugin.c
         adapters/examples/example_server.c)
build_dll() {
  local name=$1
  shift
  local objects=() tmp
  tmp=$(mktemp -d)
  for source in "${example[@]}"; do
    "$cc" "${flags[@]}" "$@" -include "$root/live/win32/example_rename.h" -c "$root/$source" \
      -o "$tmp/$(basename "$source" .c).o"
    objects+=("$tmp/$(basename "$source" .c).o")
  done
  "$cc" "${flags[@]}" "$@" -c "$root/live/win32/peerdist_dll.c" -o "$tmp/peerdist_dll.o"
  "$cc" "${flags[@]}" -c "$root/live/win32/win32_host.c" -o "$tmp/win32_host.o"
  "$cc" -shared -o "$out/$name" "${objects[@]}" "$tmp/peerdist_dll.o" "$tmp/win32_host.o" -static-libgcc
  rm -rf "$tmp"
}
build_dll peerdist.dll
build_dll peerdist_bug.dll -DEXAMPLE_BUG_ACCEPT_SECOND_REGISTRATION
if [[ -f "$root/live/win32/pdlive.c" ]]; then
  "$cc" "${flags[@]}" -o "$out/pdlive.exe" "$root/live/win32/pdlive.c" -static
fi
