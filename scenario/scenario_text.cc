#include "scenario/scenario_text.h"

#include "scenario/step_fields.h"
#include "text/input_excerpt.h"

#include <cerrno>
#include <cstdlib>
#include <optional>
#include <sstream>
#include <type_traits>
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
    case StepKind::kPublish: return "publish";
    case StepKind::kAddToStream: return "add-to-stream";
    case StepKind::kCompleteStream: return "complete-stream";
    case StepKind::kCloseStream: return "close-stream";
    case StepKind::kUnpublish: return "unpublish";
    case StepKind::kOpenInfo: return "open-info";
    case StepKind::kRetrieveInfo: return "retrieve-info";
    case StepKind::kCloseInfo: return "close-info";
    case StepKind::kServerCancel: return "server-cancel";
    case StepKind::kOpenContent: return "open-content";
    case StepKind::kCloseContent: return "close-content";
    case StepKind::kAddInfo: return "add-info";
    case StepKind::kCompleteInfo: return "complete-info";
    case StepKind::kAddData: return "add-data";
    case StepKind::kBlockRead: return "block-read";
    case StepKind::kStreamRead: return "stream-read";
    case StepKind::kFlush: return "flush";
    case StepKind::kGetInfo: return "get-info";
    case StepKind::kClientCancel: return "client-cancel";
    case StepKind::kPeerAdd: return "peer-add";
    case StepKind::kPeerRemove: return "peer-remove";
  }
  return "?";
}

constexpr StepKind kAllKinds[] = {
    StepKind::kStartup,      StepKind::kShutdown,     StepKind::kGetStatus,      StepKind::kRegister,
    StepKind::kUnregister,   StepKind::kGetOverlappedResult, StepKind::kEnvironment, StepKind::kAdvance,
    StepKind::kPublish,      StepKind::kAddToStream,  StepKind::kCompleteStream, StepKind::kCloseStream,
    StepKind::kUnpublish,    StepKind::kOpenInfo,     StepKind::kRetrieveInfo,   StepKind::kCloseInfo,
    StepKind::kServerCancel, StepKind::kOpenContent,  StepKind::kCloseContent,   StepKind::kAddInfo,
    StepKind::kCompleteInfo, StepKind::kAddData,      StepKind::kBlockRead,      StepKind::kStreamRead,
    StepKind::kFlush,        StepKind::kGetInfo,      StepKind::kClientCancel,   StepKind::kPeerAdd,
    StepKind::kPeerRemove,
};

const char* PortName(PortArg port) {
  switch (port) {
    case PortArg::kNone: return "none";
    case PortArg::kNew: return "new";
    case PortArg::kLast: return "last";
    case PortArg::kBogus: return "bogus";
  }
  return "?";
}

void RenderContentOptions(const Step& step, std::string& out) {
  const StepKind k = step.kind;
  if (HasId(k)) out += " id=" + std::to_string(step.content);
  if (HasOffset(k) && step.offset != 0) out += " offset=" + std::to_string(step.offset);
  if (HasOverlappedOffset(k) && step.overlapped_offset != 0) {
    out += " overlapped-offset=" + std::to_string(step.overlapped_offset);
  }
  if (HasLength(k) && step.length != 0) out += " length=" + std::to_string(step.length);
  if (HasOptions(k) && step.options != 0) out += " options=" + std::to_string(step.options);
  if (HasBytes(k) && step.bytes != Step{}.bytes) out += " bytes=" + std::to_string(step.bytes);
  if (HasTag(k) && step.tag != 0) out += " tag=" + std::to_string(step.tag);
  if (k == StepKind::kGetInfo && step.info_class != 0) out += " class=" + std::to_string(step.info_class);
  if (HasTimeout(k) && step.timeout == TimeoutArg::kLocalOnly) out += " timeout=local";
  if (HasTimeout(k) && step.timeout == TimeoutArg::kMilliseconds) out += " timeout=" + std::to_string(step.timeout_ms);
  if (k == StepKind::kAddInfo && step.source != 0) out += " from=i" + std::to_string(step.source);
  if (k == StepKind::kAddInfo && step.pieces >= 2) {
    out += " part=" + std::to_string(step.piece) + "/" + std::to_string(step.pieces);
  }
  if (HasCorrupt(k) && step.corrupt) out += " corrupt";
  if (HasEx(k) && step.ex) out += " ex";
  if (HasPort(k) && step.port != PortArg::kNone) out += std::string(" port=") + PortName(step.port);
  if (HasPort(k) && step.key != 0) out += " key=" + std::to_string(step.key);
  if (IsAsyncContentStep(k) && !step.event) out += " event=none";
  if (HasOverlapped(k) && step.null_overlapped) out += " overlapped=null";
  if (NullInName(k) != nullptr && step.null_in) out += std::string(" ") + NullInName(k) + "=null";
  if (TakesIdentifier(k) && step.empty_id && !step.null_in) out += " identifier=empty";
  if (HasOut(k) && step.null_out) out += " out=null";
}

}  // namespace

bool IsAsyncContentStep(StepKind k) {
  return k == StepKind::kAddToStream || k == StepKind::kCompleteStream || k == StepKind::kRetrieveInfo ||
         k == StepKind::kAddInfo || k == StepKind::kCompleteInfo || k == StepKind::kAddData ||
         k == StepKind::kBlockRead || k == StepKind::kStreamRead || k == StepKind::kFlush;
}

std::string RenderStep(const Step& step) {
  std::string out = VerbOf(step.kind);
  if (TakesSession(step.kind)) out += " s" + std::to_string(step.session);
  if (IsContentKind(step.kind)) {
    if (const char prefix = ObjectPrefix(step.kind)) out += std::string(" ") + prefix + std::to_string(step.object);
    if (TakesOperation(step.kind)) {
      out += step.kind == StepKind::kClientCancel && step.all ? std::string(" all")
                                                              : " o" + std::to_string(step.registration);
    }
    if (step.handle == HandleArg::kBogus) out += " handle=bogus";
    RenderContentOptions(step, out);
    return out;
  }
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
      out += (step.of_operation ? " o" : " r") + std::to_string(step.registration);
      if (step.wait) out += " wait";
      if (step.null_out) out += " bytes=null";
      break;
    case StepKind::kEnvironment:
      out += std::string(" ") + EnvActionName(step.action);
      break;
    case StepKind::kAdvance:
      out += " " + std::to_string(step.advance);
      break;
    case StepKind::kPeerAdd:
      out += " id=" + std::to_string(step.content) + " offset=" + std::to_string(step.offset) +
             " length=" + std::to_string(step.length) + " delay=" + std::to_string(step.latency_ms);
      break;
    case StepKind::kPeerRemove:
      out += " id=" + std::to_string(step.content);
      break;
    default:
      break;
  }
  return out;
}

std::string RenderScenario(const Scenario& scenario) {
  std::string out = "pdscenario " + std::to_string(kScenarioFormatVersion) + "\n";
  out += "seed " + std::to_string(scenario.seed) + "\n";
  out += "initial " + StatusName(scenario.initial_status) + "\n";
  for (const Step& step : scenario.steps) out += RenderStep(step) + "\n";
  return out + "end\n";
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
  for (StepKind kind : kAllKinds) {
    if (verb == VerbOf(kind)) return kind;
  }
  return std::nullopt;
}

std::string ParseContentOption(const std::string& name, const std::string& value, bool flag, const std::string& token,
                               Step& step) {
  const StepKind k = step.kind;
  auto number = [&](std::uint64_t max, auto& field) -> std::string {
    auto parsed = ParseUnsigned(value, max);
    if (!parsed) return name + " must be a decimal number at most " + std::to_string(max) + ", not '" + InputExcerpt(value) + "'";
    field = static_cast<std::remove_reference_t<decltype(field)>>(*parsed);
    return "";
  };
  if (name == "handle") {
    if (value == "bogus") { step.handle = HandleArg::kBogus; return ""; }
    if (value == "slot") { step.handle = HandleArg::kSlot; return ""; }
    return "handle must be 'slot' or 'bogus', not '" + InputExcerpt(value) + "'";
  }
  if (name == "id" && HasId(k)) return number(kMaxContentId, step.content);
  if (name == "offset" && HasHighOffset(k)) {
    // OffsetHigh up to kMaxOffsetHigh over an Offset of at most kMaxStepBytes.
    const auto parsed = ParseUnsigned(value, kMaxStepOffset);
    if (!parsed || (*parsed & 0xFFFFFFFFu) > kMaxStepBytes) {
      return "offset must be a decimal number N * 4294967296 + M with N at most " + std::to_string(kMaxOffsetHigh) +
             " and M at most " + std::to_string(kMaxStepBytes) + ", not '" + InputExcerpt(value) + "'";
    }
    step.offset = *parsed;
    return "";
  }
  if (name == "offset" && HasOffset(k)) return number(kMaxStepBytes, step.offset);
  if (name == "overlapped-offset" && HasOverlappedOffset(k)) return number(~std::uint64_t{0}, step.overlapped_offset);
  if (name == "length" && HasLength(k)) return number(kMaxStepBytes, step.length);
  if (name == "options" && HasOptions(k)) return number(kMaxPublicationOptionsVersion, step.options);
  if (name == "bytes" && HasBytes(k)) return number(kMaxStepBytes, step.bytes);
  if (name == "class" && k == StepKind::kGetInfo) return number(kMaxInfoClass, step.info_class);
  if (name == "tag" && HasTag(k)) {
    if (value == "null") { step.null_in = true; return ""; }
    return number(255, step.tag);
  }
  if (name == "timeout" && HasTimeout(k)) {
    if (value == "local") { step.timeout = TimeoutArg::kLocalOnly; return ""; }
    if (value == "default") { step.timeout = TimeoutArg::kDefault; return ""; }
    auto parsed = ParseUnsigned(value, kMaxReadTimeoutMs);
    if (!parsed || *parsed == 0) {
      return "timeout must be 'local', 'default' or milliseconds 1.." + std::to_string(kMaxReadTimeoutMs) + ", not '" +
             InputExcerpt(value) + "'";
    }
    step.timeout = TimeoutArg::kMilliseconds;
    step.timeout_ms = static_cast<std::uint32_t>(*parsed);
    return "";
  }
  if (name == "from" && k == StepKind::kAddInfo) {
    if (value.size() == 2 && value[0] == 'i' && value[1] >= '0' && value[1] < '0' + kMaxObjects) {
      step.source = value[1] - '0';
      return "";
    }
    return "from must name an info slot i0..i" + std::to_string(kMaxObjects - 1);
  }
  if (name == "part" && k == StepKind::kAddInfo) {
    const std::size_t slash = value.find('/');
    // No '/' leaves the count empty, which does not parse.
    const std::string count = slash == std::string::npos ? std::string() : value.substr(slash + 1);
    const std::uint64_t piece = ParseUnsigned(value.substr(0, slash), kMaxInfoPieces - 1).value_or(kMaxInfoPieces);
    const std::uint64_t pieces = ParseUnsigned(count, kMaxInfoPieces).value_or(0);
    if (pieces < 2 || piece >= pieces) {
      return "part must be K/N with 2 <= N <= " + std::to_string(kMaxInfoPieces) + " and K < N, not '" +
             InputExcerpt(value) + "'";
    }
    step.piece = static_cast<std::uint32_t>(piece);
    step.pieces = static_cast<std::uint32_t>(pieces);
    return "";
  }
  if (flag && name == "corrupt" && HasCorrupt(k)) { step.corrupt = true; return ""; }
  if (flag && name == "ex" && HasEx(k)) { step.ex = true; return ""; }
  if (name == "port" && HasPort(k)) {
    for (PortArg port : {PortArg::kNone, PortArg::kNew, PortArg::kLast, PortArg::kBogus}) {
      if (value == PortName(port)) { step.port = port; return ""; }
    }
    return "port must be none, new, last or bogus, not '" + InputExcerpt(value) + "'";
  }
  if (name == "key" && HasPort(k)) return number(~std::uint64_t{0}, step.key);
  if (name == "event" && IsAsyncContentStep(k)) {
    if (value == "none") { step.event = false; return ""; }
    if (value == "new") { step.event = true; return ""; }
    return "event must be 'new' or 'none', not '" + InputExcerpt(value) + "'";
  }
  if (name == "overlapped" && HasOverlapped(k)) {
    if (value == "null") { step.null_overlapped = true; return ""; }
    if (value == "ok") { step.null_overlapped = false; return ""; }
    return "overlapped must be 'ok' or 'null', not '" + InputExcerpt(value) + "'";
  }
  if (NullInName(k) != nullptr && name == NullInName(k) && value == "null") { step.null_in = true; return ""; }
  if (TakesIdentifier(k) && name == "identifier" && value == "empty") { step.empty_id = true; return ""; }
  if (name == "out" && HasOut(k)) {
    if (value == "null") { step.null_out = true; return ""; }
    if (value == "ok") { step.null_out = false; return ""; }
    return "out must be 'ok' or 'null', not '" + InputExcerpt(value) + "'";
  }
  return "unknown option '" + InputExcerpt(token) + "' for " + VerbOf(k);
}

// Parses the options after a step's positional arguments. Returns an error
// message, or "" on success.
std::string ParseOption(const std::string& token, Step& step) {
  const auto eq = token.find('=');
  const std::string name = token.substr(0, eq);
  const std::string value = eq == std::string::npos ? "" : token.substr(eq + 1);
  const bool flag = eq == std::string::npos;
  const StepKind kind = step.kind;
  if (IsContentKind(kind)) return ParseContentOption(name, value, flag, token, step);
  if (name == "handle" && TakesHandle(kind)) {
    if (value == "bogus") { step.handle = HandleArg::kBogus; return ""; }
    if (value == "slot") { step.handle = HandleArg::kSlot; return ""; }
    return "handle must be 'slot' or 'bogus', not '" + InputExcerpt(value) + "'";
  }
  if (flag && name == "ex" && (kind == StepKind::kGetStatus || kind == StepKind::kRegister)) {
    step.ex = true;
    return "";
  }
  if (name == "out" && (kind == StepKind::kStartup || kind == StepKind::kGetStatus || kind == StepKind::kRegister)) {
    if (value == "null") { step.null_out = true; return ""; }
    if (value == "ok") { step.null_out = false; return ""; }
    return "out must be 'ok' or 'null', not '" + InputExcerpt(value) + "'";
  }
  if (name == "version" && kind == StepKind::kStartup) {
    auto number = ParseUnsigned(value, 0xFFFFFFFFu);
    if (!number) return "version must be a decimal DWORD, not '" + InputExcerpt(value) + "'";
    step.version = static_cast<DWORD>(*number);
    return "";
  }
  if (kind == StepKind::kRegister) {
    if (name == "port") {
      for (PortArg port : {PortArg::kNone, PortArg::kNew, PortArg::kLast, PortArg::kBogus}) {
        if (value == PortName(port)) { step.port = port; return ""; }
      }
      return "port must be none, new, last or bogus, not '" + InputExcerpt(value) + "'";
    }
    if (name == "key") {
      auto number = ParseUnsigned(value, ~std::uint64_t{0});
      if (!number) return "key must be a decimal number, not '" + InputExcerpt(value) + "'";
      step.key = *number;
      return "";
    }
    if (name == "event") {
      if (value == "none") { step.event = false; return ""; }
      if (value == "new") { step.event = true; return ""; }
      return "event must be 'new' or 'none', not '" + InputExcerpt(value) + "'";
    }
    if (name == "overlapped") {
      if (value == "null") { step.null_overlapped = true; return ""; }
      if (value == "ok") { step.null_overlapped = false; return ""; }
      return "overlapped must be 'ok' or 'null', not '" + InputExcerpt(value) + "'";
    }
  }
  if (IsPeerKind(kind)) {
    auto bounded = [&](std::uint64_t max) -> std::optional<std::uint64_t> { return ParseUnsigned(value, max); };
    std::optional<std::uint64_t> number;
    if (name == "id" && (number = bounded(kMaxContentId))) { step.content = static_cast<std::uint32_t>(*number); return ""; }
    if (kind == StepKind::kPeerAdd) {
      if (name == "offset" && (number = bounded(kMaxStepBytes))) { step.offset = *number; return ""; }
      if (name == "length" && (number = bounded(kMaxStepBytes))) { step.length = *number; return ""; }
      if (name == "delay" && (number = bounded(kMaxReadTimeoutMs))) {
        step.latency_ms = static_cast<std::uint32_t>(*number);
        return "";
      }
    }
    return "bad option '" + token + "' for " + VerbOf(kind) + " (id=0.." + std::to_string(kMaxContentId) +
           (kind == StepKind::kPeerAdd ? ", offset=, length= at most " + std::to_string(kMaxStepBytes) +
                                             ", delay= milliseconds at most " + std::to_string(kMaxReadTimeoutMs)
                                       : std::string()) +
           ")";
  }
  if (kind == StepKind::kGetOverlappedResult) {
    if (flag && name == "wait") { step.wait = true; return ""; }
    if (name == "bytes" && value == "null") { step.null_out = true; return ""; }
  }
  return "unknown option '" + InputExcerpt(token) + "' for " + VerbOf(kind);
}

std::variant<Step, std::string> ParseStep(const std::vector<std::string>& tokens) {
  Step step;
  auto kind = ParseVerb(tokens[0]);
  if (!kind) return "unknown step '" + InputExcerpt(tokens[0]) + "'";
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
    if (const char prefix = IsContentKind(step.kind) ? ObjectPrefix(step.kind) : 0) {
      auto slot = positional("slot");
      if (!slot || slot->size() != 2 || (*slot)[0] != prefix || (*slot)[1] < '0' || (*slot)[1] >= '0' + kMaxObjects) {
        return std::string(VerbOf(step.kind)) + " needs a handle slot " + prefix + "0.." + prefix +
               std::to_string(kMaxObjects - 1);
      }
      step.object = (*slot)[1] - '0';
    }
    if (TakesOperation(step.kind)) {
      auto token = positional("operation");
      std::optional<std::uint64_t> number;
      if (token && step.kind == StepKind::kClientCancel && *token == "all") {
        step.all = true;
      } else {
        if (token && token->size() > 1 && (*token)[0] == 'o') number = ParseUnsigned(token->substr(1), kMaxSteps);
        if (!number) {
          return std::string(VerbOf(step.kind)) + " needs an operation o0..o" + std::to_string(kMaxSteps) +
                 (step.kind == StepKind::kClientCancel ? " or 'all'" : "");
        }
        step.registration = static_cast<int>(*number);
      }
    }
  } else if (step.kind == StepKind::kGetOverlappedResult) {
    auto token = positional("registration");
    std::optional<std::uint64_t> number;
    if (token && token->size() > 1 && ((*token)[0] == 'r' || (*token)[0] == 'o')) {
      number = ParseUnsigned(token->substr(1), kMaxSteps);
      step.of_operation = (*token)[0] == 'o';
    }
    if (!number) {
      return "get-overlapped-result needs a registration r0..r" + std::to_string(kMaxSteps) + " or an operation o0..o" +
             std::to_string(kMaxSteps);
    }
    step.registration = static_cast<int>(*number);
  } else if (step.kind == StepKind::kEnvironment) {
    auto token = positional("action");
    auto action = token ? ParseEnvAction(*token) : std::nullopt;
    if (!action) return "env needs an action: enable, disable, lose, regain, restart, policy-off, policy-on, stop or start";
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
  bool have_header = false, have_seed = false, have_initial = false, have_end = false;
  int version = 0;
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
      const auto number = ParseUnsigned(tokens[1], kScenarioFormatVersion);
      if (!number || *number < kOldestScenarioFormatVersion) {
        return error("unsupported format version '" + InputExcerpt(tokens[1]) + "' (this harness reads versions " +
                     std::to_string(kOldestScenarioFormatVersion) + " to " + std::to_string(kScenarioFormatVersion) +
                     ")");
      }
      version = static_cast<int>(*number);
      have_header = true;
      continue;
    }
    if (have_end) return error("nothing may follow the 'end' line");
    if (tokens[0] == "end") {
      if (tokens.size() != 1) return error("'end' takes no arguments");
      have_end = true;
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
  if (!have_header) {
    return ScenarioParseError{
        0, "empty file: expected the header 'pdscenario " + std::to_string(kScenarioFormatVersion) + "'"};
  }
  if (!have_seed) return ScenarioParseError{0, "missing 'seed' line"};
  // A file cut short at a line boundary would otherwise replay as a shorter
  // scenario, its violation gone, and pass.
  if (version >= 2 && !have_end) {
    return ScenarioParseError{line_number, "the file ends without its 'end' line: it was cut short"};
  }
  return scenario;
}

}  // namespace pd
