// Win32 types, structures and error codes with the Windows SDK's sizes and
// numeric values, so that an implementation written against <windows.h> and
// one written against this header exchange the same bits.
#ifndef SIM_WIN32_TYPES_H_
#define SIM_WIN32_TYPES_H_

#include <cstdint>

namespace pd {

using DWORD = std::uint32_t;
using BOOL = std::int32_t;
using ULONG = std::uint32_t;
using ULONG_PTR = std::uintptr_t;
using HANDLE = void*;

constexpr BOOL kFalse = 0;
constexpr BOOL kTrue = 1;

// Same member order and sizes as the SDK's OVERLAPPED (the Offset/OffsetHigh
// union is flattened: nothing in the harness uses the Pointer view).
struct OVERLAPPED {
  ULONG_PTR Internal;      // completion status while/after the I/O runs
  ULONG_PTR InternalHigh;  // bytes transferred
  DWORD Offset;
  DWORD OffsetHigh;
  HANDLE hEvent;
};
using LPOVERLAPPED = OVERLAPPED*;

// OVERLAPPED.Internal holds an NTSTATUS on Windows. The harness stores the
// Win32 error of the completed operation instead, except while pending, where
// it keeps the NT value that GetOverlappedResult tests against.
constexpr ULONG_PTR kStatusPending = 0x103;  // STATUS_PENDING

// Generic Win32 error codes (winerror.h).
constexpr DWORD ERROR_SUCCESS = 0;
constexpr DWORD ERROR_INVALID_HANDLE = 6;
constexpr DWORD ERROR_INVALID_PARAMETER = 87;
constexpr DWORD ERROR_INSUFFICIENT_BUFFER = 122;
constexpr DWORD ERROR_ALREADY_EXISTS = 183;
constexpr DWORD ERROR_MORE_DATA = 234;
constexpr DWORD ERROR_OPERATION_ABORTED = 995;
constexpr DWORD ERROR_IO_INCOMPLETE = 996;
constexpr DWORD ERROR_IO_PENDING = 997;
constexpr DWORD ERROR_NOT_FOUND = 1168;
constexpr DWORD ERROR_ACCESS_DISABLED_BY_POLICY = 1260;
constexpr DWORD ERROR_TIMEOUT = 1460;

constexpr DWORD INFINITE = 0xFFFFFFFF;

}  // namespace pd

#endif  // SIM_WIN32_TYPES_H_
