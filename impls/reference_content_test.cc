// The reference implementation's content part, called directly on a World:
// data published by one session is read back by another through content
// information, mismatching data and information are detected, handles are
// invalidated by status moves, and cancels and versions behave as the
// rules expect.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "impls/reference_impl.h"
#include "sim/content_info.h"
#include "sim/world.h"

namespace pd {
namespace {

class ReferenceContent : public ::testing::Test {
 protected:
  ReferenceContent() : world_(7, Config()), impl_(world_) {
    world_.SetStatusListener([this](PEERDIST_STATUS before, PEERDIST_STATUS now) {
      impl_.OnServiceStatusChanged(before, now);
    });
    EXPECT_EQ(impl_.PeerDistStartup(PEERDIST_VERSION, &server_, nullptr), ERROR_SUCCESS);
    EXPECT_EQ(impl_.PeerDistStartup(PEERDIST_VERSION, &client_, nullptr), ERROR_SUCCESS);
  }

  static WorldConfig Config() {
    WorldConfig config;
    config.initial_status = PEERDIST_STATUS_AVAILABLE;
    return config;
  }

  // Runs the World long enough for every operation and action to finish.
  void Settle() { world_.RunFor(300 * kMillisecond); }

  OVERLAPPED* NewOverlapped(std::uint64_t offset = 0) {
    OverlappedSlot& slot = world_.NewOverlappedSlot(-1);
    slot.overlapped.Offset = static_cast<DWORD>(offset);
    return &slot.overlapped;
  }

  // Publishes scenario content `id` (length bytes) from the server session.
  void Publish(std::uint32_t id, std::uint64_t length) {
    identifier_ = ContentIdentifier(id);
    data_ = ContentBytes(id, 0, length);
    PEERDIST_STREAM_HANDLE stream = nullptr;
    ASSERT_EQ(impl_.PeerDistServerPublishStream(server_, Size(identifier_), Bytes(identifier_), length, nullptr,
                                                nullptr, 0, &stream),
              ERROR_SUCCESS);
    EXPECT_EQ(impl_.PeerDistServerPublishAddToStream(server_, stream, static_cast<DWORD>(data_.size()), data_.data(),
                                                     NewOverlapped()),
              ERROR_IO_PENDING);
    OVERLAPPED* complete = NewOverlapped();
    EXPECT_EQ(impl_.PeerDistServerPublishCompleteStream(server_, stream, complete), ERROR_IO_PENDING);
    Settle();
    EXPECT_EQ(complete->Internal, ERROR_SUCCESS);
    EXPECT_EQ(impl_.PeerDistServerCloseStreamHandle(server_, stream), ERROR_SUCCESS);
  }

  // The whole content information of the published content, as retrieved.
  std::vector<BYTE> Retrieve() {
    PEERDIST_CONTENTINFO_HANDLE info = nullptr;
    EXPECT_EQ(impl_.PeerDistServerOpenContentInformation(server_, Size(identifier_), Bytes(identifier_), 0, 0,
                                                         nullptr, 0, &info),
              ERROR_SUCCESS);
    std::vector<BYTE> blob;
    for (int i = 0; i < 100; ++i) {
      std::vector<BYTE> buffer(16);
      OVERLAPPED* overlapped = NewOverlapped();
      EXPECT_EQ(impl_.PeerDistServerRetrieveContentInformation(server_, info, 16, buffer.data(), overlapped),
                ERROR_IO_PENDING);
      Settle();
      if (overlapped->Internal == PEERDIST_ERROR_NO_MORE) break;
      EXPECT_EQ(overlapped->Internal, ERROR_SUCCESS);
      blob.insert(blob.end(), buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(overlapped->InternalHigh));
    }
    EXPECT_EQ(impl_.PeerDistServerCloseContentInformation(server_, info), ERROR_SUCCESS);
    return blob;
  }

  // A client content handle with `blob` added and completed; the completion code.
  DWORD OpenWithInfo(std::vector<BYTE> blob, PEERDIST_CONTENT_HANDLE* content) {
    const PEERDIST_CONTENT_TAG tag{};
    EXPECT_EQ(impl_.PeerDistClientOpenContent(client_, &tag, nullptr, 0, content), ERROR_SUCCESS);
    kept_.push_back(std::move(blob));
    EXPECT_EQ(impl_.PeerDistClientAddContentInformation(client_, *content, static_cast<DWORD>(kept_.back().size()),
                                                        kept_.back().data(), NewOverlapped()),
              ERROR_IO_PENDING);
    OVERLAPPED* complete = NewOverlapped();
    EXPECT_EQ(impl_.PeerDistClientCompleteContentInformation(client_, *content, complete), ERROR_IO_PENDING);
    Settle();
    return static_cast<DWORD>(complete->Internal);
  }

  static DWORD Size(const std::string& text) { return static_cast<DWORD>(text.size()); }
  static PBYTE Bytes(std::string& text) { return reinterpret_cast<PBYTE>(text.data()); }

  World world_;
  ReferenceImpl impl_;
  PEERDIST_INSTANCE_HANDLE server_ = nullptr, client_ = nullptr;
  std::string identifier_;
  std::vector<BYTE> data_;
  std::vector<std::vector<BYTE>> kept_;
};

TEST_F(ReferenceContent, AClientReadsWhatAServerPublished) {
  Publish(1, 200);
  PEERDIST_CONTENT_HANDLE content = nullptr;
  ASSERT_EQ(OpenWithInfo(Retrieve(), &content), ERROR_SUCCESS);
  std::vector<BYTE> buffer(50);
  OVERLAPPED* read = NewOverlapped(64);
  ASSERT_EQ(impl_.PeerDistClientBlockRead(client_, content, 50, buffer.data(), PEERDIST_READ_TIMEOUT_DEFAULT, read),
            ERROR_IO_PENDING);
  EXPECT_EQ(read->Internal, kStatusPending);
  Settle();
  ASSERT_EQ(read->Internal, ERROR_SUCCESS);
  ASSERT_EQ(read->InternalHigh, 50u);
  EXPECT_EQ(read->Offset, 64u);
  EXPECT_EQ(std::vector<BYTE>(data_.begin() + 64, data_.begin() + 114), buffer);
  // Past the end of the content.
  OVERLAPPED* past = NewOverlapped(200);
  EXPECT_EQ(impl_.PeerDistClientBlockRead(client_, content, 50, buffer.data(), PEERDIST_READ_TIMEOUT_DEFAULT, past),
            ERROR_IO_PENDING);
  Settle();
  EXPECT_EQ(past->Internal, PEERDIST_ERROR_NO_MORE);
  // The stream read walks the content from its start.
  std::vector<BYTE> streamed(200);
  OVERLAPPED* stream = NewOverlapped();
  ASSERT_EQ(impl_.PeerDistClientStreamRead(client_, content, 200, streamed.data(), PEERDIST_READ_TIMEOUT_DEFAULT,
                                           stream),
            ERROR_IO_PENDING);
  Settle();
  ASSERT_EQ(stream->Internal, ERROR_SUCCESS);
  EXPECT_EQ(std::vector<BYTE>(data_.begin(), data_.begin() + static_cast<std::ptrdiff_t>(stream->InternalHigh)),
            std::vector<BYTE>(streamed.begin(), streamed.begin() + static_cast<std::ptrdiff_t>(stream->InternalHigh)));
  EXPECT_EQ(impl_.PeerDistClientCloseContent(client_, content), ERROR_SUCCESS);
}

TEST_F(ReferenceContent, MismatchingInformationAndDataAreDetected) {
  Publish(2, 130);
  std::vector<BYTE> blob = Retrieve();
  std::vector<BYTE> corrupt = blob;
  corrupt[corrupt.size() / 2] ^= 0x20;
  PEERDIST_CONTENT_HANDLE bad = nullptr;
  EXPECT_EQ(OpenWithInfo(corrupt, &bad), PEERDIST_ERROR_CANNOT_PARSE_CONTENTINFO);

  // Data added locally is used only where it matches the hashes.
  ASSERT_EQ(impl_.PeerDistServerUnpublish(server_, Size(identifier_), Bytes(identifier_)), ERROR_SUCCESS);
  PEERDIST_CONTENT_HANDLE content = nullptr;
  ASSERT_EQ(OpenWithInfo(blob, &content), ERROR_SUCCESS);
  std::vector<BYTE> wrong(data_.begin(), data_.begin() + 64);
  wrong[3] ^= 1;
  std::vector<BYTE> right(data_.begin() + 64, data_.begin() + 128);
  EXPECT_EQ(impl_.PeerDistClientAddData(client_, content, 64, wrong.data(), NewOverlapped(0)), ERROR_IO_PENDING);
  EXPECT_EQ(impl_.PeerDistClientAddData(client_, content, 64, right.data(), NewOverlapped(64)), ERROR_IO_PENDING);
  Settle();
  std::vector<BYTE> buffer(64);
  OVERLAPPED* first = NewOverlapped(0);
  OVERLAPPED* second = NewOverlapped(64);
  impl_.PeerDistClientBlockRead(client_, content, 64, buffer.data(), PEERDIST_READ_TIMEOUT_LOCAL_CACHE_ONLY, first);
  Settle();
  EXPECT_EQ(first->Internal, PEERDIST_ERROR_MISSING_DATA);
  EXPECT_EQ(first->InternalHigh, 130u);  // the missing range runs to the end
  impl_.PeerDistClientBlockRead(client_, content, 64, buffer.data(), PEERDIST_READ_TIMEOUT_LOCAL_CACHE_ONLY, second);
  Settle();
  EXPECT_EQ(second->Internal, ERROR_SUCCESS);
  EXPECT_EQ(buffer, right);
}

TEST_F(ReferenceContent, StatusMovesInvalidateHandlesForGood) {
  PEERDIST_CONTENT_HANDLE content = nullptr;
  const PEERDIST_CONTENT_TAG tag{};
  ASSERT_EQ(impl_.PeerDistClientOpenContent(client_, &tag, nullptr, 0, &content), ERROR_SUCCESS);
  std::vector<BYTE> buffer(8);
  OVERLAPPED* pending = NewOverlapped();
  ASSERT_EQ(impl_.PeerDistClientBlockRead(client_, content, 8, buffer.data(), PEERDIST_READ_TIMEOUT_DEFAULT, pending),
            ERROR_IO_PENDING);
  world_.Environment(EnvAction::kLose);
  Settle();
  EXPECT_EQ(pending->Internal, PEERDIST_ERROR_INVALIDATED);  // in flight at the move
  EXPECT_EQ(impl_.PeerDistClientBlockRead(client_, content, 8, buffer.data(), 0, NewOverlapped()),
            PEERDIST_ERROR_INVALIDATED);
  EXPECT_EQ(impl_.PeerDistClientOpenContent(client_, &tag, nullptr, 0, &content), PEERDIST_ERROR_SERVICE_UNAVAILABLE);
  world_.Environment(EnvAction::kRegain);
  Settle();
  // Still invalid once AVAILABLE again; a new handle works; the old one closes.
  EXPECT_EQ(impl_.PeerDistClientCompleteContentInformation(client_, content, NewOverlapped()),
            PEERDIST_ERROR_INVALIDATED);
  PEERDIST_CONTENT_HANDLE fresh = nullptr;
  ASSERT_EQ(impl_.PeerDistClientOpenContent(client_, &tag, nullptr, 0, &fresh), ERROR_SUCCESS);
  EXPECT_EQ(impl_.PeerDistClientCompleteContentInformation(client_, fresh, NewOverlapped()), ERROR_IO_PENDING);
  EXPECT_EQ(impl_.PeerDistClientCloseContent(client_, content), ERROR_SUCCESS);
  EXPECT_EQ(impl_.PeerDistClientCloseContent(client_, content), ERROR_INVALID_HANDLE);
  world_.Environment(EnvAction::kDisable);
  Settle();
  EXPECT_EQ(impl_.PeerDistClientOpenContent(client_, &tag, nullptr, 0, &content), ERROR_ACCESS_DISABLED_BY_POLICY);
  EXPECT_EQ(impl_.PeerDistClientCloseContent(client_, fresh), ERROR_SUCCESS);
}

TEST_F(ReferenceContent, CancelAbortsBeforeReturningAndUnknownIsNotFound) {
  PEERDIST_CONTENT_HANDLE content = nullptr;
  const PEERDIST_CONTENT_TAG tag{};
  ASSERT_EQ(impl_.PeerDistClientOpenContent(client_, &tag, nullptr, 0, &content), ERROR_SUCCESS);
  std::vector<BYTE> buffer(8);
  OVERLAPPED* read = NewOverlapped();
  ASSERT_EQ(impl_.PeerDistClientBlockRead(client_, content, 8, buffer.data(), 0, read), ERROR_IO_PENDING);
  EXPECT_EQ(impl_.PeerDistClientCancelAsyncOperation(client_, content, read), ERROR_SUCCESS);
  EXPECT_EQ(read->Internal, ERROR_OPERATION_ABORTED);
  EXPECT_EQ(impl_.PeerDistClientCancelAsyncOperation(client_, content, read), PEERDIST_ERROR_OPERATION_NOTFOUND);
  EXPECT_EQ(impl_.PeerDistClientCancelAsyncOperation(client_, content, NewOverlapped()),
            PEERDIST_ERROR_OPERATION_NOTFOUND);
  EXPECT_EQ(impl_.PeerDistClientCancelAsyncOperation(client_, content, nullptr), ERROR_SUCCESS);  // all (none)
  DWORD bytes = 0;
  world_.SetLastError(ERROR_SUCCESS);
  EXPECT_EQ(impl_.PeerDistGetOverlappedResult(read, &bytes, kFalse), kFalse);
  EXPECT_EQ(world_.GetLastError(), ERROR_OPERATION_ABORTED);
  std::string id = ContentIdentifier(3);
  EXPECT_EQ(impl_.PeerDistServerCancelAsyncOperation(server_, Size(id), Bytes(id), read),
            PEERDIST_ERROR_OPERATION_NOTFOUND);
  EXPECT_EQ(impl_.PeerDistServerCancelAsyncOperation(server_, Size(id), Bytes(id), nullptr), ERROR_INVALID_PARAMETER);
}

TEST_F(ReferenceContent, WindowsEightFunctionsNeedTheWindowsEightVersion) {
  PEERDIST_INSTANCE_HANDLE win7 = nullptr;
  DWORD supported = 0;
  ASSERT_EQ(impl_.PeerDistStartup(PEERDIST_VERSION_WIN7, &win7, &supported), ERROR_SUCCESS);
  // pdwSupportedVersion receives the maximum supported (STARTUP-5), whatever
  // was asked; the session is a Windows 7 one because 1.0 was requested.
  EXPECT_EQ(supported, PEERDIST_VERSION);
  Publish(4, 10);
  PEERDIST_RETRIEVAL_OPTIONS options{sizeof(PEERDIST_RETRIEVAL_OPTIONS), 1, 2, 0};
  PEERDIST_CONTENTINFO_HANDLE info = nullptr;
  EXPECT_EQ(impl_.PeerDistServerOpenContentInformationEx(win7, Size(identifier_), Bytes(identifier_), 0, 0, &options,
                                                         nullptr, 0, &info),
            PEERDIST_ERROR_VERSION_UNSUPPORTED);
  EXPECT_EQ(impl_.PeerDistServerOpenContentInformation(win7, Size(identifier_), Bytes(identifier_), 0, 0, nullptr, 0,
                                                       &info),
            ERROR_SUCCESS);
  EXPECT_EQ(impl_.PeerDistServerOpenContentInformationEx(server_, Size(identifier_), Bytes(identifier_), 0, 0,
                                                         &options, nullptr, 0, &info),
            ERROR_SUCCESS);
  PEERDIST_RETRIEVAL_OPTIONS too_new{sizeof(PEERDIST_RETRIEVAL_OPTIONS), 3, 4, 0};
  EXPECT_EQ(impl_.PeerDistServerOpenContentInformationEx(server_, Size(identifier_), Bytes(identifier_), 0, 0,
                                                         &too_new, nullptr, 0, &info),
            PEERDIST_ERROR_CONTENTINFO_VERSION_UNSUPPORTED);
  PEERDIST_CONTENT_HANDLE content = nullptr;
  const PEERDIST_CONTENT_TAG tag{};
  ASSERT_EQ(impl_.PeerDistClientOpenContent(win7, &tag, nullptr, 0, &content), ERROR_SUCCESS);
  PEERDIST_CLIENT_BASIC_INFO basic{kTrue};
  EXPECT_EQ(impl_.PeerDistClientGetInformationByHandle(win7, content, PeerDistClientBasicInfo, sizeof basic, &basic),
            PEERDIST_ERROR_VERSION_UNSUPPORTED);
  PEERDIST_CONTENT_HANDLE mine = nullptr;
  ASSERT_EQ(impl_.PeerDistClientOpenContent(client_, &tag, nullptr, 0, &mine), ERROR_SUCCESS);
  EXPECT_EQ(impl_.PeerDistClientGetInformationByHandle(client_, mine, PeerDistClientBasicInfo, sizeof basic, &basic),
            ERROR_SUCCESS);
  EXPECT_EQ(basic.fFlashCrowd, kFalse);
  EXPECT_EQ(impl_.PeerDistClientGetInformationByHandle(client_, mine, PeerDistClientBasicInfo, 2, &basic),
            ERROR_INSUFFICIENT_BUFFER);
  // Another session's handle is not this session's.
  EXPECT_EQ(impl_.PeerDistClientCloseContent(client_, content), ERROR_INVALID_HANDLE);
}

TEST_F(ReferenceContent, PublishingRules) {
  Publish(5, 64);
  PEERDIST_STREAM_HANDLE stream = nullptr;
  EXPECT_EQ(impl_.PeerDistServerPublishStream(server_, Size(identifier_), Bytes(identifier_), 0, nullptr, nullptr, 0,
                                              &stream),
            PEERDIST_ERROR_ALREADY_EXISTS);
  EXPECT_EQ(impl_.PeerDistServerPublishStream(server_, Size(identifier_), nullptr, 0, nullptr, nullptr, 0, &stream),
            ERROR_INVALID_PARAMETER);
  EXPECT_EQ(impl_.PeerDistServerUnpublish(client_, Size(identifier_), Bytes(identifier_)), ERROR_NOT_FOUND);
  EXPECT_EQ(impl_.PeerDistServerUnpublish(server_, Size(identifier_), Bytes(identifier_)), ERROR_SUCCESS);
  // A declared length must match what was added.
  std::string id = ContentIdentifier(6);
  ASSERT_EQ(impl_.PeerDistServerPublishStream(server_, Size(id), Bytes(id), 100, nullptr, nullptr, 0, &stream),
            ERROR_SUCCESS);
  std::vector<BYTE> data = ContentBytes(6, 0, 50);
  EXPECT_EQ(impl_.PeerDistServerPublishAddToStream(server_, stream, 50, data.data(), NewOverlapped()),
            ERROR_IO_PENDING);
  OVERLAPPED* complete = NewOverlapped();
  EXPECT_EQ(impl_.PeerDistServerPublishCompleteStream(server_, stream, complete), ERROR_IO_PENDING);
  Settle();
  EXPECT_EQ(complete->Internal, ERROR_INVALID_PARAMETER);
  EXPECT_EQ(impl_.PeerDistServerPublishCompleteStream(server_, stream, nullptr), ERROR_INVALID_PARAMETER);
  EXPECT_EQ(impl_.PeerDistShutdown(server_), ERROR_SUCCESS);
  EXPECT_EQ(impl_.PeerDistServerCloseStreamHandle(server_, stream), ERROR_INVALID_HANDLE);
}

}  // namespace
}  // namespace pd
