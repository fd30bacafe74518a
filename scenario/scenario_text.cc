#include "scenario/scenario_text.h"

#include <cerrno>
#include <cstdlib>
#include <optional>
#include <sstream>
#include <vector>

namespace pd {

bool Step::operator==(const Step& other) const { return RenderStep(*this) == RenderStep(other); }

namespace {

const char* VerbOf(StepKind kind) {
  switch (kind) {
    case StepKind::kStartup: return "startup";
    case StepKind::kShutdown: return "shutdown";
    case StepKind::kGetStatus: return "get-status";
    case StepKind::kRegister: return "register";
    case StepKind::kUnregister: return "unregister";
    case StepKind::kGetOverlappedResult: return "get-overlapped-result";
    case StepKind::kEnvironment: return "env";
    case StepKind::kAdvance: return "advance";
  }
  return "?";
}

const char* PortName(PortArg port) {
  switch (port) {
    case PortArg::kNone: return "none";
    case PortArg::kNew: return "new";
    case PortArg::kLast: return "last";
    case PortArg::kBogus: return "bogus";
  }
  return "?";
}

bool TakesSession(StepKind kind) {
  return kind == StepKind::kStartup || kind == StepKind::kShutdown || kind == StepKind::kGetStatus ||
         kind == StepKind::kRegister || kind == StepKind::kUnregister;
}

bool TakesHandle(StepKind kind) { return TakesSession(kind) && kind != StepKind::kStartup; }

}  // namespace

std::string RenderStep(const Step& step) {
  std::string out = VerbOf(step.kind);
  if (TakesSession(step.kind)) out += " s" + std::to_string(step.session);
  if (TakesHandle(step.kind) && step.handle == HandleArg::kBogus) out += " handle=bogus";
  switch (step.kind) {
    case StepKind::kStartup:
      if (step.version != PEERDIST_VERSION) out += " version=" + std::to_string(step.version);
      if (step.null_out) out += " out=null";
      break;
    case StepKind::kGetStatus:
      if (step.ex) out += " ex";
      if (step.null_out) out += " out=null";
      break;
    case StepKind::kRegister:
      if (step.ex) out += " ex";
      if (step.port != PortArg::kNone) out += std::string(" port=") + PortName(step.port);
      if (step.key != 0) out += " key=" + std::to_string(step.key);
      if (!step.event) out += " event=none";
      if (step.null_overlapped) out += " overlapped=null";
      if (step.null_out) out += " out=null";
      break;
    case StepKind::kGetOverlappedResult:
      out += " r" + std::to_string(step.registration);
      if (step.wait) out += " wait";
      if (step.null_out) out += " bytes=null";
      break;
    case StepKind::kEnvironment:
      out += std::string(" ") + EnvActionName(step.action);
      break;
    case StepKind::kAdvance:
      out += " " + std::to_string(step.advance);
      break;
    case StepKind::kShutdown:
    case StepKind::kUnregister:
      break;
  }
  return out;
}

std::string RenderScenario(const Scenario& scenario) {
  std::string out = "pdscenario " + std::to_string(kScenarioFormatVersion) + "\n";
  out += "seed " + std::to_string(scenario.seed) + "\n";
  out += "initial " + StatusName(scenario.initial_status) + "\n";
  for (const Step& step : scenario.steps) out += RenderStep(step) + "\n";
  return out;
}

namespace {

std::vector<std::string> Tokens(const std::string& line) {
  std::vector<std::string> tokens;
  std::istringstream in(line.substr(0, line.find('#')));
  for (std::string token; in >> token;) tokens.push_back(token);
  return tokens;
}

// Parses a decimal unsigned integer no larger than `max`; nothing else.
std::optional<std::uint64_t> ParseUnsigned(const std::string& text, std::uint64_t max) {
  if (text.empty() || text.size() > 20) return std::nullopt;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  errno = 0;
  const unsigned long long value = std::strtoull(text.c_str(), nullptr, 10);
  if (errno != 0 || value > max) return std::nullopt;
  return value;
}

std::optional<PEERDIST_STATUS> ParseStatus(const std::string& text) {
  for (PEERDIST_STATUS status : {PEERDIST_STATUS_DISABLED, PEERDIST_STATUS_UNAVAILABLE, PEERDIST_STATUS_AVAILABLE}) {
    if (text == StatusName(status)) return status;
  }
  return std::nullopt;
}

std::optional<StepKind> ParseVerb(const std::string& verb) {
  for (StepKind kind : {StepKind::kStartup, StepKind::kShutdown, StepKind::kGetStatus, StepKind::kRegister,
                        StepKind::kUnregister, StepKind::kGetOverlappedResult, StepKind::kEnvironment,
                        StepKind::kAdvance}) {
    if (verb == VerbOf(kind)) return kind;
  }
  return std::nullopt;
}

// Parses the options after a step's positional arguments. Returns an error
// message, or "" on success.
std::string ParseOption(const std::string& token, Step& step) {
  const auto eq = token.find('=');
  const std::string name = token.substr(0, eq);
  const std::string value = eq == std::string::npos ? "" : token.substr(eq + 1);
  const bool flag = eq == std::string::npos;
  const StepKind kind = step.kind;
  if (name == "handle" && TakesHandle(kind)) {
    if (value == "bogus") { step.handle = HandleArg::kBogus; return ""; }
    if (value == "slot") { step.handle = HandleArg::kSlot; return ""; }
    return "handle must be 'slot' or 'bogus', not '" + value + "'";
  }
  if (flag && name == "ex" && (kind == StepKind::kGetStatus || kind == StepKind::kRegister)) {
    step.ex = true;
    return "";
  }
  if (name == "out" && (kind == StepKind::kStartup || kind == StepKind::kGetStatus || kind == StepKind::kRegister)) {
    if (value == "null") { step.null_out = true; return ""; }
    if (value == "ok") { step.null_out = false; return ""; }
    return "out must be 'ok' or 'null', not '" + value + "'";
  }
  if (name == "version" && kind == StepKind::kStartup) {
    auto number = ParseUnsigned(value, 0xFFFFFFFFu);
    if (!number) return "version must be a decimal DWORD, not '" + value + "'";
    step.version = static_cast<DWORD>(*number);
    return "";
  }
  if (kind == StepKind::kRegister) {
    if (name == "port") {
      for (PortArg port : {PortArg::kNone, PortArg::kNew, PortArg::kLast, PortArg::kBogus}) {
        if (value == PortName(port)) { step.port = port; return ""; }
      }
      return "port must be none, new, last or bogus, not '" + value + "'";
    }
    if (name == "key") {
      auto number = ParseUnsigned(value, ~std::uint64_t{0});
      if (!number) return "key must be a decimal number, not '" + value + "'";
      step.key = *number;
      return "";
    }
    if (name == "event") {
      if (value == "none") { step.event = false; return ""; }
      if (value == "new") { step.event = true; return ""; }
      return "event must be 'new' or 'none', not '" + value + "'";
    }
    if (name == "overlapped") {
      if (value == "null") { step.null_overlapped = true; return ""; }
      if (value == "ok") { step.null_overlapped = false; return ""; }
      return "overlapped must be 'ok' or 'null', not '" + value + "'";
    }
  }
  if (kind == StepKind::kGetOverlappedResult) {
    if (flag && name == "wait") { step.wait = true; return ""; }
    if (name == "bytes" && value == "null") { step.null_out = true; return ""; }
  }
  return "unknown option '" + token + "' for " + VerbOf(kind);
}

std::variant<Step, std::string> ParseStep(const std::vector<std::string>& tokens) {
  Step step;
  auto kind = ParseVerb(tokens[0]);
  if (!kind) return "unknown step '" + tokens[0] + "'";
  step.kind = *kind;
  std::size_t next = 1;
  auto positional = [&](const char* what) -> std::optional<std::string> {
    if (next >= tokens.size()) return std::nullopt;
    (void)what;
    return tokens[next++];
  };
  if (TakesSession(step.kind)) {
    auto token = positional("session");
    if (!token || token->size() != 2 || (*token)[0] != 's' || (*token)[1] < '0' ||
        (*token)[1] >= '0' + kMaxSessions) {
      return std::string(VerbOf(step.kind)) + " needs a session s0..s" + std::to_string(kMaxSessions - 1);
    }
    step.session = (*token)[1] - '0';
  } else if (step.kind == StepKind::kGetOverlappedResult) {
    auto token = positional("registration");
    std::optional<std::uint64_t> number;
    if (token && token->size() > 1 && (*token)[0] == 'r') number = ParseUnsigned(token->substr(1), kMaxSteps);
    if (!number) return "get-overlapped-result needs a registration r0..r" + std::to_string(kMaxSteps);
    step.registration = static_cast<int>(*number);
  } else if (step.kind == StepKind::kEnvironment) {
    auto token = positional("action");
    auto action = token ? ParseEnvAction(*token) : std::nullopt;
    if (!action) return "env needs an action: enable, disable, lose, regain or restart";
    step.action = *action;
  } else if (step.kind == StepKind::kAdvance) {
    auto token = positional("microseconds");
    auto number = token ? ParseUnsigned(*token, kMaxAdvance) : std::nullopt;
    if (!number) return "advance needs microseconds of virtual time, at most " + std::to_string(kMaxAdvance);
    step.advance = *number;
  }
  for (; next < tokens.size(); ++next) {
    std::string error = ParseOption(tokens[next], step);
    if (!error.empty()) return error;
  }
  return step;
}

}  // namespace

std::variant<Scenario, ScenarioParseError> ParseScenario(const std::string& text) {
  Scenario scenario;
  std::istringstream in(text);
  int line_number = 0;
  bool have_header = false, have_seed = false, have_initial = false;
  for (std::string line; std::getline(in, line);) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::vector<std::string> tokens = Tokens(line);
    if (tokens.empty()) continue;
    auto error = [&](const std::string& message) { return ScenarioParseError{line_number, message}; };
    if (!have_header) {
      if (tokens[0] != "pdscenario" || tokens.size() != 2) {
        return error("expected the header 'pdscenario " + std::to_string(kScenarioFormatVersion) + "'");
      }
      if (tokens[1] != std::to_string(kScenarioFormatVersion)) {
        return error("unsupported format version '" + tokens[1] + "' (this harness reads version " +
                     std::to_string(kScenarioFormatVersion) + ")");
      }
      have_header = true;
      continue;
    }
    if (tokens[0] == "seed") {
      auto seed = tokens.size() == 2 ? ParseUnsigned(tokens[1], ~std::uint64_t{0}) : std::nullopt;
      if (!seed) return error("seed needs one decimal number");
      if (have_seed) return error("seed given twice");
      scenario.seed = *seed;
      have_seed = true;
      continue;
    }
    if (tokens[0] == "initial") {
      auto status = tokens.size() == 2 ? ParseStatus(tokens[1]) : std::nullopt;
      if (!status) return error("initial needs disabled, unavailable or available");
      if (have_initial) return error("initial given twice");
      if (!scenario.steps.empty()) return error("initial must come before the steps");
      scenario.initial_status = *status;
      have_initial = true;
      continue;
    }
    if (scenario.steps.size() >= static_cast<std::size_t>(kMaxSteps)) {
      return error("more than " + std::to_string(kMaxSteps) + " steps");
    }
    auto step = ParseStep(tokens);
    if (auto* message = std::get_if<std::string>(&step)) return error(*message);
    scenario.steps.push_back(std::get<Step>(step));
  }
  if (!have_header) return ScenarioParseError{0, "empty file: expected the header 'pdscenario 1'"};
  if (!have_seed) return ScenarioParseError{0, "missing 'seed' line"};
  return scenario;
}

}  // namespace pd
