#!/usr/bin/env bash
# Installs a built pdconform under PREFIX, for plugin authors who build with
# CMake, Make or anything else but Bazel (./pd install PREFIX builds first,
# then calls this):
#
#   PREFIX/bin/pdconform, PREFIX/bin/pdplugin_host
#   PREFIX/include/peerdist_plugin.h
#   PREFIX/lib/pkgconfig/pdconform.pc             pkg-config --cflags pdconform
#   PREFIX/lib/cmake/pdconform/pdconformConfig.cmake   find_package(pdconform CONFIG)
#   PREFIX/share/doc/pdconform/                   README, architecture, protocol,
#                                                 report schemas, CI kit, examples
#
# Usage: tools/install.sh BUILT_DIR PREFIX
#   BUILT_DIR holds conformance/pdconform and adapters/pdplugin_host (bazel-bin).
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: tools/install.sh BUILT_DIR PREFIX" >&2
  exit 2
fi
built=$1
prefix=$(realpath -m "$2")
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# The files a user reads, as DESTINATION-under-doc SOURCE-in-repository.
DOCS=(
  "README.md README.md"
  "ARCHITECTURE.md docs/ARCHITECTURE.md"
  "DESIGN.md docs/DESIGN.md"
  "PROTOCOL.md adapters/PROTOCOL.md"
  "report.schema.json reports/report.schema.json"
  "junit.xsd reports/junit.xsd"
  "ci/github-actions.yml docs/ci/github-actions.yml"
  "ci/gitlab-ci.yml docs/ci/gitlab-ci.yml"
  "ci/README.md docs/ci/README.md"
)
EXAMPLE_FILES=(CMakeLists.txt example_plugin.h example_plugin.c example_client.c example_content_info.c
  example_objects.c example_server.c example_impl.py)

abi=$(sed -n 's/^#define PD_PLUGIN_ABI_VERSION \([0-9]*\)u\{0,1\}$/\1/p' "$root/adapters/peerdist_plugin.h")
[[ -n "$abi" ]] || { echo "install: no PD_PLUGIN_ABI_VERSION in adapters/peerdist_plugin.h" >&2; exit 1; }

doc=$prefix/share/doc/pdconform
install -d "$prefix/bin" "$prefix/include" "$prefix/lib/pkgconfig" "$prefix/lib/cmake/pdconform" \
  "$doc/ci" "$doc/examples"
install -m 755 "$built/conformance/pdconform" "$built/adapters/pdplugin_host" "$prefix/bin/"
install -m 644 "$root/adapters/peerdist_plugin.h" "$prefix/include/"
sed -e "s|@PREFIX@|$prefix|" -e "s|@ABI@|$abi|" "$root/tools/install/pdconform.pc.in" \
  >"$prefix/lib/pkgconfig/pdconform.pc"
install -m 644 "$root/tools/install/pdconformConfig.cmake" "$prefix/lib/cmake/pdconform/"
for pair in "${DOCS[@]}"; do
  install -m 644 "$root/${pair#* }" "$doc/${pair%% *}"
done
for file in "${EXAMPLE_FILES[@]}"; do
  install -m 644 "$root/adapters/examples/$file" "$doc/examples/"
done
echo "installed pdconform (plugin ABI $abi) under $prefix"
