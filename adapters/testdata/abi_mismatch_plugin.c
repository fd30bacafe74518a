/* A plugin built against another version of adapters/peerdist_plugin.h: it
 * reports the next ABI version. The harness must refuse it before calling
 * anything else. */
#include "adapters/peerdist_plugin.h"

uint32_t pd_plugin_abi_version(void) { return PD_PLUGIN_ABI_VERSION + 1; }
