#!/bin/bash -eu
# Builds the fuzz targets the way ClusterFuzzLite / OSS-Fuzz expect: with
# $CC/$CXX/$CXXFLAGS (sanitizers and coverage chosen by the platform), linked
# with $LIB_FUZZING_ENGINE, written to $OUT with their seed corpus (zip),
# dictionary and options. Run from the repository root ($SRC/peerdist in the
# image). Locally (fuzz/README.md):
#   CC=clang-14 CXX=clang++-14 CFLAGS= CXXFLAGS="-fsanitize=address,fuzzer-no-link" \
#   LIB_FUZZING_ENGINE=-fsanitize=fuzzer OUT=/tmp/cflite-out .clusterfuzzlite/build.sh
#
# Bazel is not used here (the image has no Debian Bazel); the sources are the
# non-test, non-main .cc files of the folders the targets link. Files that
# need RapidCheck, GoogleTest or Google Benchmark are left out: no target
# needs them. The rule catalog registers itself from static initialisers,
# so the rule objects are linked whole, everything else from an archive.
cd "$(dirname "$0")/.."
: "${OUT:?}" "${CXX:?}" "${LIB_FUZZING_ENGINE:?}"
CXXFLAGS="${CXXFLAGS:-} -std=c++17 -I."
build=$(mktemp -d)
trap 'rm -rf "$build"' EXIT

sources() {
  for dir in "$@"; do
    for file in "$dir"/*.cc; do
      [[ -e "$file" ]] || continue
      case "$file" in *_test.cc | *_main.cc | *_fuzzer.cc | fuzz/standalone_main.cc) continue ;; esac
      grep -qE '#include <(rapidcheck|gtest|benchmark)' "$file" && continue
      echo "$file"
    done
  done
}

compile() {  # compile FILE... ; prints the objects
  for file in "$@"; do
    object="$build/$(echo "$file" | tr / _).o"
    $CXX $CXXFLAGS -c "$file" -o "$object"
    echo "$object"
  done
}

mapfile -t library_objects < <(compile $(sources sim scenario impls adapters conformance fuzz))
mapfile -t rule_objects < <(compile $(sources conformance/rules conformance/ambiguities))
ar rcs "$build/libpeerdist.a" "${library_objects[@]}"

for target in peerdist_fuzzer scenario_decoder_fuzzer; do
  $CXX $CXXFLAGS fuzz/$target.cc "${rule_objects[@]}" "$build/libpeerdist.a" $LIB_FUZZING_ENGINE \
    -lpthread -ldl -o "$OUT/$target"
  rm -f "$OUT/${target}_seed_corpus.zip"
  zip -q -j "$OUT/${target}_seed_corpus.zip" fuzz/corpus/*
  cp fuzz/peerdist.dict "$OUT/$target.dict"
  cp fuzz/peerdist_fuzzer.options "$OUT/$target.options"
done
