#!/usr/bin/env bash
# ./pd install for plugin authors who do not use Bazel: tools/install.sh (what
# ./pd install runs after building) on the built binaries into a temporary
# PREFIX; then, from a temporary copy of adapters/examples/, the example
# plugin builds with plain CMake against PREFIX, once through find_package and
# once through pkg-config, and PREFIX/bin/pdconform passes the suite on it;
# the wrong variant fails it.
set -uo pipefail
shopt -s extglob

runfiles=$PWD
work="${TEST_TMPDIR:-$(mktemp -d)}/install"
rm -rf "$work" && mkdir -p "$work"
prefix=$work/prefix
failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}
for tool in cmake cc pkg-config; do
  command -v "$tool" >/dev/null || { echo "$tool missing: run tools/setup.sh" >&2; exit 1; }
done

echo "== install"
tools/install.sh "$runfiles" "$prefix" >"$work/install.out" 2>&1 || {
  cat "$work/install.out" >&2
  echo "FAIL: tools/install.sh failed" >&2
  exit 1
}
for file in bin/pdconform bin/pdplugin_host include/peerdist_plugin.h lib/pkgconfig/pdconform.pc \
  lib/cmake/pdconform/pdconformConfig.cmake share/doc/pdconform/README.md share/doc/pdconform/ARCHITECTURE.md \
  share/doc/pdconform/report.schema.json share/doc/pdconform/ci/github-actions.yml \
  share/doc/pdconform/ci/gitlab-ci.yml share/doc/pdconform/examples/CMakeLists.txt; do
  [[ -s "$prefix/$file" ]] || fail "PREFIX/$file is missing"
done
[[ -x "$prefix/bin/pdconform" ]] || fail "PREFIX/bin/pdconform is not executable"
export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
[[ "$(pkg-config --cflags pdconform)" == "-I$prefix/include"?( ) ]] || fail "pkg-config --cflags: $(pkg-config --cflags pdconform)"
[[ "$(pkg-config --variable=pdconform pdconform)" == "$prefix/bin/pdconform" ]] || fail "pkg-config pdconform variable"

# build NAME CMAKE_ARGS...: the example from a fresh copy of its files, built
# in WORK/NAME/build; prints the plugin's path.
build() {
  local name=$1
  shift
  local src=$work/$name
  mkdir -p "$src"
  cp adapters/examples/*.c adapters/examples/*.h adapters/examples/CMakeLists.txt "$src/"
  (cd "$src" && cmake -S . -B build "$@" && cmake --build build) >"$src/cmake.out" 2>&1 ||
    { fail "$name: the CMake build failed: $(tail -20 "$src/cmake.out")"; return 1; }
  grep -q "warning" "$src/cmake.out" && fail "$name: the build warns: $(grep -m3 warning "$src/cmake.out")"
  [[ -s "$src/build/libexample_plugin.so" ]] || { fail "$name: no libexample_plugin.so"; return 1; }
}

# suite NAME WANT_RC ARGS...: PREFIX/bin/pdconform on the built plugin.
suite() {
  local name=$1 want=$2
  shift 2
  (cd "$work/$name" && "$prefix/bin/pdconform" --impl plugin:build/libexample_plugin.so "$@" \
    >suite.out 2>suite.err)
  local rc=$?
  [[ $rc -eq $want ]] || fail "$name: pdconform exit $rc, want $want: $(tail -15 "$work/$name/suite.out")$(tail -5 "$work/$name/suite.err")"
}

echo "== find_package(pdconform) build passes the suite"
if build find-package -DCMAKE_PREFIX_PATH="$prefix"; then
  suite find-package 0 --cases 20 --report-dir report
  [[ -s "$work/find-package/report/junit.xml" ]] || fail "find-package: no junit.xml"
fi

echo "== pkg-config build passes the suite"
build pkg-config -DEXAMPLE_WITH_PKG_CONFIG=ON && suite pkg-config 0 --cases 10 --no-report

echo "== the wrong variant fails it"
build bug -DCMAKE_PREFIX_PATH="$prefix" -DEXAMPLE_BUG_ACCEPT_SECOND_REGISTRATION=ON &&
  suite bug 1 --rules single-registration --cases 20 --no-report

if ((failures > 0)); then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "install: CMake builds of the example against the install pass the suite"
