#include "live/trace_diff.h"

#include <algorithm>
#include <filesystem>
#include <sstream>

namespace pd {

std::vector<std::string> ObservableLines(const std::string& trace) {
  std::vector<std::string> lines;
  std::istringstream in(trace);
  std::string line;
  while (std::getline(in, line)) {
    // "t=123 step=4 KIND ...": the time goes; the step a thing happened in stays.
    if (line.rfind("t=", 0) == 0) {
      const std::size_t space = line.find(' ');
      line = space == std::string::npos ? "" : line.substr(space + 1);
    }
    const std::size_t kind = line.find(' ');
    if (kind != std::string::npos && line.compare(kind + 1, 5, "step ") == 0) continue;
    if (kind != std::string::npos && line.substr(kind + 1) == "step") continue;
    // A peer copy's latency is the World's draw from the seeded PRNG, whose
    // sequence depends on how many delays the implementation drew before
    // (a live DLL draws from its own clock): no caller sees it, only the
    // read outcomes it leads to, which are compared.
    if (kind != std::string::npos && line.compare(kind + 1, 8, "peers | ") == 0) {
      const std::size_t latency = line.find(" latency=");
      if (latency != std::string::npos) line.erase(latency);
    }
    if (!line.empty()) lines.push_back(line);
  }
  // What the implementation delivers between two things the harness does
  // (signals, packets, completions seen) is compared as a set: a live side
  // reports it per poll, so its order there is timing, not behaviour.
  auto delivered = [](const std::string& line) {
    const std::size_t kind = line.find(' ');
    if (kind == std::string::npos) return false;
    const std::string word = line.substr(kind + 1, line.find(' ', kind + 1) - kind - 1);
    return word == "signal" || word == "packet" || word == "overlapped-done";
  };
  for (std::size_t begin = 0; begin < lines.size();) {
    std::size_t end = begin;
    while (end < lines.size() && delivered(lines[end])) ++end;
    std::sort(lines.begin() + static_cast<std::ptrdiff_t>(begin), lines.begin() + static_cast<std::ptrdiff_t>(end));
    begin = end == begin ? begin + 1 : end;
  }
  return lines;
}

std::optional<TraceDifference> FirstDifference(const std::string& recorded_trace, const std::string& replayed_trace) {
  const std::vector<std::string> recorded = ObservableLines(recorded_trace);
  const std::vector<std::string> replayed = ObservableLines(replayed_trace);
  for (std::size_t i = 0; i < std::max(recorded.size(), replayed.size()); ++i) {
    const std::string left = i < recorded.size() ? recorded[i] : "";
    const std::string right = i < replayed.size() ? replayed[i] : "";
    if (left != right) return TraceDifference{i, left, right};
  }
  return std::nullopt;
}

std::vector<std::string> RecordedCases(const std::string& dir, std::string* error) {
  namespace fs = std::filesystem;
  std::vector<std::string> names;
  std::error_code code;
  for (fs::directory_iterator it(dir, code), end; !code && it != end; it.increment(code)) {
    const fs::path path = it->path();
    if (path.extension() != ".pdscenario") continue;
    fs::path trace = path;
    trace.replace_extension(".trace");
    if (fs::exists(trace)) names.push_back(path.stem().string());
  }
  if (code) *error = dir + ": " + code.message();
  std::sort(names.begin(), names.end());
  return names;
}

std::string SideBySide(const std::string& recorded_trace, const std::string& replayed_trace, std::size_t width) {
  const std::vector<std::string> recorded = ObservableLines(recorded_trace);
  const std::vector<std::string> replayed = ObservableLines(replayed_trace);
  std::string out;
  auto cell = [width](std::string text) {
    if (text.size() > width) text = text.substr(0, width - 1) + "~";
    return text + std::string(width - text.size(), ' ');
  };
  out += "  " + cell("RECORDED (live)") + " | REPLAYED\n";
  for (std::size_t i = 0; i < std::max(recorded.size(), replayed.size()); ++i) {
    const std::string left = i < recorded.size() ? recorded[i] : "";
    const std::string right = i < replayed.size() ? replayed[i] : "";
    out += (left == right ? "  " : "! ") + cell(left) + " | " + right + "\n";
  }
  return out;
}

}  // namespace pd
