// What the fuzzer leaves behind for a violation: the scenario in its text
// form, behind the same '#' header as the suite's counterexample files (impl,
// rule, citation, violation, replay command), so `./pd conform --impl NAME
// --replay FILE` replays it exactly.
#ifndef FUZZ_FINDING_FILE_H_
#define FUZZ_FINDING_FILE_H_

#include <string>

#include "fuzz/fuzz_check.h"
#include "scenario/scenario.h"

namespace pd {

// The directory findings go to: $PD_FUZZ_OUT, else ./fuzz-findings.
std::string FindingDirectory();

// The file's text (header + RenderScenario).
std::string RenderFindingFile(const Scenario& scenario, const std::string& impl, const FuzzFinding& finding,
                              const std::string& replay_path);

// Writes the finding into `directory` (created if missing) as
// "<impl>--<rule>--<hash of the scenario>.pdscenario" and returns its path,
// or "" if it could not be written (the reason goes to stderr). The same
// scenario always gets the same name, so repeated finds do not pile up.
std::string WriteFindingFile(const std::string& directory, const Scenario& scenario, const std::string& impl,
                             const FuzzFinding& finding);

// The command that replays a finding file.
std::string ReplayCommandFor(const std::string& impl, const std::string& path);

}  // namespace pd

#endif  // FUZZ_FINDING_FILE_H_
