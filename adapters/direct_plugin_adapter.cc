#include "adapters/direct_plugin_adapter.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <utility>

namespace pd {
namespace {

// The harness's types have the C header's layouts
// (adapters/peerdist_plugin_abi_test.cc pins them): a pointer is passed as
// the C type's pointer, a handle or an integer as its C counterpart.
template <typename To, typename From>
To ToC(From value) {
  return (To)(value);  // NOLINT: pointer to pointer across the two type families, or integer to enum
}

template <typename R, typename... C, typename... H>
R Forward(R (*function)(C...), H... args) {
  return function(ToC<C>(args)...);
}

// The pd_host_services table of one case, answered by the World.
class HostTable {
 public:
  explicit HostTable(HostServices& host) : host_(host) {
    table_.abi_version = PD_PLUGIN_ABI_VERSION;
    table_.struct_size = sizeof(pd_host_services);
    table_.host = this;
    table_.now_us = [](void* self) -> uint64_t { return Of(self).Now(); };
    table_.service_status = [](void* self) { return static_cast<::PEERDIST_STATUS>(Of(self).ServiceStatus()); };
    table_.set_event = [](void* self, ::HANDLE event) -> ::BOOL { return Of(self).SetEvent(ToC<HANDLE>(event)); };
    table_.post_queued_completion_status = [](void* self, ::HANDLE port, ::DWORD bytes, ::ULONG_PTR key,
                                              ::LPOVERLAPPED overlapped) -> ::BOOL {
      return Of(self).PostQueuedCompletionStatus(ToC<HANDLE>(port), bytes, key, ToC<LPOVERLAPPED>(overlapped));
    };
    table_.is_completion_port = [](void* self, ::HANDLE handle) -> ::BOOL {
      return Of(self).IsCompletionPort(ToC<HANDLE>(handle)) ? 1 : 0;
    };
    table_.is_event = [](void* self, ::HANDLE handle) -> ::BOOL { return Of(self).IsEvent(ToC<HANDLE>(handle)) ? 1 : 0; };
    table_.wait_for_event = [](void* self, ::HANDLE event, ::DWORD timeout_ms) -> ::DWORD {
      return Of(self).WaitForEvent(ToC<HANDLE>(event), timeout_ms);
    };
    table_.schedule_after = [](void* self, uint64_t delay_us, pd_work_fn work, void* context) -> uint64_t {
      return Of(self).ScheduleAfter(delay_us, [work, context] {
        if (work != nullptr) work(context);
      });
    };
    table_.cancel_scheduled = [](void* self, uint64_t timer) -> ::BOOL { return Of(self).CancelScheduled(timer) ? 1 : 0; };
    table_.draw_delay = [](void* self, uint64_t low_us, uint64_t high_us) -> uint64_t {
      return Of(self).DrawDelay(low_us, high_us);
    };
    table_.set_last_error = [](void* self, ::DWORD error) { Of(self).SetLastError(error); };
    table_.get_last_error = [](void* self) -> ::DWORD { return Of(self).GetLastError(); };
    table_.peer_fetch = [](void* self, uint64_t offset, ::DWORD length, uint64_t hash, ::BYTE* out) -> uint64_t {
      const std::optional<Duration> latency = Of(self).FetchFromPeers(offset, length, hash, out);
      return latency ? *latency : PD_PEER_NONE;
    };
    table_.service_cause = [](void* self) -> uint32_t { return static_cast<uint32_t>(Of(self).DisabledCause()); };
  }
  HostTable(const HostTable&) = delete;
  HostTable& operator=(const HostTable&) = delete;

  const pd_host_services* table() const { return &table_; }

 private:
  static HostServices& Of(void* self) { return static_cast<HostTable*>(self)->host_; }

  HostServices& host_;
  pd_host_services table_{};
};

class DirectPluginAdapter final : public PeerDistAdapter {
 public:
  DirectPluginAdapter(std::shared_ptr<const PluginLibrary> plugin, HostServices& host)
      : plugin_(std::move(plugin)), host_(host) {}

  // pd_plugin_init: the plugin forgets the previous case. Its result.
  int Init() { return plugin_->symbols().pd_plugin_init(host_.table()); }

  DWORD PeerDistStartup(DWORD dwVersionRequested, PPEERDIST_INSTANCE_HANDLE phPeerDist, DWORD* pdwSupportedVersion) override {
    return static_cast<DWORD>(Forward(plugin_->symbols().PeerDistStartup, dwVersionRequested, phPeerDist, pdwSupportedVersion));
  }
  DWORD PeerDistShutdown(PEERDIST_INSTANCE_HANDLE hPeerDist) override {
    return static_cast<DWORD>(Forward(plugin_->symbols().PeerDistShutdown, hPeerDist));
  }
  DWORD PeerDistGetStatus(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_STATUS* pPeerDistStatus) override {
    return static_cast<DWORD>(Forward(plugin_->symbols().PeerDistGetStatus, hPeerDist, pPeerDistStatus));
  }
  DWORD PeerDistGetStatusEx(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_STATUS_INFO* pPeerDistStatus) override {
    return static_cast<DWORD>(Forward(plugin_->symbols().PeerDistGetStatusEx, hPeerDist, pPeerDistStatus));
  }
  DWORD PeerDistRegisterForStatusChangeNotification(PEERDIST_INSTANCE_HANDLE hPeerDist, HANDLE hCompletionPort, ULONG_PTR ulCompletionKey, LPOVERLAPPED lpOverlapped, PEERDIST_STATUS* pPeerDistStatus) override {
    return static_cast<DWORD>(Forward(plugin_->symbols().PeerDistRegisterForStatusChangeNotification, hPeerDist, hCompletionPort, ulCompletionKey, lpOverlapped, pPeerDistStatus));
  }
  DWORD PeerDistRegisterForStatusChangeNotificationEx(PEERDIST_INSTANCE_HANDLE hPeerDist, HANDLE hCompletionPort, ULONG_PTR ulCompletionKey, LPOVERLAPPED lpOverlapped, PEERDIST_STATUS_INFO* pPeerDistStatus) override {
    return static_cast<DWORD>(Forward(plugin_->symbols().PeerDistRegisterForStatusChangeNotificationEx, hPeerDist, hCompletionPort, ulCompletionKey, lpOverlapped, pPeerDistStatus));
  }
  DWORD PeerDistUnregisterForStatusChangeNotification(PEERDIST_INSTANCE_HANDLE hPeerDist) override {
    return static_cast<DWORD>(Forward(plugin_->symbols().PeerDistUnregisterForStatusChangeNotification, hPeerDist));
  }
  BOOL PeerDistGetOverlappedResult(LPOVERLAPPED lpOverlapped, DWORD* lpNumberOfBytesTransferred, BOOL bWait) override {
    return static_cast<BOOL>(Forward(plugin_->symbols().PeerDistGetOverlappedResult, lpOverlapped, lpNumberOfBytesTransferred, bWait));
  }
  DWORD PeerDistServerPublishStream(PEERDIST_INSTANCE_HANDLE hPeerDist, DWORD cbContentIdentifier, PBYTE pContentIdentifier, ULONGLONG cbContentLength, PCPEERDIST_PUBLICATION_OPTIONS pPublishOptions, HANDLE hCompletionPort, ULONG_PTR ulCompletionKey, PPEERDIST_STREAM_HANDLE phStream) override {
    return static_cast<DWORD>(Forward(plugin_->symbols().PeerDistServerPublishStream, hPeerDist, cbContentIdentifier, pContentIdentifier, cbContentLength, pPublishOptions, hCompletionPort, ulCompletionKey, phStream));
  }
  DWORD PeerDistServerPublishAddToStream(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_STREAM_HANDLE hStream, DWORD cbNumberOfBytes, PBYTE pBuffer, LPOVERLAPPED lpOverlapped) override {
    return static_cast<DWORD>(Forward(plugin_->symbols().PeerDistServerPublishAddToStream, hPeerDist, hStream, cbNumberOfBytes, pBuffer, lpOverlapped));
  }
  DWORD PeerDistServerPublishCompleteStream(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_STREAM_HANDLE hStream, LPOVERLAPPED lpOverlapped) override {
    return static_cast<DWORD>(Forward(plugin_->symbols().PeerDistServerPublishCompleteStream, hPeerDist, hStream, lpOverlapped));
  }
  DWORD PeerDistServerCloseStreamHandle(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_STREAM_HANDLE hStream) override {
    return static_cast<DWORD>(Forward(plugin_->symbols().PeerDistServerCloseStreamHandle, hPeerDist, hStream));
  }
  DWORD PeerDistServerUnpublish(PEERDIST_INSTANCE_HANDLE hPeerDist, DWORD cbContentIdentifier, PBYTE pContentIdentifier) override {
    return static_cast<DWORD>(Forward(plugin_->symbols().PeerDistServerUnpublish, hPeerDist, cbContentIdentifier, pContentIdentifier));
  }
  DWORD PeerDistServerOpenContentInformation(PEERDIST_INSTANCE_HANDLE hPeerDist, DWORD cbContentIdentifier, PBYTE pContentIdentifier, ULONGLONG ullContentOffset, ULONGLONG cbContentLength, HANDLE hCompletionPort, ULONG_PTR ulCompletionKey, PPEERDIST_CONTENTINFO_HANDLE phContentInfo) override {
    return static_cast<DWORD>(Forward(plugin_->symbols().PeerDistServerOpenContentInformation, hPeerDist, cbContentIdentifier, pContentIdentifier, ullContentOffset, cbContentLength, hCompletionPort, ulCompletionKey, phContentInfo));
  }
  DWORD PeerDistServerOpenContentInformationEx(PEERDIST_INSTANCE_HANDLE hPeerDist, DWORD cbContentIdentifier, PBYTE pContentIdentifier, ULONGLONG ullContentOffset, ULONGLONG cbContentLength, PEERDIST_RETRIEVAL_OPTIONS* pRetrievalOptions, HANDLE hCompletionPort, ULONG_PTR ulCompletionKey, PPEERDIST_CONTENTINFO_HANDLE phContentInfo) override {
    return static_cast<DWORD>(Forward(plugin_->symbols().PeerDistServerOpenContentInformationEx, hPeerDist, cbContentIdentifier, pContentIdentifier, ullContentOffset, cbContentLength, pRetrievalOptions, hCompletionPort, ulCompletionKey, phContentInfo));
  }
  DWORD PeerDistServerRetrieveContentInformation(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_CONTENTINFO_HANDLE hContentInfo, DWORD cbMaxNumberOfBytes, PBYTE pBuffer, LPOVERLAPPED lpOverlapped) override {
    return static_cast<DWORD>(Forward(plugin_->symbols().PeerDistServerRetrieveContentInformation, hPeerDist, hContentInfo, cbMaxNumberOfBytes, pBuffer, lpOverlapped));
  }
  DWORD PeerDistServerCloseContentInformation(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_CONTENTINFO_HANDLE hContentInfo) override {
    return static_cast<DWORD>(Forward(plugin_->symbols().PeerDistServerCloseContentInformation, hPeerDist, hContentInfo));
  }
  DWORD PeerDistServerCancelAsyncOperation(PEERDIST_INSTANCE_HANDLE hPeerDist, DWORD cbContentIdentifier, PBYTE pContentIdentifier, LPOVERLAPPED pOverlapped) override {
    return static_cast<DWORD>(Forward(plugin_->symbols().PeerDistServerCancelAsyncOperation, hPeerDist, cbContentIdentifier, pContentIdentifier, pOverlapped));
  }
  DWORD PeerDistClientOpenContent(PEERDIST_INSTANCE_HANDLE hPeerDist, PCPEERDIST_CONTENT_TAG pContentTag, HANDLE hCompletionPort, ULONG_PTR ulCompletionKey, PPEERDIST_CONTENT_HANDLE phContentHandle) override {
    return static_cast<DWORD>(Forward(plugin_->symbols().PeerDistClientOpenContent, hPeerDist, pContentTag, hCompletionPort, ulCompletionKey, phContentHandle));
  }
  DWORD PeerDistClientCloseContent(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_CONTENT_HANDLE hContentHandle) override {
    return static_cast<DWORD>(Forward(plugin_->symbols().PeerDistClientCloseContent, hPeerDist, hContentHandle));
  }
  DWORD PeerDistClientAddContentInformation(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_CONTENT_HANDLE hContentHandle, DWORD cbNumberOfBytes, PBYTE pBuffer, LPOVERLAPPED lpOverlapped) override {
    return static_cast<DWORD>(Forward(plugin_->symbols().PeerDistClientAddContentInformation, hPeerDist, hContentHandle, cbNumberOfBytes, pBuffer, lpOverlapped));
  }
  DWORD PeerDistClientCompleteContentInformation(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_CONTENT_HANDLE hContentHandle, LPOVERLAPPED lpOverlapped) override {
    return static_cast<DWORD>(Forward(plugin_->symbols().PeerDistClientCompleteContentInformation, hPeerDist, hContentHandle, lpOverlapped));
  }
  DWORD PeerDistClientAddData(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_CONTENT_HANDLE hContentHandle, DWORD cbNumberOfBytes, PBYTE pBuffer, LPOVERLAPPED lpOverlapped) override {
    return static_cast<DWORD>(Forward(plugin_->symbols().PeerDistClientAddData, hPeerDist, hContentHandle, cbNumberOfBytes, pBuffer, lpOverlapped));
  }
  DWORD PeerDistClientBlockRead(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_CONTENT_HANDLE hContentHandle, DWORD cbMaxNumberOfBytes, PBYTE pBuffer, DWORD dwTimeoutInMilliseconds, LPOVERLAPPED lpOverlapped) override {
    return static_cast<DWORD>(Forward(plugin_->symbols().PeerDistClientBlockRead, hPeerDist, hContentHandle, cbMaxNumberOfBytes, pBuffer, dwTimeoutInMilliseconds, lpOverlapped));
  }
  DWORD PeerDistClientStreamRead(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_CONTENT_HANDLE hContentHandle, DWORD cbMaxNumberOfBytes, PBYTE pBuffer, DWORD dwTimeoutInMilliseconds, LPOVERLAPPED lpOverlapped) override {
    return static_cast<DWORD>(Forward(plugin_->symbols().PeerDistClientStreamRead, hPeerDist, hContentHandle, cbMaxNumberOfBytes, pBuffer, dwTimeoutInMilliseconds, lpOverlapped));
  }
  DWORD PeerDistClientFlushContent(PEERDIST_INSTANCE_HANDLE hPeerDist, PCPEERDIST_CONTENT_TAG pContentTag, HANDLE hCompletionPort, ULONG_PTR ulCompletionKey, LPOVERLAPPED lpOverlapped) override {
    return static_cast<DWORD>(Forward(plugin_->symbols().PeerDistClientFlushContent, hPeerDist, pContentTag, hCompletionPort, ulCompletionKey, lpOverlapped));
  }
  DWORD PeerDistClientGetInformationByHandle(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_CONTENT_HANDLE hContentHandle, PEERDIST_CLIENT_INFO_BY_HANDLE_CLASS PeerDistClientInfoClass, DWORD dwBufferSize, LPVOID lpInformation) override {
    return static_cast<DWORD>(Forward(plugin_->symbols().PeerDistClientGetInformationByHandle, hPeerDist, hContentHandle, PeerDistClientInfoClass, dwBufferSize, lpInformation));
  }
  DWORD PeerDistClientCancelAsyncOperation(PEERDIST_INSTANCE_HANDLE hPeerDist, PEERDIST_CONTENT_HANDLE hContentHandle, LPOVERLAPPED pOverlapped) override {
    return static_cast<DWORD>(Forward(plugin_->symbols().PeerDistClientCancelAsyncOperation, hPeerDist, hContentHandle, pOverlapped));
  }

  void OnServiceStatusChanged(PEERDIST_STATUS before, PEERDIST_STATUS now) override {
    plugin_->symbols().pd_plugin_service_status_changed(static_cast<::PEERDIST_STATUS>(before),
                                                        static_cast<::PEERDIST_STATUS>(now));
  }

 private:
  std::shared_ptr<const PluginLibrary> plugin_;
  HostTable host_;
};

}  // namespace

std::unique_ptr<PeerDistAdapter> MakeDirectPluginAdapter(std::shared_ptr<const PluginLibrary> plugin,
                                                         HostServices& host, std::string* error) {
  auto adapter = std::make_unique<DirectPluginAdapter>(std::move(plugin), host);
  if (const int result = adapter->Init(); result != 0) {
    *error = "pd_plugin_init returned " + std::to_string(result) + " (0 is success)";
    return nullptr;
  }
  return adapter;
}

}  // namespace pd
