#include "fuzz/finding_file.h"

#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "conformance/flags.h"
#include "conformance/scenario_file.h"
#include "scenario/scenario_text.h"

namespace pd {
namespace {

std::uint64_t Fnv1a(const std::string& text) {
  std::uint64_t hash = 0xCBF29CE484222325ull;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001B3ull;
  }
  return hash;
}

// "mutant:never-deliver" -> "mutant-never-deliver": safe in any file system.
std::string FileSafe(const std::string& name) {
  std::string out;
  for (char c : name) {
    const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                      c == '_' || c == '.';
    out += safe ? c : '-';
  }
  return out;
}

// The implementation part of a finding's file name: a built-in's name, or
// for plugin:PATH / exec:COMMAND the kind and the base name of each word (a
// whole path could pass the file system's 255-byte name limit), at most 64
// bytes.
std::string ImplLabel(const std::string& impl) {
  std::string label = impl;
  for (const char* kind : {"plugin:", "exec:"}) {
    const std::string prefix = kind;
    if (impl.compare(0, prefix.size(), prefix) != 0) continue;
    // `exec:python3 a/impl.py --bug=x` is exec-python3_impl.py_--bug-x, not
    // exec-python3, which every Python program would share.
    label = prefix;
    std::istringstream words(impl.substr(prefix.size()));
    std::string word;
    for (bool first = true; words >> word; first = false) {
      label += (first ? "" : "_") + std::filesystem::path(word).filename().string();
    }
  }
  return FileSafe(label).substr(0, 64);
}

}  // namespace

std::string FindingDirectory() {
  const char* dir = std::getenv("PD_FUZZ_OUT");
  return dir != nullptr && *dir != '\0' ? dir : "fuzz-findings";
}

std::string ReplayCommandFor(const std::string& impl, const std::string& path) {
  return "./pd conform --impl " + ShellQuote(impl) + " --replay " + ShellQuote(path);
}

std::string RenderFindingFile(const Scenario& scenario, const std::string& impl, const FuzzFinding& finding,
                              const std::string& replay_path) {
  CounterexampleHeader header;
  header.impl = impl;
  header.rule_id = finding.rule_id;
  if (finding.rule != nullptr) {
    header.rule_strength = StrengthName(finding.rule->strength);
    header.rule_source = finding.rule->source;
    header.rule_citation = finding.rule->citation;
  } else {
    header.rule_strength = "harness";
    header.rule_source = "the World's host contract and bounds (sim/world.h)";
    header.rule_citation = "an implementation must not throw, misuse host services, or run past the World's bounds";
  }
  header.violation_step = finding.violation.step;
  header.violation_time = finding.violation.time;
  header.violation_message = finding.violation.message;
  header.replay = ReplayCommandFor(impl, replay_path);
  std::string text = RenderCounterexampleFile(scenario, header);
  return "# found by the pd fuzzer (fuzz/README.md)\n" + text;
}

std::string WriteFindingFile(const std::string& directory, const Scenario& scenario, const std::string& impl,
                             const FuzzFinding& finding) {
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (error) {
    std::fprintf(stderr, "pd-fuzz: cannot create %s: %s\n", directory.c_str(), error.message().c_str());
    return "";
  }
  char hash[17];
  std::snprintf(hash, sizeof hash, "%016" PRIx64, Fnv1a(RenderScenario(scenario)));
  const std::string name = ImplLabel(impl) + "--" + FileSafe(finding.rule_id) + "--" + hash + ".pdscenario";
  std::filesystem::path path = std::filesystem::path(directory) / name;
  const std::filesystem::path absolute = std::filesystem::absolute(path, error);
  if (!error) path = absolute;
  const std::string temp = path.string() + ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << RenderFindingFile(scenario, impl, finding, path.string());
    if (!out) {
      std::fprintf(stderr, "pd-fuzz: cannot write %s\n", temp.c_str());
      return "";
    }
  }
  std::filesystem::rename(temp, path, error);
  if (error) {
    std::fprintf(stderr, "pd-fuzz: cannot write %s: %s\n", path.c_str(), error.message().c_str());
    return "";
  }
  return path.string();
}

}  // namespace pd
