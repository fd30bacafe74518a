// make_seed_corpus: writes the fuzzer's seed corpus and dictionary.
//
//   bazel run //fuzz:make_seed_corpus              (rewrites fuzz/corpus and
//                                                   fuzz/peerdist.dict in the
//                                                   workspace)
//   make_seed_corpus --corpus DIR --dict FILE [SCENARIO.pdscenario ...]
//
// The corpus holds kSeedCorpusSize scenarios from the properties' generator
// (fixed seed), then, for every built-in mutant that none of them shows,
// the first further generated scenario that does (so each mutant has a seed
// that reaches its bug), then every scenario file given (by default the
// hand-written regression scenarios of conformance/testdata). Existing
// files in DIR are removed first. Output is deterministic.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <system_error>
#include <variant>
#include <vector>

#include "conformance/scenario_file.h"
#include "fuzz/fuzz_check.h"
#include "fuzz/scenario_decoder.h"
#include "fuzz/seed_corpus.h"
#include "impls/impl_catalog.h"

namespace pd {
namespace {

// How far to look for a scenario that shows a mutant the first draws miss.
constexpr int kMaxExtraDraws = 4000;

bool WriteBytes(const std::filesystem::path& path, const std::vector<std::uint8_t>& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  return static_cast<bool>(out);
}

ImplFactory FactoryOf(const BuiltInImpl& impl) {
  return [&impl](HostServices& host) { return MakeBuiltInImpl(impl, host); };
}

// The mutants whose killed_by rule one of `scenarios` shows.
std::set<std::string> Shown(const std::vector<Scenario>& scenarios) {
  std::set<std::string> shown;
  for (const BuiltInImpl& impl : BuiltInImpls()) {
    if (impl.killed_by.empty()) continue;
    for (const Scenario& scenario : scenarios) {
      bool found = false;
      for (const FuzzFinding& finding : CheckScenarioAll(scenario, FactoryOf(impl))) {
        found = found || finding.rule_id == impl.killed_by;
      }
      if (found) {
        shown.insert(impl.name);
        break;
      }
    }
  }
  return shown;
}

int Run(int argc, char** argv) {
  const char* workspace = std::getenv("BUILD_WORKSPACE_DIRECTORY");
  const std::string root = workspace != nullptr ? workspace : ".";
  std::string corpus_dir = root + "/fuzz/corpus";
  std::string dict_path = root + "/fuzz/peerdist.dict";
  std::vector<std::string> scenario_files;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--corpus" && i + 1 < argc) {
      corpus_dir = argv[++i];
    } else if (arg == "--dict" && i + 1 < argc) {
      dict_path = argv[++i];
    } else if (!arg.empty() && arg[0] == '-') {
      std::fprintf(stderr, "usage: make_seed_corpus [--corpus DIR] [--dict FILE] [SCENARIO.pdscenario ...]\n");
      return 2;
    } else {
      scenario_files.push_back(arg);
    }
  }
  std::error_code error;
  if (scenario_files.empty()) {
    std::vector<std::string> found;
    for (const auto& entry : std::filesystem::directory_iterator(root + "/conformance/testdata", error)) {
      if (entry.path().extension() == ".pdscenario") found.push_back(entry.path().string());
    }
    std::sort(found.begin(), found.end());
    scenario_files = found;
  }

  std::vector<Scenario> scenarios = GeneratedSeedScenarios(kSeedCorpusSeed, kSeedCorpusSize);
  std::vector<std::string> names;
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "gen-%03zu", i);
    names.push_back(name);
  }
  std::set<std::string> shown = Shown(scenarios);
  const std::vector<Scenario> extra = GeneratedSeedScenarios(kSeedCorpusSeed + 1, kMaxExtraDraws);
  for (const BuiltInImpl& impl : BuiltInImpls()) {
    if (impl.killed_by.empty() || shown.count(impl.name) != 0) continue;
    for (const Scenario& scenario : extra) {
      bool found = false;
      for (const FuzzFinding& finding : CheckScenarioAll(scenario, FactoryOf(impl))) {
        found = found || finding.rule_id == impl.killed_by;
      }
      if (!found) continue;
      scenarios.push_back(scenario);
      std::string name = "shows-" + impl.name.substr(impl.name.find(':') + 1);
      names.push_back(name);
      shown = Shown(scenarios);
      break;
    }
    if (shown.count(impl.name) == 0) std::fprintf(stderr, "make_seed_corpus: no seed shows %s\n", impl.name.c_str());
  }
  for (const std::string& file : scenario_files) {
    auto loaded = LoadScenarioFile(file);
    if (auto* message = std::get_if<std::string>(&loaded)) {
      std::fprintf(stderr, "make_seed_corpus: %s\n", message->c_str());
      return 2;
    }
    scenarios.push_back(std::get<Scenario>(loaded));
    names.push_back("testdata-" + std::filesystem::path(file).stem().string());
  }

  std::filesystem::create_directories(corpus_dir, error);
  for (const auto& entry : std::filesystem::directory_iterator(corpus_dir, error)) {
    if (entry.is_regular_file()) std::filesystem::remove(entry.path(), error);
  }
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    if (!WriteBytes(std::filesystem::path(corpus_dir) / names[i], EncodeScenario(scenarios[i]))) {
      std::fprintf(stderr, "make_seed_corpus: cannot write %s/%s\n", corpus_dir.c_str(), names[i].c_str());
      return 1;
    }
  }
  std::ofstream dict(dict_path, std::ios::trunc);
  dict << RenderDictionary(DictionaryEntries());
  if (!dict) {
    std::fprintf(stderr, "make_seed_corpus: cannot write %s\n", dict_path.c_str());
    return 1;
  }
  std::printf("make_seed_corpus: %zu inputs in %s (mutants shown: %zu), dictionary %s\n", scenarios.size(),
              corpus_dir.c_str(), shown.size(), dict_path.c_str());
  return 0;
}

}  // namespace
}  // namespace pd

int main(int argc, char** argv) { return pd::Run(argc, argv); }
