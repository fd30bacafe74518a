// peerdist.h's types, constants and error codes, pinned to the Windows SDK
// values (DESIGN.md §8; win32_types_test.cc pins each one).
#ifndef SIM_PEERDIST_TYPES_H_
#define SIM_PEERDIST_TYPES_H_

#include <cstdint>
#include <string>

#include "sim/win32_types.h"

namespace pd {

using PEERDIST_INSTANCE_HANDLE = HANDLE;
using PPEERDIST_INSTANCE_HANDLE = PEERDIST_INSTANCE_HANDLE*;
using PEERDIST_CONTENT_HANDLE = HANDLE;
using PPEERDIST_CONTENT_HANDLE = PEERDIST_CONTENT_HANDLE*;
using PEERDIST_CONTENTINFO_HANDLE = HANDLE;
using PPEERDIST_CONTENTINFO_HANDLE = PEERDIST_CONTENTINFO_HANDLE*;
using PEERDIST_STREAM_HANDLE = HANDLE;
using PPEERDIST_STREAM_HANDLE = PEERDIST_STREAM_HANDLE*;
using BYTE = unsigned char;
using PBYTE = BYTE*;
using ULONGLONG = std::uint64_t;
using LPVOID = void*;

// A C enum in the SDK: 4 bytes.
enum PEERDIST_STATUS : std::int32_t {
  PEERDIST_STATUS_DISABLED = 0,
  PEERDIST_STATUS_UNAVAILABLE = 1,
  PEERDIST_STATUS_AVAILABLE = 2,
};

struct PEERDIST_STATUS_INFO {
  DWORD cbSize;
  PEERDIST_STATUS status;
  DWORD dwMinVer;
  DWORD dwMaxVer;
};

struct PEERDIST_RETRIEVAL_OPTIONS {
  DWORD cbSize;
  DWORD dwContentInfoMinVersion;
  DWORD dwContentInfoMaxVersion;
  DWORD dwReserved;
};

struct PEERDIST_CONTENT_TAG {
  unsigned char Data[16];
};
using PCPEERDIST_CONTENT_TAG = const PEERDIST_CONTENT_TAG*;

struct PEERDIST_PUBLICATION_OPTIONS {
  DWORD dwVersion;
  DWORD dwFlags;
};
using PCPEERDIST_PUBLICATION_OPTIONS = const PEERDIST_PUBLICATION_OPTIONS*;

struct PEERDIST_CLIENT_BASIC_INFO {
  BOOL fFlashCrowd;
};

enum PEERDIST_CLIENT_INFO_BY_HANDLE_CLASS : std::int32_t {
  PeerDistClientBasicInfo = 0,
};

constexpr DWORD MakeLong(std::uint16_t low, std::uint16_t high) {
  return static_cast<DWORD>(low) | (static_cast<DWORD>(high) << 16);
}
constexpr std::uint16_t MakeWord(std::uint8_t low, std::uint8_t high) {
  return static_cast<std::uint16_t>(low | (high << 8));
}

constexpr DWORD PEERDIST_VERSION_WIN8 = MakeLong(2, 0);
constexpr DWORD PEERDIST_VERSION_WIN7 = MakeWord(1, 0);
constexpr DWORD PEERDIST_VERSION = PEERDIST_VERSION_WIN8;

constexpr DWORD PEERDIST_PUBLICATION_OPTIONS_VERSION_1 = 1;
constexpr DWORD PEERDIST_PUBLICATION_OPTIONS_VERSION_2 = 2;
constexpr DWORD PEERDIST_RETRIEVAL_OPTIONS_CONTENTINFO_VERSION_1 = 1;
constexpr DWORD PEERDIST_RETRIEVAL_OPTIONS_CONTENTINFO_VERSION_2 = 2;
constexpr DWORD PEERDIST_RETRIEVAL_OPTIONS_CONTENTINFO_VERSION = 2;

constexpr DWORD PEERDIST_READ_TIMEOUT_LOCAL_CACHE_ONLY = 0;
constexpr DWORD PEERDIST_READ_TIMEOUT_DEFAULT = 0xFFFFFFFE;

constexpr DWORD PEERDIST_ERROR_CONTENTINFO_VERSION_UNSUPPORTED = 4050;
constexpr DWORD PEERDIST_ERROR_CANNOT_PARSE_CONTENTINFO = 4051;
constexpr DWORD PEERDIST_ERROR_MISSING_DATA = 4052;
constexpr DWORD PEERDIST_ERROR_NO_MORE = 4053;
constexpr DWORD PEERDIST_ERROR_NOT_INITIALIZED = 4054;
constexpr DWORD PEERDIST_ERROR_ALREADY_INITIALIZED = 4055;
constexpr DWORD PEERDIST_ERROR_SHUTDOWN_IN_PROGRESS = 4056;
constexpr DWORD PEERDIST_ERROR_INVALIDATED = 4057;
constexpr DWORD PEERDIST_ERROR_ALREADY_EXISTS = 4058;
constexpr DWORD PEERDIST_ERROR_OPERATION_NOTFOUND = 4059;
constexpr DWORD PEERDIST_ERROR_ALREADY_COMPLETED = 4060;
constexpr DWORD PEERDIST_ERROR_OUT_OF_BOUNDS = 4061;
constexpr DWORD PEERDIST_ERROR_VERSION_UNSUPPORTED = 4062;
constexpr DWORD PEERDIST_ERROR_INVALID_CONFIGURATION = 4063;
constexpr DWORD PEERDIST_ERROR_NOT_LICENSED = 4064;
constexpr DWORD PEERDIST_ERROR_SERVICE_UNAVAILABLE = 4065;
constexpr DWORD PEERDIST_ERROR_TRUST_FAILURE = 4066;

inline bool IsValidStatus(std::int64_t value) {
  return value >= PEERDIST_STATUS_DISABLED && value <= PEERDIST_STATUS_AVAILABLE;
}

// Short lower-case names used in traces and scenario files.
std::string StatusName(std::int64_t status);  // "disabled", ..., "invalid(N)"
// Symbolic name of a Win32 or peerdist error code, e.g. "ERROR_IO_PENDING";
// the decimal value for codes it does not know.
std::string ErrorName(DWORD code);

}  // namespace pd

#endif  // SIM_PEERDIST_TYPES_H_
