#include "adapters/plugin_worker.h"

#include <errno.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "adapters/buffer_layout.h"
#include "adapters/protocol_text.h"
#include "sim/caller_memory.h"

namespace pd {
namespace {

// The buffer layout of a pointee type of the C header. The C types have the
// harness types' layouts (adapters/peerdist_plugin_abi_test.cc pins them), so
// they map to the same protocol types.
template <typename T>
struct CLayoutOf {
  static const BufferLayout* Get() { return &LayoutOf<T>::Get(); }
};
template <>
struct CLayoutOf<::PEERDIST_STATUS> {
  static const BufferLayout* Get() { return &LayoutNamed("status"); }
};
template <>
struct CLayoutOf<::PEERDIST_STATUS_INFO> {
  static const BufferLayout* Get() { return &LayoutNamed("status-info"); }
};
template <>
struct CLayoutOf<::OVERLAPPED> {
  static const BufferLayout* Get() { return &LayoutNamed("overlapped"); }
};
template <>
struct CLayoutOf<::PEERDIST_PUBLICATION_OPTIONS> {
  static const BufferLayout* Get() { return &LayoutNamed("publication-options"); }
};
template <>
struct CLayoutOf<::PEERDIST_RETRIEVAL_OPTIONS> {
  static const BufferLayout* Get() { return &LayoutNamed("retrieval-options"); }
};
template <>
struct CLayoutOf<::PEERDIST_CONTENT_TAG> {
  static const BufferLayout* Get() { return &LayoutNamed("bytes"); }
};
// void*: a buffer of any type (LPVOID parameters).
template <>
struct CLayoutOf<void> {
  static const BufferLayout* Get() { return nullptr; }
};

// The harness sent something this worker cannot follow: a harness bug, never
// the plugin's. Exits at once (no exception may unwind through the plugin's
// C frames, which may sit below a host-service request).
[[noreturn]] void Fail(const std::string& what) {
  std::fprintf(stderr, "pdplugin worker: protocol error: %s\n", what.c_str());
  _exit(kWorkerProtocolError);
}

class Worker;
using Invoker = std::function<std::uint64_t(Worker&, const std::vector<std::string_view>&)>;

class Worker {
 public:
  Worker(const PluginSymbols& plugin, int in_fd, int out_fd, PluginWorkerState* state);
  int Serve();

  // The copy of buffer `word` ("@id"); its layout must be `layout` (nullptr: any).
  void* ShadowFor(std::string_view word, const BufferLayout* layout);

 private:
  // A copy between guard bytes (sim/caller_memory.h), as the harness keeps
  // the buffer itself: a write outside it is seen here and reported.
  struct Shadow {
    const BufferLayout* layout = nullptr;
    std::size_t size = 0;
    std::unique_ptr<std::max_align_t[]> storage;  // guard, bytes, guard; aligned for any field
    std::vector<unsigned char> synced;
    unsigned char* front() { return reinterpret_cast<unsigned char*>(storage.get()); }
    unsigned char* bytes() { return front() + kGuardBytes; }
    unsigned char* back() { return bytes() + size; }
  };

  bool ReadLine(std::string* line);
  void Write(const std::string& line);
  void Flush();
  void SyncShadows();
  // Sends a request and serves the harness until its `ok`; returns the value.
  std::uint64_t Request(const std::string& line);
  // The same for a request whose `ok` carries more than one value: its words.
  std::vector<std::string> RequestWords(const std::string& line);
  // mem, fire, status-changed: what may arrive at any time. False otherwise.
  bool HandleAnytime(const std::vector<std::string_view>& words);
  void Mem(const std::vector<std::string_view>& words);
  void Reset();
  std::uint64_t Call(const std::vector<std::string_view>& words);
  std::string ShadowRef(const void* pointer) const;

  // pd_host_services thunks.
  static Worker& Of(void* host) { return *static_cast<Worker*>(host); }
  // Virtual time moves only between the harness's messages and during a
  // `wait` (PROTOCOL.md): it is asked once per message, not at every look.
  static uint64_t NowUs(void* host) {
    Worker& worker = Of(host);
    if (!worker.now_) worker.now_ = worker.Request("now");
    return *worker.now_;
  }
  // The status moves only with a `status-changed` line (PROTOCOL.md): once
  // known in a case, it is kept instead of asked again, a round trip saved.
  static ::PEERDIST_STATUS ServiceStatus(void* host) {
    Worker& worker = Of(host);
    if (!worker.status_) worker.status_ = worker.Request("get-status");
    return static_cast<::PEERDIST_STATUS>(*worker.status_);
  }
  // The cause may move without a `status-changed` line (PROTOCOL.md), but
  // only when the clock does: it is kept for one message, like `now`.
  static uint32_t DisabledCause(void* host) {
    Worker& worker = Of(host);
    if (!worker.cause_) worker.cause_ = worker.Request("get-cause");
    return static_cast<uint32_t>(*worker.cause_);
  }
  static ::BOOL SetEvent(void* host, ::HANDLE event) {
    return Of(host).Request("set-event " + protocol::Hex(reinterpret_cast<std::uintptr_t>(event))) != 0;
  }
  static ::BOOL PostCompletion(void* host, ::HANDLE port, ::DWORD bytes, ::ULONG_PTR key, ::LPOVERLAPPED overlapped) {
    Worker& worker = Of(host);
    return worker.Request("post " + protocol::Hex(reinterpret_cast<std::uintptr_t>(port)) + " " +
                          protocol::Decimal(bytes) + " " + protocol::Decimal(key) + " " + worker.ShadowRef(overlapped)) !=
           0;
  }
  static ::BOOL IsPort(void* host, ::HANDLE handle) {
    return Of(host).Request("is-port " + protocol::Hex(reinterpret_cast<std::uintptr_t>(handle))) != 0;
  }
  static ::BOOL IsEvent(void* host, ::HANDLE handle) {
    return Of(host).Request("is-event " + protocol::Hex(reinterpret_cast<std::uintptr_t>(handle))) != 0;
  }
  static ::DWORD WaitForEvent(void* host, ::HANDLE event, ::DWORD timeout_ms) {
    Worker& worker = Of(host);
    const auto result = static_cast<::DWORD>(worker.Request(
        "wait " + protocol::Hex(reinterpret_cast<std::uintptr_t>(event)) + " " + protocol::Decimal(timeout_ms)));
    worker.now_.reset();  // the harness ran its clock
    worker.cause_.reset();
    return result;
  }
  static uint64_t ScheduleAfter(void* host, uint64_t delay_us, pd_work_fn work, void* context) {
    Worker& worker = Of(host);
    const std::uint64_t timer = worker.Request("schedule " + protocol::Decimal(delay_us));
    worker.timers_[timer] = {work, context};
    return timer;
  }
  static uint64_t DrawDelay(void* host, uint64_t low_us, uint64_t high_us) {
    return Of(host).Request("draw-delay " + protocol::Decimal(low_us) + " " + protocol::Decimal(high_us));
  }
  static ::BOOL CancelScheduled(void* host, uint64_t timer) {
    Worker& worker = Of(host);
    const bool cancelled = worker.Request("cancel " + protocol::Decimal(timer)) != 0;
    if (cancelled) worker.timers_.erase(timer);
    return cancelled;
  }
  static void SetLastError(void* host, ::DWORD error) {
    Worker& worker = Of(host);
    worker.SyncShadows();
    worker.Write("set-last-error " + protocol::Decimal(error));
  }
  static ::DWORD GetLastError(void* host) { return static_cast<::DWORD>(Of(host).Request("get-last-error")); }
  static uint64_t PeerFetch(void* host, uint64_t offset, ::DWORD length, uint64_t hash, ::BYTE* out) {
    const std::vector<std::string> answer = Of(host).RequestWords(
        "peer-fetch " + protocol::Decimal(offset) + " " + protocol::Decimal(length) + " " + protocol::Decimal(hash));
    if (answer.size() == 2 && answer[1] == "-") return PD_PEER_NONE;
    const auto latency = answer.size() == 3 ? protocol::ParseNumber(answer[1]) : std::nullopt;
    if (!latency || answer[2].size() != 2 * static_cast<std::size_t>(length)) Fail("bad answer to peer-fetch");
    for (std::size_t i = 0; i < length; ++i) {
      const auto byte = protocol::ParseNumber("0x" + answer[2].substr(2 * i, 2));
      if (!byte) Fail("bad bytes in the answer to peer-fetch");
      out[i] = static_cast<::BYTE>(*byte);
    }
    return *latency;
  }

  const PluginSymbols& plugin_;
  PluginWorkerState* state_;  // nullptr: nobody follows the stages
  int in_fd_;
  int out_fd_;
  std::string outgoing_;  // lines Write queued, written by Flush
  std::optional<std::uint64_t> status_;  // the service status, once known in the case
  std::optional<std::uint64_t> now_;     // virtual time, once known in the message
  std::optional<std::uint64_t> cause_;   // the DISABLED status's cause, once known in the message
  std::string pending_;  // bytes read past the last line
  pd_host_services host_{};
  std::map<std::string, Invoker, std::less<>> calls_;
  std::map<std::uint64_t, Shadow> shadows_;
  std::map<const void*, std::uint64_t> shadow_of_address_;
  std::map<std::uint64_t, std::pair<pd_work_fn, void*>> timers_;
};

// --- decoding one argument by its C type ----------------------------------

template <typename A>
A DecodeArg(Worker& worker, std::string_view word) {
  if constexpr (std::is_pointer_v<A>) {
    using Pointee = std::remove_cv_t<std::remove_pointer_t<A>>;
    if (!word.empty() && word[0] == '@') {
      return static_cast<A>(worker.ShadowFor(word, CLayoutOf<Pointee>::Get()));
    }
    const auto value = protocol::ParseNumber(word);
    if (!value) Fail("bad pointer or handle argument " + protocol::Quote(word));
    if constexpr (std::is_void_v<Pointee>) {
      return reinterpret_cast<A>(static_cast<std::uintptr_t>(*value));  // a handle value
    } else {
      if (*value != 0) Fail("a typed pointer is a buffer (@id) or 0, got " + protocol::Quote(word));
      return nullptr;
    }
  } else {
    static_assert(std::is_integral_v<A> || std::is_enum_v<A>, "no protocol decoding for this parameter type");
    const auto value = protocol::ParseNumber(word);
    if (!value) Fail("bad integer argument " + protocol::Quote(word));
    if constexpr (std::is_enum_v<A>) {
      return static_cast<A>(static_cast<std::underlying_type_t<A>>(*value));
    } else {
      return static_cast<A>(*value);
    }
  }
}

template <typename R>
std::uint64_t ToWire(R result) {
  if constexpr (std::is_enum_v<R>) {
    return static_cast<std::make_unsigned_t<std::underlying_type_t<R>>>(result);
  } else {
    return static_cast<std::make_unsigned_t<R>>(result);
  }
}

template <typename R, typename... A, std::size_t... I>
std::uint64_t InvokeDecoded(R (*function)(A...), Worker& worker, const std::vector<std::string_view>& args,
                            std::index_sequence<I...>) {
  // Braced initialisation decodes left to right.
  std::tuple<A...> decoded{DecodeArg<A>(worker, args[I])...};
  (void)worker;
  (void)args;
  return ToWire(std::apply(function, decoded));
}

template <typename R, typename... A>
Invoker MakeInvoker(R (*function)(A...)) {
  return [function](Worker& worker, const std::vector<std::string_view>& args) -> std::uint64_t {
    if (args.size() != sizeof...(A)) {
      Fail("expected " + std::to_string(sizeof...(A)) + " arguments, got " + std::to_string(args.size()));
    }
    return InvokeDecoded(function, worker, args, std::index_sequence_for<A...>{});
  };
}

// --- the worker -------------------------------------------------------------

Worker::Worker(const PluginSymbols& plugin, int in_fd, int out_fd, PluginWorkerState* state)
    : plugin_(plugin), state_(state), in_fd_(in_fd), out_fd_(out_fd) {
  host_.abi_version = PD_PLUGIN_ABI_VERSION;
  host_.struct_size = sizeof(pd_host_services);
  host_.host = this;
  host_.now_us = &NowUs;
  host_.service_status = &ServiceStatus;
  host_.set_event = &SetEvent;
  host_.post_queued_completion_status = &PostCompletion;
  host_.is_completion_port = &IsPort;
  host_.is_event = &IsEvent;
  host_.wait_for_event = &WaitForEvent;
  host_.schedule_after = &ScheduleAfter;
  host_.cancel_scheduled = &CancelScheduled;
  host_.draw_delay = &DrawDelay;
  host_.set_last_error = &SetLastError;
  host_.get_last_error = &GetLastError;
  host_.peer_fetch = &PeerFetch;
  host_.service_cause = &DisabledCause;
#define PD_PLUGIN_INVOKER_(ret, name, params) calls_.emplace(#name, MakeInvoker(plugin_.name));
  PD_PLUGIN_PEERDIST_FUNCTIONS(PD_PLUGIN_INVOKER_)
#undef PD_PLUGIN_INVOKER_
}

bool Worker::ReadLine(std::string* line) {
  for (;;) {
    const std::size_t newline = pending_.find('\n');
    if (newline != std::string::npos) {
      line->assign(pending_, 0, newline);
      pending_.erase(0, newline + 1);
      return true;
    }
    if (pending_.size() > protocol::kMaxLineBytes) Fail("a line over the protocol's bound");
    Flush();
    char chunk[4096];
    const ssize_t got = read(in_fd_, chunk, sizeof chunk);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    pending_.append(chunk, static_cast<std::size_t>(got));
  }
}

// Answers go out when the worker would wait for the harness (ReadLine):
// one write per exchange. The plugin only ever runs right after a read, so
// nothing it was told to say is held back when it crashes or hangs.
void Worker::Write(const std::string& line) {
  outgoing_ += line;
  outgoing_ += '\n';
}

void Worker::Flush() {
  std::size_t written = 0;
  while (written < outgoing_.size()) {
    const ssize_t put = write(out_fd_, outgoing_.data() + written, outgoing_.size() - written);
    if (put < 0 && errno == EINTR) continue;
    if (put <= 0) _exit(0);  // the harness is gone: nobody to answer
    written += static_cast<std::size_t>(put);
  }
  outgoing_.clear();
}

void Worker::SyncShadows() {
  for (auto& [id, shadow] : shadows_) {
    if (shadow.size != 0 && std::memcmp(shadow.synced.data(), shadow.bytes(), shadow.size) != 0) {
      shadow.synced.assign(shadow.bytes(), shadow.bytes() + shadow.size);
      Write("mem " + protocol::Decimal(id) + " " + EncodeBuffer(*shadow.layout, shadow.bytes(), shadow.size));
    }
    const GuardDamage damage = InspectGuards(shadow.front(), shadow.back());
    if (!damage.any()) continue;
    // Re-armed: the same write is reported once, a later one again.
    FillGuards(shadow.front(), shadow.back());
    Write("wrote-outside " + protocol::Decimal(id) + " " + protocol::Decimal(damage.before) + " " +
          protocol::Decimal(damage.after));
  }
}

void* Worker::ShadowFor(std::string_view word, const BufferLayout* layout) {
  const auto id = protocol::ParseNumber(word.substr(1));
  auto it = id ? shadows_.find(*id) : shadows_.end();
  if (it == shadows_.end()) Fail("no buffer " + std::string(word) + " was sent");
  if (layout != nullptr && it->second.layout != layout) {
    Fail("buffer " + std::string(word) + " is a " + it->second.layout->name + ", the parameter a " +
                      layout->name);
  }
  return it->second.bytes();
}

std::string Worker::ShadowRef(const void* pointer) const {
  if (pointer == nullptr) return "0";
  auto it = shadow_of_address_.find(pointer);
  if (it != shadow_of_address_.end()) return "@" + protocol::Decimal(it->second);
  // An OVERLAPPED the harness never handed out: the harness records it as such.
  return protocol::Hex(reinterpret_cast<std::uintptr_t>(pointer));
}

void Worker::Mem(const std::vector<std::string_view>& words) {
  if (words.size() < 3) Fail("`mem` takes an id, a type and fields");
  const auto id = protocol::ParseNumber(words[1]);
  const BufferLayout* layout = FindBufferLayout(words[2]);
  if (!id || layout == nullptr) Fail("bad `mem` id or type");
  std::vector<unsigned char> contents;
  const std::string error = DecodeBuffer(*layout, std::vector<std::string_view>(words.begin() + 3, words.end()), contents);
  if (!error.empty()) Fail(error);
  auto it = shadows_.find(*id);
  if (it == shadows_.end()) {
    Shadow shadow;
    shadow.layout = layout;
    shadow.size = contents.size();
    const std::size_t bytes = 2 * kGuardBytes + contents.size();
    const std::size_t units = (bytes + sizeof(std::max_align_t) - 1) / sizeof(std::max_align_t);
    shadow.storage.reset(new std::max_align_t[units]());
    FillGuards(shadow.front(), shadow.back());
    it = shadows_.emplace(*id, std::move(shadow)).first;
    shadow_of_address_[it->second.bytes()] = *id;
  } else if (it->second.layout != layout || it->second.size != contents.size()) {
    Fail("buffer " + protocol::Decimal(*id) + " changed its type or size");
  }
  if (!contents.empty()) std::memcpy(it->second.bytes(), contents.data(), contents.size());
  it->second.synced = std::move(contents);
}

bool Worker::HandleAnytime(const std::vector<std::string_view>& words) {
  const std::string_view verb = words[0];
  if (verb == "mem") {
    Mem(words);
    return true;
  }
  if (verb == "fire" || verb == "status-changed") {
    now_.reset();
    cause_.reset();
  }
  if (verb == "fire") {
    const auto timer = words.size() == 2 ? protocol::ParseNumber(words[1]) : std::nullopt;
    auto it = timer ? timers_.find(*timer) : timers_.end();
    if (it == timers_.end()) Fail("`fire` of a timer this worker does not hold");
    const auto [work, context] = it->second;
    timers_.erase(it);
    if (work != nullptr) work(context);
    SyncShadows();
    Write("done");
    return true;
  }
  if (verb == "status-changed") {
    const auto before = words.size() == 3 ? protocol::ParseNumber(words[1]) : std::nullopt;
    const auto now = words.size() == 3 ? protocol::ParseNumber(words[2]) : std::nullopt;
    if (!before || !now) Fail("`status-changed` takes two statuses");
    status_ = *now;
    plugin_.pd_plugin_service_status_changed(static_cast<::PEERDIST_STATUS>(*before), static_cast<::PEERDIST_STATUS>(*now));
    SyncShadows();
    Write("done");
    return true;
  }
  return false;
}

std::vector<std::string> Worker::RequestWords(const std::string& line) {
  SyncShadows();
  Write(line);
  std::string answer;
  for (;;) {
    if (!ReadLine(&answer)) _exit(0);  // the harness is gone
    const auto words = protocol::Tokens(answer);
    if (!words) Fail("not a protocol line: " + protocol::Quote(answer));
    if ((*words)[0] == "ok") return std::vector<std::string>(words->begin(), words->end());
    if (!HandleAnytime(*words)) Fail("unexpected " + protocol::Quote(answer) + " while awaiting `ok`");
  }
}

std::uint64_t Worker::Request(const std::string& line) {
  const std::vector<std::string> words = RequestWords(line);
  const auto value = words.size() == 2 ? protocol::ParseNumber(words[1]) : std::nullopt;
  if (!value) Fail("bad answer " + protocol::Quote(line));
  return *value;
}

void Worker::Reset() {
  status_.reset();
  now_.reset();
  cause_.reset();
  shadows_.clear();
  shadow_of_address_.clear();
  timers_.clear();
  if (state_ != nullptr) state_->Set(PluginStage::kInit);
  const int result = plugin_.pd_plugin_init(&host_);
  if (result != 0) {
    const std::string why = "pd_plugin_init returned " + std::to_string(result) + " (0 is success)";
    std::fprintf(stderr, "pdplugin worker: %s; stopping\n", why.c_str());
    if (state_ != nullptr) state_->Refuse(why);
    _exit(kWorkerInitFailed);
  }
  if (state_ != nullptr) state_->Set(PluginStage::kServing);
}

std::uint64_t Worker::Call(const std::vector<std::string_view>& words) {
  if (words.size() < 2) Fail("`call` without a function");
  auto it = calls_.find(words[1]);
  if (it == calls_.end()) Fail("unknown function " + protocol::Quote(words[1]));
  return it->second(*this, std::vector<std::string_view>(words.begin() + 2, words.end()));
}

int Worker::Serve() {
  if (state_ != nullptr) state_->Set(PluginStage::kServing);
  std::string line;
  {
    while (ReadLine(&line)) {
      const auto words = protocol::Tokens(line);
      if (!words) Fail("not a protocol line: " + protocol::Quote(line));
      const std::string_view verb = (*words)[0];
      if (verb == "hello") {
        const std::string hello = "hello " + std::to_string(protocol::kVersion);
        if (line != hello) Fail("this worker speaks `" + hello + "`, got " + protocol::Quote(line));
        Write(hello);
      } else if (verb == "reset") {
        Reset();
        Write("done");
      } else if (verb == "call") {
        now_.reset();
        cause_.reset();
        const std::uint64_t value = Call(*words);
        SyncShadows();
        Write("ret " + protocol::Decimal(value));
      } else if (!HandleAnytime(*words)) {
        Fail("unexpected " + protocol::Quote(line));
      }
    }
  }
  return 0;
}

}  // namespace

int ServePlugin(const PluginSymbols& plugin, int in_fd, int out_fd, PluginWorkerState* state) {
  Worker worker(plugin, in_fd, out_fd, state);
  return worker.Serve();
}

int RunPluginWorker(const std::string& path, int in_fd, int out_fd, PluginWorkerState* state) {
  auto opened = PluginLibrary::Open(path, state);
  if (auto* error = std::get_if<std::string>(&opened)) {
    if (state != nullptr) {
      // Without the "plugin PATH: " the harness puts in front of every line.
      const std::string prefix = "plugin " + path + ": ";
      state->Refuse(error->rfind(prefix, 0) == 0 ? error->substr(prefix.size()) : *error);
    } else {
      std::fprintf(stderr, "%s\n", error->c_str());
    }
    return kWorkerRefused;
  }
  std::unique_ptr<PluginLibrary> library = std::move(std::get<std::unique_ptr<PluginLibrary>>(opened));
  const int status = ServePlugin(library->symbols(), in_fd, out_fd, state);
  library.reset();  // dlclose: the destructors run here, in the worker
  return status;
}

}  // namespace pd
