#include "reports/progress.h"

#include <cstdio>

namespace pd {
namespace {

constexpr double kRedrawSeconds = 0.1;
constexpr double kHeartbeatSeconds = 30;

}  // namespace

std::string FormatDuration(double seconds) {
  if (seconds < 0) seconds = 0;
  char buffer[48];
  if (seconds < 60) {
    std::snprintf(buffer, sizeof buffer, "%.1f s", seconds);
  } else if (seconds < 3600) {
    const long whole = static_cast<long>(seconds);
    std::snprintf(buffer, sizeof buffer, "%ld min %02ld s", whole / 60, whole % 60);
  } else {
    const long minutes = static_cast<long>(seconds / 60);
    std::snprintf(buffer, sizeof buffer, "%ld h %02ld min", minutes / 60, minutes % 60);
  }
  return buffer;
}

std::string EstimateLeft(const ProgressState& state) {
  // Under 1% done, or in the first half second, a rate says little.
  if (state.cases_total == 0 || state.cases_done * 100 < state.cases_total || state.elapsed_seconds < 0.5) return "";
  if (state.cases_done >= state.cases_total) return FormatDuration(0);
  const double rate = static_cast<double>(state.cases_done) / state.elapsed_seconds;
  return FormatDuration(static_cast<double>(state.cases_total - state.cases_done) / rate);
}

std::string RenderProgressLine(const ProgressState& state) {
  std::string line = "pdconform: " + std::to_string(state.rules_done) + "/" + std::to_string(state.rules_total) +
                     " rules, " + std::to_string(state.cases_done) + "/" + std::to_string(state.cases_total) +
                     " cases, " + FormatDuration(state.elapsed_seconds);
  const std::string left = EstimateLeft(state);
  if (!left.empty()) line += ", ~" + left + " left";
  if (!state.rule.empty()) line += " (" + state.rule + ")";
  return line;
}

std::string RenderProgressLogLine(const ProgressState& state) {
  std::string line = "pdconform: [" + std::to_string(state.rules_done) + "/" + std::to_string(state.rules_total) +
                     "] " + state.rule + ": ";
  line += state.verdict.empty() ? "running" : state.verdict;
  line += ", " + std::to_string(state.cases_done) + "/" + std::to_string(state.cases_total) + " cases; " +
          FormatDuration(state.elapsed_seconds) + " elapsed";
  const std::string left = EstimateLeft(state);
  if (!left.empty()) line += ", ~" + left + " left";
  return line;
}

ProgressReporter::ProgressReporter(bool terminal, std::function<void(const std::string&)> write,
                                   std::function<double()> now)
    : terminal_(terminal), write_(std::move(write)), now_(std::move(now)), start_(now_()) {}

void ProgressReporter::Update(ProgressState state) {
  const double now = now_();
  state.elapsed_seconds = now - start_;
  const bool finished = !state.verdict.empty();
  if (terminal_) {
    const bool last = finished && state.rules_done == state.rules_total;
    if (!last && last_draw_ >= 0 && now - last_draw_ < kRedrawSeconds) return;
    last_draw_ = now;
    // \x1b[K clears what a longer previous line left on the right.
    write_("\r" + RenderProgressLine(state) + "\x1b[K");
    drawn_ = true;
    return;
  }
  if (finished) {
    last_draw_ = now;
    write_(RenderProgressLogLine(state) + "\n");
    return;
  }
  if (last_draw_ < 0) last_draw_ = start_;
  if (now - last_draw_ >= kHeartbeatSeconds) {
    last_draw_ = now;
    write_(RenderProgressLogLine(state) + "\n");
  }
}

void ProgressReporter::Finish() {
  if (terminal_ && drawn_) write_("\r\x1b[K");
  drawn_ = false;
}

}  // namespace pd
