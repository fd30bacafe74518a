#include "adapters/protocol_adapter.h"

#include <cstring>
#include <optional>
#include <vector>

#include "sim/content_info.h"
#include <utility>

namespace pd {
namespace {

std::string Backquote(const std::string& line) { return "`" + line + "`"; }

// Where a completion packet's OVERLAPPED points when the process names one the
// harness never handed out: an address nothing owns, so the World records a
// stray packet, as it would for an in-process implementation.
LPOVERLAPPED StrayOverlapped() { return reinterpret_cast<LPOVERLAPPED>(std::uintptr_t{0xBAD0FF00}); }

HANDLE AsHandle(std::uint64_t value) { return reinterpret_cast<HANDLE>(static_cast<std::uintptr_t>(value)); }

}  // namespace

ProtocolAdapter::ProtocolAdapter(std::shared_ptr<ImplementationProcess> process, HostServices& host)
    : process_(std::move(process)), host_(host) {}

void ProtocolAdapter::OnServiceStatusChanged(PEERDIST_STATUS before, PEERDIST_STATUS now) {
  BeginCaseOnce();
  Exchange("status-changed " + Encode(before) + " " + Encode(now), "done");
}

std::string ProtocolAdapter::BufferRef(void* pointer, const BufferLayout& layout, std::size_t size, bool lives_on,
                                       bool read_only) {
  if (pointer == nullptr) return "0";
  auto known = lasting_.find(pointer);
  if (known != lasting_.end() && buffers_[known->second].layout == &layout && buffers_[known->second].size == size) {
    return "@" + std::to_string(known->second);
  }
  const int id = static_cast<int>(buffers_.size());
  Buffer& buffer = buffers_.emplace_back();
  buffer.where = pointer;
  buffer.layout = &layout;
  buffer.size = size;
  buffer.read_only = read_only;
  if (lives_on) {
    lasting_[pointer] = id;
  } else {
    call_buffers_.push_back(id);
  }
  return "@" + std::to_string(id);
}

void ProtocolAdapter::RetireCallBuffers() {
  for (int id : call_buffers_) buffers_[id].where = nullptr;
  call_buffers_.clear();
}

void ProtocolAdapter::BeginCaseOnce() {
  if (lost_) throw Crashed("the implementation process was lost earlier in this case");
  if (begun_) return;
  begun_ = true;
  try {
    process_->BeginCase();
  } catch (const ImplementationLost&) {
    lost_ = true;
    throw;
  }
}

void ProtocolAdapter::SyncBuffersToProcess(const std::string& context) {
  for (std::size_t id = 0; id < buffers_.size(); ++id) {
    Buffer& buffer = buffers_[id];
    if (buffer.where == nullptr) continue;
    const auto* bytes = static_cast<const unsigned char*>(buffer.where);
    // memcmp and memcpy take no null pointer even for 0 bytes (an empty
    // buffer's data() may be null): a buffer of 0 bytes never changes.
    if (buffer.sent && (buffer.size == 0 || std::memcmp(buffer.synced.data(), bytes, buffer.size) == 0)) continue;
    buffer.synced.assign(bytes, bytes + buffer.size);
    buffer.sent = true;
    process_->Send("mem " + std::to_string(id) + " " + EncodeBuffer(*buffer.layout, bytes, buffer.size), context);
  }
}

std::uint64_t ProtocolAdapter::Exchange(const std::string& message, const char* terminator) {
  try {
    SyncBuffersToProcess(message);
    process_->Send(message, message);
    process_->OpenExchange();
    contexts_.push_back(message);
    for (int lines = 0; lines < kMaxLinesPerExchange; ++lines) {
      const std::string line = process_->Receive(message);
      const auto words = protocol::Tokens(line);
      if (!words) Violation(line, "not a protocol line (words separated by single spaces)");
      if ((*words)[0] == terminator) {
        std::uint64_t value = 0;
        if (std::strcmp(terminator, "ret") == 0) {
          Arity(*words, 2, line);
          value = Number(*words, 1, line);
          if (value > 0xFFFFFFFFu) Violation(line, "a return value wider than 32 bits");
        } else {
          Arity(*words, 1, line);
        }
        contexts_.pop_back();
        process_->CloseExchange();
        return value;
      }
      if ((*words)[0] == "mem") {
        ApplyMem(*words, line);
      } else if ((*words)[0] == "wrote-outside") {
        WroteOutside(*words, line);
      } else if (!ServeRequest(*words, line)) {
        Violation(line, std::string("expected `") + terminator + "`, `mem` or a host-service request");
      }
    }
    throw process_->Lose(Hung("sent " + std::to_string(kMaxLinesPerExchange) + " lines without answering " +
                              Backquote(message) + "; the implementation process was killed"));
  } catch (const ImplementationLost&) {
    lost_ = true;
    throw;
  }
}

void ProtocolAdapter::Violation(const std::string& line, const std::string& what) {
  throw process_->Lose(Crashed("protocol violation: received " + protocol::Quote(line) + " while handling " +
                               Backquote(contexts_.empty() ? std::string("?") : contexts_.back()) + ": " + what));
}

void ProtocolAdapter::Arity(const std::vector<std::string_view>& words, std::size_t count, const std::string& line) {
  if (words.size() != count) {
    Violation(line, "`" + std::string(words[0]) + "` takes " + std::to_string(count - 1) + " argument(s)");
  }
}

std::uint64_t ProtocolAdapter::Number(const std::vector<std::string_view>& words, std::size_t index,
                                      const std::string& line) {
  const auto value = protocol::ParseNumber(words[index]);
  if (!value) Violation(line, "argument " + std::to_string(index) + " is not a number");
  return *value;
}

void ProtocolAdapter::ApplyMem(const std::vector<std::string_view>& words, const std::string& line) {
  if (words.size() < 3) Violation(line, "`mem` takes a buffer id, a type and its fields");
  const std::uint64_t id = Number(words, 1, line);
  if (id >= buffers_.size()) Violation(line, "no buffer " + std::to_string(id) + " was handed out in this case");
  Buffer& buffer = buffers_[id];
  // Any buffer may be written as its raw bytes; only that form can say
  // that more bytes were written than the buffer has.
  const bool raw = words[2] == "bytes";
  if (!raw && words[2] != buffer.layout->name) {
    Violation(line, "buffer " + std::to_string(id) + " is a " + buffer.layout->name + ", not a " + std::string(words[2]));
  }
  std::vector<unsigned char> contents;
  const std::string error = DecodeBuffer(raw ? LayoutNamed("bytes") : *buffer.layout,
                                         std::vector<std::string_view>(words.begin() + 3, words.end()), contents);
  if (!error.empty()) Violation(line, error);
  if (contents.size() < buffer.size) {
    Violation(line, "buffer " + std::to_string(id) + " has " + std::to_string(buffer.size) + " bytes");
  }
  // A write to a buffer whose call has returned lands nowhere, as a write
  // through a dangling pointer would in process (minus the corruption).
  if (buffer.where == nullptr) return;
  // Bytes past the end are a write outside the buffer: the World records
  // what its guard bytes would have caught in process; they land nowhere.
  if (contents.size() > buffer.size) host_.WroteOutside(buffer.where, GuardDamage{0, contents.size() - buffer.size});
  if (buffer.read_only) return;
  contents.resize(buffer.size);
  if (!contents.empty()) std::memcpy(buffer.where, contents.data(), contents.size());
  buffer.synced = std::move(contents);
  buffer.sent = true;
}

void ProtocolAdapter::WroteOutside(const std::vector<std::string_view>& words, const std::string& line) {
  Arity(words, 4, line);
  const std::uint64_t id = Number(words, 1, line);
  if (id >= buffers_.size()) Violation(line, "no buffer " + std::to_string(id) + " was handed out in this case");
  const std::uint64_t before = Number(words, 2, line), after = Number(words, 3, line);
  if (buffers_[id].where == nullptr || (before == 0 && after == 0)) return;
  host_.WroteOutside(buffers_[id].where,
                     GuardDamage{static_cast<std::size_t>(before), static_cast<std::size_t>(after)});
}

void ProtocolAdapter::Answer(std::uint64_t value) {
  process_->Send("ok " + protocol::Decimal(value), contexts_.empty() ? std::string("?") : contexts_.back());
}

bool ProtocolAdapter::ServeRequest(const std::vector<std::string_view>& words, const std::string& line) {
  const std::string_view verb = words[0];
  if (verb == "set-event") {
    Arity(words, 2, line);
    Answer(host_.SetEvent(AsHandle(Number(words, 1, line))) ? 1 : 0);
  } else if (verb == "post") {
    Arity(words, 5, line);
    const HANDLE port = AsHandle(Number(words, 1, line));
    const std::uint64_t bytes = Number(words, 2, line);
    const std::uint64_t key = Number(words, 3, line);
    if (bytes > 0xFFFFFFFFu) Violation(line, "a byte count wider than 32 bits");
    LPOVERLAPPED overlapped = nullptr;
    if (words[4].size() > 1 && words[4][0] == '@') {
      const auto id = protocol::ParseNumber(words[4].substr(1));
      if (!id || *id >= buffers_.size() || buffers_[*id].layout != &LayoutNamed("overlapped")) {
        Violation(line, "`post` names no OVERLAPPED buffer of this case");
      }
      overlapped = static_cast<LPOVERLAPPED>(buffers_[*id].where);
      if (overlapped == nullptr) overlapped = StrayOverlapped();
    } else if (Number(words, 4, line) != 0) {
      overlapped = StrayOverlapped();
    }
    Answer(host_.PostQueuedCompletionStatus(port, static_cast<DWORD>(bytes), static_cast<ULONG_PTR>(key), overlapped)
               ? 1
               : 0);
  } else if (verb == "is-port") {
    Arity(words, 2, line);
    Answer(host_.IsCompletionPort(AsHandle(Number(words, 1, line))) ? 1 : 0);
  } else if (verb == "is-event") {
    Arity(words, 2, line);
    Answer(host_.IsEvent(AsHandle(Number(words, 1, line))) ? 1 : 0);
  } else if (verb == "wait") {
    Arity(words, 3, line);
    const HANDLE event = AsHandle(Number(words, 1, line));
    const std::uint64_t timeout = Number(words, 2, line);
    if (timeout > 0xFFFFFFFFu) Violation(line, "a timeout wider than 32 bits");
    // Runs the World: fire and status-changed exchanges may nest in here.
    Answer(host_.WaitForEvent(event, static_cast<DWORD>(timeout)));
  } else if (verb == "schedule") {
    Arity(words, 2, line);
    const Duration delay = Number(words, 1, line);
    auto timer = std::make_shared<TimerId>(0);
    *timer = host_.ScheduleAfter(delay, [this, timer] { Fire(*timer); });
    timers_.insert(*timer);
    Answer(*timer);
  } else if (verb == "cancel") {
    Arity(words, 2, line);
    const TimerId timer = Number(words, 1, line);
    // Only the process's own timers: the World's queue holds the harness's too.
    const bool cancelled = timers_.erase(timer) == 1 && host_.CancelScheduled(timer);
    Answer(cancelled ? 1 : 0);
  } else if (verb == "draw-delay") {
    Arity(words, 3, line);
    // Draws from the World's one PRNG: the same scenario draws the same delays.
    Answer(host_.DrawDelay(Number(words, 1, line), Number(words, 2, line)));
  } else if (verb == "peer-fetch") {
    Arity(words, 4, line);
    const std::uint64_t offset = Number(words, 1, line);
    const std::uint64_t length = Number(words, 2, line);
    const std::uint64_t hash = Number(words, 3, line);
    if (length == 0 || length > kMaxContentLength) Violation(line, "a block length outside 1.." + std::to_string(kMaxContentLength));
    std::vector<BYTE> bytes(length);
    const std::optional<Duration> latency = host_.FetchFromPeers(offset, static_cast<DWORD>(length), hash, bytes.data());
    static const char kDigits[] = "0123456789abcdef";
    std::string answer = "ok -";
    if (latency) {
      answer = "ok " + protocol::Decimal(*latency) + " ";
      for (BYTE byte : bytes) {
        answer += kDigits[byte >> 4];
        answer += kDigits[byte & 0xF];
      }
    }
    process_->Send(answer, contexts_.empty() ? std::string("?") : contexts_.back());
  } else if (verb == "now") {
    Arity(words, 1, line);
    Answer(host_.Now());
  } else if (verb == "get-status") {
    Arity(words, 1, line);
    Answer(static_cast<std::uint64_t>(host_.ServiceStatus()));
  } else if (verb == "get-cause") {
    Arity(words, 1, line);
    Answer(static_cast<std::uint64_t>(host_.DisabledCause()));
  } else if (verb == "set-last-error") {
    Arity(words, 2, line);
    const std::uint64_t error = Number(words, 1, line);
    if (error > 0xFFFFFFFFu) Violation(line, "an error code wider than 32 bits");
    host_.SetLastError(static_cast<DWORD>(error));  // no answer
  } else if (verb == "get-last-error") {
    Arity(words, 1, line);
    Answer(host_.GetLastError());
  } else {
    return false;
  }
  return true;
}

void ProtocolAdapter::Fire(TimerId timer) {
  if (lost_) return;
  timers_.erase(timer);
  Exchange("fire " + protocol::Decimal(timer), "done");
}

}  // namespace pd
