// The regression corpus: every conformance/testdata/*.pdscenario is replayed
// against the reference; every rule must hold and the rendered trace must
// equal the golden <name>.trace byte for byte. A harness change that alters
// what an old scenario (or an old counterexample) means fails here first.
//
// The goldens change only on purpose. After a deliberate change to the
// trace format or the reference, regenerate them and review the diff:
//
//   bazel build //conformance:pdconform
//   for f in conformance/testdata/*.pdscenario; do
//     bazel-bin/conformance/pdconform --replay "$f" --trace-out "${f%.pdscenario}.trace" >/dev/null
//   done
//   git diff conformance/testdata/
//
// A new scenario needs its .trace made the same way; the test fails on a
// scenario without one, and on a .trace without its scenario.
#include <dirent.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "conformance/scenario_file.h"
#include "conformance/suite.h"
#include "impls/impl_catalog.h"

namespace pd {
namespace {

constexpr char kCorpusDir[] = "conformance/testdata";

std::vector<std::string> FilesEndingIn(const std::string& suffix) {
  std::vector<std::string> names;
  DIR* dir = opendir(kCorpusDir);
  if (dir == nullptr) return names;
  while (dirent* entry = readdir(dir)) {
    const std::string name = entry->d_name;
    if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      names.push_back(name.substr(0, name.size() - suffix.size()));
    }
  }
  closedir(dir);
  std::sort(names.begin(), names.end());
  return names;
}

bool ReadFile(const std::string& path, std::string& contents) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream buffer;
  buffer << in.rdbuf();
  contents = buffer.str();
  return true;
}

ImplFactory Reference() {
  const BuiltInImpl* reference = FindBuiltInImpl("reference");
  return [reference](HostServices& host) { return MakeBuiltInImpl(*reference, host); };
}

// The first line where two texts differ, for a readable failure.
std::string FirstDifference(const std::string& want, const std::string& got) {
  std::istringstream a(want), b(got);
  std::string line_a, line_b;
  for (int line = 1;; ++line) {
    const bool more_a = static_cast<bool>(std::getline(a, line_a));
    const bool more_b = static_cast<bool>(std::getline(b, line_b));
    if (!more_a && !more_b) return "(texts differ only in their final newline)";
    if (!more_a || !more_b || line_a != line_b) {
      return "line " + std::to_string(line) + ":\n  golden: " + (more_a ? line_a : "<end>") +
             "\n  now:    " + (more_b ? line_b : "<end>");
    }
  }
}

TEST(ReplayCorpus, HasTheCorpus) {
  // Guards against passing vacuously when the data dependency goes missing.
  EXPECT_GE(FilesEndingIn(".pdscenario").size(), 6u);
}

TEST(ReplayCorpus, EveryScenarioHasAGoldenTraceAndViceVersa) {
  EXPECT_EQ(FilesEndingIn(".pdscenario"), FilesEndingIn(".trace"));
}

TEST(ReplayCorpus, ReferenceHoldsEveryRuleAndReproducesTheGoldenTrace) {
  ASSERT_FALSE(AllRules().empty());
  for (const std::string& name : FilesEndingIn(".pdscenario")) {
    SCOPED_TRACE(name);
    const std::string base = std::string(kCorpusDir) + "/" + name;
    auto loaded = LoadScenarioFile(base + ".pdscenario");
    ASSERT_TRUE(std::holds_alternative<Scenario>(loaded)) << std::get<std::string>(loaded);
    const ReplayResult result = ReplayScenario(std::get<Scenario>(loaded), Reference());
    EXPECT_EQ(result.verdicts.size(), AllRules().size());
    for (const auto& [rule, violation] : result.verdicts) {
      EXPECT_FALSE(violation.has_value()) << rule->id << " violated at step " << violation->step << ", t="
                                          << violation->time << ": " << violation->message;
    }
    std::string golden;
    if (!ReadFile(base + ".trace", golden)) {
      ADD_FAILURE() << "missing golden " << base << ".trace (see the top of this file to make it)";
      continue;
    }
    EXPECT_TRUE(result.trace == golden) << "trace differs from the golden at " << FirstDifference(golden, result.trace);
    // Twice in one process gives the same bytes too.
    EXPECT_EQ(ReplayScenario(std::get<Scenario>(loaded), Reference()).trace, result.trace);
  }
}

}  // namespace
}  // namespace pd
