/* The content part of peerdist.h (publishing, content information, reading)
 * for plugins that implement only the status-change notification part: every
 * function returns ERROR_CALL_NOT_IMPLEMENTED and touches nothing. Linked
 * into the faulty test plugins, which are about crashes and hangs. */
#include "adapters/peerdist_plugin.h"

#define NOT_IMPLEMENTED_(ret, name, params) \
  ret name params { return ERROR_CALL_NOT_IMPLEMENTED; }
PD_PLUGIN_CONTENT_FUNCTIONS(NOT_IMPLEMENTED_)
