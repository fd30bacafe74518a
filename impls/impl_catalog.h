// The implementations built into the harness: the reference and its mutants.
// `pdconform --impl NAME` and `--list-impls` read this catalog.
#ifndef IMPLS_IMPL_CATALOG_H_
#define IMPLS_IMPL_CATALOG_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "adapters/peerdist_adapter.h"
#include "impls/deviation.h"
#include "sim/host_services.h"

namespace pd {

struct BuiltInImpl {
  std::string name;         // "reference" or "mutant:<bug>"
  std::string description;  // one line: what the bug is
  // Id of the rule that must catch this mutant (empty for the reference).
  // Only data: impls never link the checker.
  std::string killed_by;
  Deviation deviation;
};

const std::vector<BuiltInImpl>& BuiltInImpls();
const BuiltInImpl* FindBuiltInImpl(const std::string& name);
std::unique_ptr<PeerDistAdapter> MakeBuiltInImpl(const BuiltInImpl& impl, HostServices& host);

}  // namespace pd

#endif  // IMPLS_IMPL_CATALOG_H_
