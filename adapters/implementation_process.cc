#include "adapters/implementation_process.h"

#include "adapters/protocol_text.h"

namespace pd {
namespace {

std::string Backquote(const std::string& line) { return "`" + line + "`"; }

}  // namespace

ImplementationProcess::ImplementationProcess(ProcessSpec spec) : spec_(std::move(spec)) {}

std::string ImplementationProcess::Activity() const {
  const std::string activity = spec_.activity ? spec_.activity() : "";
  return activity.empty() ? "" : " (" + activity + ")";
}

bool ImplementationProcess::Spawn(std::string* error) {
  child_.reset();
  open_exchanges_ = 0;
  queued_.clear();
  greeted_ = false;
  used_ = false;
  child_ = spec_.spawn(error);
  return child_ != nullptr;
}

ImplementationLost ImplementationProcess::Lose(ImplementationLost lost) {
  child_.reset();  // kills and reaps
  open_exchanges_ = 0;
  queued_.clear();
  return lost;
}

void ImplementationProcess::Send(const std::string& line, const std::string& context) {
  if (!child_) throw Crashed("the implementation process is gone (while handling " + Backquote(context) + ")");
  queued_ += line;
  queued_ += '\n';
  queued_last_ = line;
  queued_context_ = context;
}

void ImplementationProcess::Flush() {
  if (queued_.empty()) return;
  const bool written = child_->Write(queued_, spec_.answer_timeout_ms);
  queued_.clear();
  if (written) return;
  // Either it died (the read below reports how) or it stopped reading.
  std::string ignored;
  if (child_->ReadLine(0, &ignored) == ChildProcess::ReadResult::kEnd) {
    const std::string how = child_->DescribeEnd(kExitGraceMs);  // reaped first, as below
    throw Lose(Crashed("the implementation process " + how + " (while handling " + Backquote(queued_context_) + ")" +
                       Activity()));
  }
  throw Lose(Hung("the implementation process did not read " + Backquote(queued_last_) + " within " +
                  std::to_string(spec_.answer_timeout_ms) + " ms (wall clock); killed" + Activity()));
}

std::string ImplementationProcess::Receive(const std::string& context) {
  if (!child_) throw Crashed("the implementation process is gone (while handling " + Backquote(context) + ")");
  Flush();
  const int timeout = !greeted_ ? kStartupTimeoutMs : spec_.answer_timeout_ms;
  std::string line;
  switch (child_->ReadLine(timeout, &line)) {
    case ChildProcess::ReadResult::kLine:
      return line;
    case ChildProcess::ReadResult::kEnd: {
      // Reaped first: then its last stage (Activity) is final.
      const std::string how = child_->DescribeEnd(kExitGraceMs);
      std::string what = "the implementation process " + how + " while handling " + Backquote(context) + Activity();
      if (!line.empty()) what += " (its last output, unterminated: " + protocol::Quote(line) + ")";
      throw Lose(Crashed(what));
    }
    case ChildProcess::ReadResult::kTimeout:
      throw Lose(Hung("no answer to " + Backquote(context) + " within " + std::to_string(timeout) +
                      " ms (wall clock); the implementation process was killed" + Activity()));
    case ChildProcess::ReadResult::kTooLong:
      throw Lose(Crashed("protocol violation while handling " + Backquote(context) + ": a line longer than " +
                         std::to_string(protocol::kMaxLineBytes) + " bytes: " + protocol::Quote(line)));
  }
  throw Lose(Crashed("unreachable"));
}

void ImplementationProcess::Expect(const std::string& sent, const std::string& answer) {
  const std::string line = Receive(sent);
  if (line != answer) {
    throw Lose(Crashed("protocol violation: received " + protocol::Quote(line) + " in answer to " + Backquote(sent) +
                       "; expected " + Backquote(answer)));
  }
}

void ImplementationProcess::Hello() {
  const std::string hello = "hello " + std::to_string(protocol::kVersion);
  Send(hello, hello);
  const std::string line = Receive(hello);
  if (line != hello && line.rfind("hello ", 0) == 0) {
    // A program written for another version of the protocol: say so, not
    // just that the line differs.
    throw Lose(Crashed("it answered " + Backquote(line) + ": it speaks protocol version " + line.substr(6) +
                       ", this harness speaks version " + std::to_string(protocol::kVersion) +
                       " (adapters/PROTOCOL.md)"));
  }
  if (line != hello) {
    throw Lose(Crashed("protocol violation: received " + protocol::Quote(line) + " in answer to " + Backquote(hello) +
                       "; expected " + Backquote(hello)));
  }
  greeted_ = true;
}

void ImplementationProcess::Reset() {
  Send("reset", "reset");
  Expect("reset", "done");
}

void ImplementationProcess::BeginCase() {
  const bool usable = child_ && open_exchanges_ == 0 && !(spec_.fresh_per_case && used_);
  if (!usable) {
    std::string error;
    if (!Spawn(&error)) throw Crashed("the implementation process could not start: " + error);
  }
  used_ = true;
  if (!greeted_) Hello();
  Reset();
}

std::string ImplementationProcess::Probe() {
  std::string error;
  if (!Spawn(&error)) return spec_.name + ": cannot start: " + error;
  try {
    Hello();
    Reset();
  } catch (const ImplementationLost& lost) {
    std::string what = lost.finding;
    for (const char* prefix : {kCrashFindingPrefix, kHangFindingPrefix}) {
      if (what.rfind(prefix, 0) == 0) what.erase(0, std::string(prefix).size());
    }
    return spec_.name + ": does not speak the harness protocol (version " + std::to_string(protocol::kVersion) +
           "): " + what;
  }
  // The first case runs on this process: saves a start-up.
  return "";
}

}  // namespace pd
