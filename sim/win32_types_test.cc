// Pins every numeric value and layout of DESIGN.md §8 against the literal
// numbers written there (which come from Microsoft's peerdist.h and
// winerror.h). The literals below are copied from the document, never
// computed from the header under test.
#include <cstddef>
#include <cstdint>
#include <string>

#include "gtest/gtest.h"
#include "sim/peerdist_types.h"
#include "sim/win32_types.h"

namespace pd {
namespace {

TEST(Win32Types, ScalarSizesMatchTheSdk) {
  EXPECT_EQ(sizeof(DWORD), 4u);
  EXPECT_EQ(sizeof(BOOL), 4u);
  EXPECT_EQ(sizeof(ULONG), 4u);
  EXPECT_EQ(kFalse, 0);
  EXPECT_EQ(kTrue, 1);
  EXPECT_EQ(INFINITE, 0xFFFFFFFFu);
  EXPECT_EQ(kStatusPending, 0x103u);  // STATUS_PENDING
}

TEST(Win32Types, OverlappedLayoutOnX86_64) {
  // The layout below is the SDK's on 64-bit Windows; the harness is built
  // for x86_64 only.
  ASSERT_EQ(sizeof(void*), 8u) << "these offsets are the x86_64 layout";
  EXPECT_EQ(sizeof(ULONG_PTR), 8u);
  EXPECT_EQ(sizeof(HANDLE), 8u);
  EXPECT_EQ(offsetof(OVERLAPPED, Internal), 0u);
  EXPECT_EQ(offsetof(OVERLAPPED, InternalHigh), 8u);
  EXPECT_EQ(offsetof(OVERLAPPED, Offset), 16u);
  EXPECT_EQ(offsetof(OVERLAPPED, OffsetHigh), 20u);
  EXPECT_EQ(offsetof(OVERLAPPED, hEvent), 24u);
  EXPECT_EQ(sizeof(OVERLAPPED), 32u);
}

TEST(Win32Types, GenericWin32ErrorCodes) {
  EXPECT_EQ(ERROR_SUCCESS, 0u);
  EXPECT_EQ(ERROR_INVALID_HANDLE, 6u);
  EXPECT_EQ(ERROR_INVALID_PARAMETER, 87u);
  EXPECT_EQ(ERROR_ALREADY_EXISTS, 183u);
  EXPECT_EQ(ERROR_MORE_DATA, 234u);
  EXPECT_EQ(ERROR_OPERATION_ABORTED, 995u);
  EXPECT_EQ(ERROR_IO_INCOMPLETE, 996u);
  EXPECT_EQ(ERROR_IO_PENDING, 997u);
  EXPECT_EQ(ERROR_TIMEOUT, 1460u);
}

TEST(PeerDistTypes, StatusValuesAndSize) {
  EXPECT_EQ(static_cast<int>(PEERDIST_STATUS_DISABLED), 0);
  EXPECT_EQ(static_cast<int>(PEERDIST_STATUS_UNAVAILABLE), 1);
  EXPECT_EQ(static_cast<int>(PEERDIST_STATUS_AVAILABLE), 2);
  EXPECT_EQ(sizeof(PEERDIST_STATUS), 4u);  // a C enum
}

TEST(PeerDistTypes, StatusInfoLayout) {
  EXPECT_EQ(sizeof(PEERDIST_STATUS_INFO), 16u);
  EXPECT_EQ(offsetof(PEERDIST_STATUS_INFO, cbSize), 0u);
  EXPECT_EQ(offsetof(PEERDIST_STATUS_INFO, status), 4u);
  EXPECT_EQ(offsetof(PEERDIST_STATUS_INFO, dwMinVer), 8u);
  EXPECT_EQ(offsetof(PEERDIST_STATUS_INFO, dwMaxVer), 12u);
}

TEST(PeerDistTypes, RetrievalOptionsLayoutAndVersions) {
  EXPECT_EQ(sizeof(PEERDIST_RETRIEVAL_OPTIONS), 16u);
  EXPECT_EQ(offsetof(PEERDIST_RETRIEVAL_OPTIONS, cbSize), 0u);
  EXPECT_EQ(offsetof(PEERDIST_RETRIEVAL_OPTIONS, dwContentInfoMinVersion), 4u);
  EXPECT_EQ(offsetof(PEERDIST_RETRIEVAL_OPTIONS, dwContentInfoMaxVersion), 8u);
  EXPECT_EQ(offsetof(PEERDIST_RETRIEVAL_OPTIONS, dwReserved), 12u);
  EXPECT_EQ(PEERDIST_RETRIEVAL_OPTIONS_CONTENTINFO_VERSION_1, 1u);
  EXPECT_EQ(PEERDIST_RETRIEVAL_OPTIONS_CONTENTINFO_VERSION_2, 2u);
  EXPECT_EQ(PEERDIST_RETRIEVAL_OPTIONS_CONTENTINFO_VERSION, 2u);
}

TEST(PeerDistTypes, ContentTagIsSixteenBytes) {
  EXPECT_EQ(sizeof(PEERDIST_CONTENT_TAG), 16u);
  EXPECT_EQ(sizeof(PEERDIST_CONTENT_TAG::Data), 16u);
  EXPECT_EQ(offsetof(PEERDIST_CONTENT_TAG, Data), 0u);
}

TEST(PeerDistTypes, ClientBasicInfo) {
  EXPECT_EQ(sizeof(PEERDIST_CLIENT_BASIC_INFO), 4u);  // BOOL fFlashCrowd
  EXPECT_EQ(offsetof(PEERDIST_CLIENT_BASIC_INFO, fFlashCrowd), 0u);
  EXPECT_EQ(static_cast<int>(PeerDistClientBasicInfo), 0);
  EXPECT_EQ(sizeof(PEERDIST_CLIENT_INFO_BY_HANDLE_CLASS), 4u);
}

TEST(PeerDistTypes, VersionMacros) {
  EXPECT_EQ(MakeLong(2, 0), 0x00000002u);
  EXPECT_EQ(MakeLong(0, 1), 0x00010000u);
  EXPECT_EQ(MakeLong(0x1234, 0xABCD), 0xABCD1234u);
  EXPECT_EQ(MakeWord(1, 0), 0x0001u);
  EXPECT_EQ(MakeWord(0, 1), 0x0100u);
  EXPECT_EQ(MakeWord(0x34, 0x12), 0x1234u);

  EXPECT_EQ(PEERDIST_VERSION, 0x00000002u);  // MAKELONG(2,0), Windows 8+
  EXPECT_EQ(PEERDIST_VERSION_WIN8, 0x00000002u);
  EXPECT_EQ(PEERDIST_VERSION_WIN7, 1u);  // MAKEWORD(1,0)
  EXPECT_EQ(PEERDIST_PUBLICATION_OPTIONS_VERSION_1, 1u);
  EXPECT_EQ(PEERDIST_PUBLICATION_OPTIONS_VERSION_2, 2u);
}

TEST(PeerDistTypes, ReadTimeouts) {
  EXPECT_EQ(PEERDIST_READ_TIMEOUT_LOCAL_CACHE_ONLY, 0u);
  EXPECT_EQ(PEERDIST_READ_TIMEOUT_DEFAULT, 0xFFFFFFFEu);
}

TEST(PeerDistTypes, ErrorCodes) {
  EXPECT_EQ(PEERDIST_ERROR_CONTENTINFO_VERSION_UNSUPPORTED, 4050u);
  EXPECT_EQ(PEERDIST_ERROR_CANNOT_PARSE_CONTENTINFO, 4051u);
  EXPECT_EQ(PEERDIST_ERROR_MISSING_DATA, 4052u);
  EXPECT_EQ(PEERDIST_ERROR_NO_MORE, 4053u);
  EXPECT_EQ(PEERDIST_ERROR_NOT_INITIALIZED, 4054u);
  EXPECT_EQ(PEERDIST_ERROR_ALREADY_INITIALIZED, 4055u);
  EXPECT_EQ(PEERDIST_ERROR_SHUTDOWN_IN_PROGRESS, 4056u);
  EXPECT_EQ(PEERDIST_ERROR_INVALIDATED, 4057u);
  EXPECT_EQ(PEERDIST_ERROR_ALREADY_EXISTS, 4058u);
  EXPECT_EQ(PEERDIST_ERROR_OPERATION_NOTFOUND, 4059u);
  EXPECT_EQ(PEERDIST_ERROR_ALREADY_COMPLETED, 4060u);
  EXPECT_EQ(PEERDIST_ERROR_OUT_OF_BOUNDS, 4061u);
  EXPECT_EQ(PEERDIST_ERROR_VERSION_UNSUPPORTED, 4062u);
  EXPECT_EQ(PEERDIST_ERROR_INVALID_CONFIGURATION, 4063u);
  EXPECT_EQ(PEERDIST_ERROR_NOT_LICENSED, 4064u);
  EXPECT_EQ(PEERDIST_ERROR_SERVICE_UNAVAILABLE, 4065u);
  EXPECT_EQ(PEERDIST_ERROR_TRUST_FAILURE, 4066u);
}

TEST(PeerDistTypes, IsValidStatus) {
  EXPECT_FALSE(IsValidStatus(-1));
  EXPECT_TRUE(IsValidStatus(0));
  EXPECT_TRUE(IsValidStatus(1));
  EXPECT_TRUE(IsValidStatus(2));
  EXPECT_FALSE(IsValidStatus(3));
  EXPECT_FALSE(IsValidStatus(0x7F7F7F7F));
}

TEST(PeerDistTypes, StatusName) {
  EXPECT_EQ(StatusName(0), "disabled");
  EXPECT_EQ(StatusName(1), "unavailable");
  EXPECT_EQ(StatusName(2), "available");
  EXPECT_EQ(StatusName(3), "invalid(3)");
  EXPECT_EQ(StatusName(-1), "invalid(-1)");
  EXPECT_EQ(StatusName(0x7F7F7F7F), "invalid(2139062143)");
}

TEST(PeerDistTypes, ErrorNameKnowsEveryPinnedCode) {
  struct Case {
    DWORD code;
    const char* name;
  };
  const Case cases[] = {
      {0, "ERROR_SUCCESS"},
      {6, "ERROR_INVALID_HANDLE"},
      {87, "ERROR_INVALID_PARAMETER"},
      {183, "ERROR_ALREADY_EXISTS"},
      {234, "ERROR_MORE_DATA"},
      {995, "ERROR_OPERATION_ABORTED"},
      {996, "ERROR_IO_INCOMPLETE"},
      {997, "ERROR_IO_PENDING"},
      {1460, "ERROR_TIMEOUT"},
      {0x103, "PENDING"},
      {4050, "PEERDIST_ERROR_CONTENTINFO_VERSION_UNSUPPORTED"},
      {4051, "PEERDIST_ERROR_CANNOT_PARSE_CONTENTINFO"},
      {4052, "PEERDIST_ERROR_MISSING_DATA"},
      {4053, "PEERDIST_ERROR_NO_MORE"},
      {4054, "PEERDIST_ERROR_NOT_INITIALIZED"},
      {4055, "PEERDIST_ERROR_ALREADY_INITIALIZED"},
      {4056, "PEERDIST_ERROR_SHUTDOWN_IN_PROGRESS"},
      {4057, "PEERDIST_ERROR_INVALIDATED"},
      {4058, "PEERDIST_ERROR_ALREADY_EXISTS"},
      {4059, "PEERDIST_ERROR_OPERATION_NOTFOUND"},
      {4060, "PEERDIST_ERROR_ALREADY_COMPLETED"},
      {4061, "PEERDIST_ERROR_OUT_OF_BOUNDS"},
      {4062, "PEERDIST_ERROR_VERSION_UNSUPPORTED"},
      {4063, "PEERDIST_ERROR_INVALID_CONFIGURATION"},
      {4064, "PEERDIST_ERROR_NOT_LICENSED"},
      {4065, "PEERDIST_ERROR_SERVICE_UNAVAILABLE"},
      {4066, "PEERDIST_ERROR_TRUST_FAILURE"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ErrorName(c.code), c.name) << "code " << c.code;
  }
}

TEST(PeerDistTypes, ErrorNameFallsBackToDecimal) {
  EXPECT_EQ(ErrorName(1), "1");
  EXPECT_EQ(ErrorName(4049), "4049");
  EXPECT_EQ(ErrorName(4067), "4067");
  EXPECT_EQ(ErrorName(0xFFFFFFFF), "4294967295");
}

}  // namespace
}  // namespace pd
