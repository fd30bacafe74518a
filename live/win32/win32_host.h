/* win32_host.h: the real-Windows services behind the example implementation
 * when it is built as peerdist.dll (live/win32/). Plain C types only: the
 * implementation's side includes adapters/peerdist_plugin.h, whose Win32
 * typedefs (LP64 layouts) cannot meet <windows.h> in one translation unit,
 * so the two meet here, in types both agree on (x86-64: HANDLE and
 * ULONG_PTR are pointer-sized, DWORD is 32 bits on both sides).
 *
 * Everything the implementation does runs under one lock: a call from the
 * caller's thread and a delivery from the timer thread never interleave.
 */
#ifndef LIVE_WIN32_WIN32_HOST_H_
#define LIVE_WIN32_WIN32_HOST_H_

#include <stdint.h>

typedef void (*win32_work_fn)(void* context);

/* The one lock (recursive). */
void Win32Lock(void);
void Win32Unlock(void);

/* Real microseconds since the last Win32ResetClock. */
uint64_t Win32NowUs(void);
void Win32ResetClock(void);

/* SetEvent / PostQueuedCompletionStatus on real handles; 0 on failure. The
 * low bit of an event handle (the OVERLAPPED "no completion packet" mark)
 * is not part of the handle. */
int32_t Win32SetEvent(void* event);
int32_t Win32Post(void* port, uint32_t bytes, uintptr_t key, void* overlapped);
/* What kind of kernel object a handle is, from its object type name. */
int32_t Win32IsPort(void* handle);
int32_t Win32IsEvent(void* handle);
/* WaitForSingleObject with the lock released meanwhile, so the delivery
 * thread can complete what the caller waits for. */
uint32_t Win32Wait(void* event, uint32_t timeout_ms);

/* The delivery thread: runs work(context) at now + delay_us under the lock;
 * work due at one instant runs in the order it was scheduled. */
uint64_t Win32Schedule(uint64_t delay_us, win32_work_fn work, void* context);
int32_t Win32Cancel(uint64_t timer);
/* Drops every scheduled work (a new case begins). */
void Win32CancelAll(void);

uint64_t Win32DrawDelay(uint64_t low_us, uint64_t high_us);
void Win32SetLastError(uint32_t error);
uint32_t Win32GetLastError(void);

#endif /* LIVE_WIN32_WIN32_HOST_H_ */
