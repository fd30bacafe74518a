# find_package(pdconform CONFIG) for an installed pdconform (./pd install
# PREFIX; put PREFIX in CMAKE_PREFIX_PATH). Relocatable: every path is found
# from this file's place, PREFIX/lib/cmake/pdconform.
#
#   pdconform::plugin_header  the C plugin header (peerdist_plugin.h): link a
#                             plugin library against it
#   pdconform::pdconform      the harness binary, as an imported executable
#   PDCONFORM_EXECUTABLE      the same, as a path
#   PDCONFORM_PLUGIN_ABI      the plugin ABI version the header declares
get_filename_component(_pdconform_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)

if(NOT TARGET pdconform::plugin_header)
  add_library(pdconform::plugin_header INTERFACE IMPORTED)
  set_target_properties(pdconform::plugin_header PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${_pdconform_prefix}/include")
endif()

if(NOT TARGET pdconform::pdconform)
  add_executable(pdconform::pdconform IMPORTED)
  set_target_properties(pdconform::pdconform PROPERTIES
    IMPORTED_LOCATION "${_pdconform_prefix}/bin/pdconform")
endif()

set(PDCONFORM_EXECUTABLE "${_pdconform_prefix}/bin/pdconform")
file(STRINGS "${_pdconform_prefix}/include/peerdist_plugin.h" _pdconform_abi_line
     REGEX "^#define PD_PLUGIN_ABI_VERSION ")
string(REGEX REPLACE "^#define PD_PLUGIN_ABI_VERSION ([0-9]+)u?.*" "\\1" PDCONFORM_PLUGIN_ABI "${_pdconform_abi_line}")
set(pdconform_VERSION "${PDCONFORM_PLUGIN_ABI}")
unset(_pdconform_abi_line)
unset(_pdconform_prefix)
