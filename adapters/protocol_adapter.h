// The harness's side of the line protocol (adapters/PROTOCOL.md): a
// PeerDistAdapter whose every call is a `call` line to an implementation in
// another process (an exec: program, or the worker process a plugin: is
// loaded in), and which serves that process's host-service requests from the
// World. One adapter per case; the process lives in ImplementationProcess.
//
// Memory: every buffer a call passes by pointer gets an id for the case. The
// harness sends its contents (`mem`) before any line that the implementation
// may react to, and applies the implementation's `mem` lines to the real
// buffer as they arrive, so the trace sees every write at the instant the
// World would have seen it in process. OVERLAPPEDs and the status buffers of
// a registration stay valid for the case (the implementation completes them
// later); every other buffer is valid for its call only. A write outside a
// buffer (a raw `mem` longer than the buffer, or `wrote-outside`) goes to the
// host as the finding the World's guard bytes give in process.
//
// Adding an API function: one forwarding method, `return Call<DWORD>(
// "PeerDistName", args...)`, with Async(p) around out-buffers an asynchronous
// call writes after it returns.
#ifndef ADAPTERS_PROTOCOL_ADAPTER_H_
#define ADAPTERS_PROTOCOL_ADAPTER_H_

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "adapters/buffer_layout.h"
#include "adapters/implementation_process.h"
#include "adapters/peerdist_adapter.h"
#include "adapters/protocol_text.h"
#include "sim/host_services.h"

namespace pd {

// An out-buffer that outlives its call (written when the operation completes).
template <typename T>
struct AsyncBuffer {
  T* pointer;
};
template <typename T>
AsyncBuffer<T> Async(T* pointer) {
  return {pointer};
}

// A buffer of `size` raw bytes (the content API's PBYTE and LPVOID buffers),
// valid for its call or, async, until its operation completes.
struct BytesBuffer {
  void* pointer;
  std::size_t size;
  bool async;
};
inline BytesBuffer Bytes(void* pointer, DWORD size) { return {pointer, size, false}; }
inline BytesBuffer AsyncBytes(void* pointer, DWORD size) { return {pointer, size, true}; }

class ProtocolAdapter final : public PeerDistAdapter {
 public:
  // Bound on the lines one exchange may bring before its answer: a process
  // that requests without end is hung, not busy.
  static constexpr int kMaxLinesPerExchange = 100000;

  ProtocolAdapter(std::shared_ptr<ImplementationProcess> process, HostServices& host);

  DWORD PeerDistStartup(DWORD dwVersionRequested, PPEERDIST_INSTANCE_HANDLE phPeerDist,
                        DWORD* pdwSupportedVersion) override {
    return Call<DWORD>("PeerDistStartup", dwVersionRequested, phPeerDist, pdwSupportedVersion);
  }
  DWORD PeerDistShutdown(PEERDIST_INSTANCE_HANDLE hPeerDist) override {
    return Call<DWORD>("PeerDistShutdown", hPeerDist);
  }
  DWORD PeerDistGetStatus(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_STATUS* pPeerDistStatus) override {
    return Call<DWORD>("PeerDistGetStatus", hPeerDist, pPeerDistStatus);
  }
  DWORD PeerDistGetStatusEx(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_STATUS_INFO* pPeerDistStatus) override {
    return Call<DWORD>("PeerDistGetStatusEx", hPeerDist, pPeerDistStatus);
  }
  DWORD PeerDistRegisterForStatusChangeNotification(PEERDIST_INSTANCE_HANDLE hPeerDist, HANDLE hCompletionPort,
                                                    ULONG_PTR ulCompletionKey, LPOVERLAPPED lpOverlapped,
                                                    PEERDIST_STATUS* pPeerDistStatus) override {
    return Call<DWORD>("PeerDistRegisterForStatusChangeNotification", hPeerDist, hCompletionPort, ulCompletionKey,
                       lpOverlapped, Async(pPeerDistStatus));
  }
  DWORD PeerDistRegisterForStatusChangeNotificationEx(PEERDIST_INSTANCE_HANDLE hPeerDist, HANDLE hCompletionPort,
                                                      ULONG_PTR ulCompletionKey, LPOVERLAPPED lpOverlapped,
                                                      PEERDIST_STATUS_INFO* pPeerDistStatus) override {
    return Call<DWORD>("PeerDistRegisterForStatusChangeNotificationEx", hPeerDist, hCompletionPort, ulCompletionKey,
                       lpOverlapped, Async(pPeerDistStatus));
  }
  DWORD PeerDistUnregisterForStatusChangeNotification(PEERDIST_INSTANCE_HANDLE hPeerDist) override {
    return Call<DWORD>("PeerDistUnregisterForStatusChangeNotification", hPeerDist);
  }
  BOOL PeerDistGetOverlappedResult(LPOVERLAPPED lpOverlapped, DWORD* lpNumberOfBytesTransferred,
                                   BOOL bWait) override {
    return Call<BOOL>("PeerDistGetOverlappedResult", lpOverlapped, lpNumberOfBytesTransferred, bWait);
  }

  // --- the content part: server side --------------------------------------
  DWORD PeerDistServerPublishStream(PEERDIST_INSTANCE_HANDLE hPeerDist, DWORD cbContentIdentifier,
                                    PBYTE pContentIdentifier, ULONGLONG cbContentLength,
                                    PCPEERDIST_PUBLICATION_OPTIONS pPublishOptions, HANDLE hCompletionPort,
                                    ULONG_PTR ulCompletionKey, PPEERDIST_STREAM_HANDLE phStream) override {
    return Call<DWORD>("PeerDistServerPublishStream", hPeerDist, cbContentIdentifier,
                       Bytes(pContentIdentifier, cbContentIdentifier), cbContentLength, pPublishOptions,
                       hCompletionPort, ulCompletionKey, phStream);
  }
  DWORD PeerDistServerPublishAddToStream(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_STREAM_HANDLE hStream,
                                         DWORD cbNumberOfBytes, PBYTE pBuffer, LPOVERLAPPED lpOverlapped) override {
    return Call<DWORD>("PeerDistServerPublishAddToStream", hPeerDist, hStream, cbNumberOfBytes,
                       AsyncBytes(pBuffer, cbNumberOfBytes), lpOverlapped);
  }
  DWORD PeerDistServerPublishCompleteStream(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_STREAM_HANDLE hStream,
                                            LPOVERLAPPED lpOverlapped) override {
    return Call<DWORD>("PeerDistServerPublishCompleteStream", hPeerDist, hStream, lpOverlapped);
  }
  DWORD PeerDistServerCloseStreamHandle(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_STREAM_HANDLE hStream) override {
    return Call<DWORD>("PeerDistServerCloseStreamHandle", hPeerDist, hStream);
  }
  DWORD PeerDistServerUnpublish(PEERDIST_INSTANCE_HANDLE hPeerDist, DWORD cbContentIdentifier,
                                PBYTE pContentIdentifier) override {
    return Call<DWORD>("PeerDistServerUnpublish", hPeerDist, cbContentIdentifier,
                       Bytes(pContentIdentifier, cbContentIdentifier));
  }
  DWORD PeerDistServerOpenContentInformation(PEERDIST_INSTANCE_HANDLE hPeerDist, DWORD cbContentIdentifier,
                                             PBYTE pContentIdentifier, ULONGLONG ullContentOffset,
                                             ULONGLONG cbContentLength, HANDLE hCompletionPort,
                                             ULONG_PTR ulCompletionKey,
                                             PPEERDIST_CONTENTINFO_HANDLE phContentInfo) override {
    return Call<DWORD>("PeerDistServerOpenContentInformation", hPeerDist, cbContentIdentifier,
                       Bytes(pContentIdentifier, cbContentIdentifier), ullContentOffset, cbContentLength,
                       hCompletionPort, ulCompletionKey, phContentInfo);
  }
  DWORD PeerDistServerOpenContentInformationEx(PEERDIST_INSTANCE_HANDLE hPeerDist, DWORD cbContentIdentifier,
                                               PBYTE pContentIdentifier, ULONGLONG ullContentOffset,
                                               ULONGLONG cbContentLength, PEERDIST_RETRIEVAL_OPTIONS* pRetrievalOptions,
                                               HANDLE hCompletionPort, ULONG_PTR ulCompletionKey,
                                               PPEERDIST_CONTENTINFO_HANDLE phContentInfo) override {
    return Call<DWORD>("PeerDistServerOpenContentInformationEx", hPeerDist, cbContentIdentifier,
                       Bytes(pContentIdentifier, cbContentIdentifier), ullContentOffset, cbContentLength,
                       pRetrievalOptions, hCompletionPort, ulCompletionKey, phContentInfo);
  }
  DWORD PeerDistServerRetrieveContentInformation(PEERDIST_INSTANCE_HANDLE hPeerDist,
                                                 PEERDIST_CONTENTINFO_HANDLE hContentInfo, DWORD cbMaxNumberOfBytes,
                                                 PBYTE pBuffer, LPOVERLAPPED lpOverlapped) override {
    return Call<DWORD>("PeerDistServerRetrieveContentInformation", hPeerDist, hContentInfo, cbMaxNumberOfBytes,
                       AsyncBytes(pBuffer, cbMaxNumberOfBytes), lpOverlapped);
  }
  DWORD PeerDistServerCloseContentInformation(PEERDIST_INSTANCE_HANDLE hPeerDist,
                                              PEERDIST_CONTENTINFO_HANDLE hContentInfo) override {
    return Call<DWORD>("PeerDistServerCloseContentInformation", hPeerDist, hContentInfo);
  }
  DWORD PeerDistServerCancelAsyncOperation(PEERDIST_INSTANCE_HANDLE hPeerDist, DWORD cbContentIdentifier,
                                           PBYTE pContentIdentifier, LPOVERLAPPED pOverlapped) override {
    return Call<DWORD>("PeerDistServerCancelAsyncOperation", hPeerDist, cbContentIdentifier,
                       Bytes(pContentIdentifier, cbContentIdentifier), pOverlapped);
  }

  // --- the content part: client side --------------------------------------
  DWORD PeerDistClientOpenContent(PEERDIST_INSTANCE_HANDLE hPeerDist, PCPEERDIST_CONTENT_TAG pContentTag,
                                  HANDLE hCompletionPort, ULONG_PTR ulCompletionKey,
                                  PPEERDIST_CONTENT_HANDLE phContentHandle) override {
    return Call<DWORD>("PeerDistClientOpenContent", hPeerDist, pContentTag, hCompletionPort, ulCompletionKey,
                       phContentHandle);
  }
  DWORD PeerDistClientCloseContent(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_CONTENT_HANDLE hContentHandle) override {
    return Call<DWORD>("PeerDistClientCloseContent", hPeerDist, hContentHandle);
  }
  DWORD PeerDistClientAddContentInformation(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_CONTENT_HANDLE hContentHandle,
                                            DWORD cbNumberOfBytes, PBYTE pBuffer, LPOVERLAPPED lpOverlapped) override {
    return Call<DWORD>("PeerDistClientAddContentInformation", hPeerDist, hContentHandle, cbNumberOfBytes,
                       AsyncBytes(pBuffer, cbNumberOfBytes), lpOverlapped);
  }
  DWORD PeerDistClientCompleteContentInformation(PEERDIST_INSTANCE_HANDLE hPeerDist,
                                                 PEERDIST_CONTENT_HANDLE hContentHandle,
                                                 LPOVERLAPPED lpOverlapped) override {
    return Call<DWORD>("PeerDistClientCompleteContentInformation", hPeerDist, hContentHandle, lpOverlapped);
  }
  DWORD PeerDistClientAddData(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_CONTENT_HANDLE hContentHandle,
                              DWORD cbNumberOfBytes, PBYTE pBuffer, LPOVERLAPPED lpOverlapped) override {
    return Call<DWORD>("PeerDistClientAddData", hPeerDist, hContentHandle, cbNumberOfBytes,
                       AsyncBytes(pBuffer, cbNumberOfBytes), lpOverlapped);
  }
  DWORD PeerDistClientBlockRead(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_CONTENT_HANDLE hContentHandle,
                                DWORD cbMaxNumberOfBytes, PBYTE pBuffer, DWORD dwTimeoutInMilliseconds,
                                LPOVERLAPPED lpOverlapped) override {
    return Call<DWORD>("PeerDistClientBlockRead", hPeerDist, hContentHandle, cbMaxNumberOfBytes,
                       AsyncBytes(pBuffer, cbMaxNumberOfBytes), dwTimeoutInMilliseconds, lpOverlapped);
  }
  DWORD PeerDistClientStreamRead(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_CONTENT_HANDLE hContentHandle,
                                 DWORD cbMaxNumberOfBytes, PBYTE pBuffer, DWORD dwTimeoutInMilliseconds,
                                 LPOVERLAPPED lpOverlapped) override {
    return Call<DWORD>("PeerDistClientStreamRead", hPeerDist, hContentHandle, cbMaxNumberOfBytes,
                       AsyncBytes(pBuffer, cbMaxNumberOfBytes), dwTimeoutInMilliseconds, lpOverlapped);
  }
  DWORD PeerDistClientFlushContent(PEERDIST_INSTANCE_HANDLE hPeerDist, PCPEERDIST_CONTENT_TAG pContentTag,
                                   HANDLE hCompletionPort, ULONG_PTR ulCompletionKey,
                                   LPOVERLAPPED lpOverlapped) override {
    return Call<DWORD>("PeerDistClientFlushContent", hPeerDist, pContentTag, hCompletionPort, ulCompletionKey,
                       lpOverlapped);
  }
  DWORD PeerDistClientGetInformationByHandle(PEERDIST_INSTANCE_HANDLE hPeerDist,
                                             PEERDIST_CONTENT_HANDLE hContentHandle,
                                             PEERDIST_CLIENT_INFO_BY_HANDLE_CLASS PeerDistClientInfoClass,
                                             DWORD dwBufferSize, LPVOID lpInformation) override {
    return Call<DWORD>("PeerDistClientGetInformationByHandle", hPeerDist, hContentHandle, PeerDistClientInfoClass,
                       dwBufferSize, Bytes(lpInformation, dwBufferSize));
  }
  DWORD PeerDistClientCancelAsyncOperation(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_CONTENT_HANDLE hContentHandle,
                                           LPOVERLAPPED pOverlapped) override {
    return Call<DWORD>("PeerDistClientCancelAsyncOperation", hPeerDist, hContentHandle, pOverlapped);
  }

  void OnServiceStatusChanged(PEERDIST_STATUS before, PEERDIST_STATUS now) override;

 private:
  // One buffer of the case, as both ends know it.
  struct Buffer {
    void* where = nullptr;  // nullptr once its call returned (call-scoped)
    const BufferLayout* layout = nullptr;
    std::size_t size = 0;
    bool read_only = false;             // an input (const pointee)
    bool sent = false;                  // the process has a copy
    std::vector<unsigned char> synced;  // the contents both ends agree on
  };

  template <typename R, typename... Args>
  R Call(const char* function, const Args&... args) {
    BeginCaseOnce();
    std::string line = std::string("call ") + function;
    ((line += " " + Encode(args)), ...);
    const std::uint64_t value = Exchange(line, "ret");
    RetireCallBuffers();
    // The wire carries the return value's bits as an unsigned number.
    return static_cast<R>(static_cast<std::make_unsigned_t<R>>(value));
  }

  // --- argument encoding ---------------------------------------------------
  template <typename T>
  std::string Encode(const T& value) {
    static_assert(std::is_integral_v<T> || std::is_enum_v<T>, "no protocol encoding for this argument type");
    if constexpr (std::is_enum_v<T>) {
      return protocol::Decimal(static_cast<std::make_unsigned_t<std::underlying_type_t<T>>>(value));
    } else {
      return protocol::Decimal(static_cast<std::make_unsigned_t<T>>(value));
    }
  }
  std::string Encode(HANDLE handle) { return protocol::Hex(reinterpret_cast<std::uintptr_t>(handle)); }
  template <typename T>
  std::string Encode(T* pointer) {
    // An OVERLAPPED is the identity of an asynchronous operation: it lives on.
    // A const pointee is input only: the process's writes to it are dropped.
    using Pointee = std::remove_const_t<T>;
    return BufferRef(const_cast<Pointee*>(pointer), LayoutOf<Pointee>::Get(), sizeof(Pointee),
                     std::is_same_v<Pointee, OVERLAPPED>, std::is_const_v<T>);
  }
  template <typename T>
  std::string Encode(const AsyncBuffer<T>& buffer) {
    return BufferRef(buffer.pointer, LayoutOf<T>::Get(), sizeof(T), true, false);
  }
  std::string Encode(const BytesBuffer& buffer) {
    return BufferRef(buffer.pointer, LayoutNamed("bytes"), buffer.size, buffer.async, false);
  }
  // "@id" for a buffer (registered on first sight), "0" for NULL.
  std::string BufferRef(void* pointer, const BufferLayout& layout, std::size_t size, bool lives_on, bool read_only);
  void RetireCallBuffers();

  // --- the exchange --------------------------------------------------------
  void BeginCaseOnce();
  // Sends `message` and serves the process until it answers with
  // `terminator` ("ret" or "done"); returns the answer's value (0 if none).
  std::uint64_t Exchange(const std::string& message, const char* terminator);
  void SyncBuffersToProcess(const std::string& context);
  void ApplyMem(const std::vector<std::string_view>& words, const std::string& line);
  // `wrote-outside N BEFORE AFTER`: the process saw its implementation write
  // outside its copy of buffer N (the plugin worker's guard bytes).
  void WroteOutside(const std::vector<std::string_view>& words, const std::string& line);
  // Serves one host-service request; false when `words` is not one.
  bool ServeRequest(const std::vector<std::string_view>& words, const std::string& line);
  void Answer(std::uint64_t value);
  void Fire(TimerId timer);
  [[noreturn]] void Violation(const std::string& line, const std::string& what);
  std::uint64_t Number(const std::vector<std::string_view>& words, std::size_t index, const std::string& line);
  void Arity(const std::vector<std::string_view>& words, std::size_t count, const std::string& line);

  std::shared_ptr<ImplementationProcess> process_;
  HostServices& host_;
  bool begun_ = false;
  bool lost_ = false;
  std::vector<Buffer> buffers_;               // index = buffer id
  std::map<const void*, int> lasting_;        // address -> id of buffers that live on
  std::vector<int> call_buffers_;             // ids to retire when the current call returns
  std::set<TimerId> timers_;                  // issued to the process, not yet fired or cancelled
  std::vector<std::string> contexts_;         // the harness messages being answered, innermost last
};

}  // namespace pd

#endif  // ADAPTERS_PROTOCOL_ADAPTER_H_
