/* The real-Windows services of live/win32/win32_host.h: a critical section,
 * QueryPerformanceCounter, real events and completion ports, and one
 * delivery thread that runs scheduled work when its real time comes. */
#include <windows.h>
#include <winternl.h>
#include <string.h>
#include <wchar.h>

#include "live/win32/win32_host.h"

/* Explicit bound: one case schedules at most a few hundred pieces of work. */
#define MAX_TIMERS 4096

typedef struct {
  uint64_t id; /* 0: free slot */
  uint64_t due_us;
  win32_work_fn work;
  void* context;
} Timer;

static CRITICAL_SECTION lock;
static INIT_ONCE init_once = INIT_ONCE_STATIC_INIT;
static HANDLE wake;   /* set when the earliest due time may have moved */
static Timer timers[MAX_TIMERS];
static uint64_t next_timer_id = 1;
static LARGE_INTEGER frequency;
static LARGE_INTEGER clock_base;
static uint64_t prng_state = 0x9E3779B97F4A7C15ull;

static DWORD WINAPI DeliveryThread(LPVOID unused);

static BOOL CALLBACK Init(PINIT_ONCE once, PVOID parameter, PVOID* context) {
  (void)once;
  (void)parameter;
  (void)context;
  InitializeCriticalSection(&lock);
  wake = CreateEventW(NULL, FALSE, FALSE, NULL);
  QueryPerformanceFrequency(&frequency);
  QueryPerformanceCounter(&clock_base);
  CloseHandle(CreateThread(NULL, 0, DeliveryThread, NULL, 0, NULL));
  return TRUE;
}

static void EnsureInit(void) { InitOnceExecuteOnce(&init_once, Init, NULL, NULL); }

void Win32Lock(void) {
  EnsureInit();
  EnterCriticalSection(&lock);
}

void Win32Unlock(void) { LeaveCriticalSection(&lock); }

uint64_t Win32NowUs(void) {
  LARGE_INTEGER now;
  EnsureInit();
  QueryPerformanceCounter(&now);
  return (uint64_t)(now.QuadPart - clock_base.QuadPart) * 1000000ull / (uint64_t)frequency.QuadPart;
}

void Win32ResetClock(void) {
  EnsureInit();
  QueryPerformanceCounter(&clock_base);
}

static HANDLE EventOf(void* handle) { return (HANDLE)((uintptr_t)handle & ~(uintptr_t)1); }

int32_t Win32SetEvent(void* event) { return SetEvent(EventOf(event)) ? 1 : 0; }

int32_t Win32Post(void* port, uint32_t bytes, uintptr_t key, void* overlapped) {
  return PostQueuedCompletionStatus((HANDLE)port, bytes, key, (LPOVERLAPPED)overlapped) ? 1 : 0;
}

/* NtQueryObject(ObjectTypeInformation): the object type's name, "Event" or
 * "IoCompletion"; Win32 itself has no "is this a port" call. */
typedef NTSTATUS(NTAPI* NtQueryObjectFn)(HANDLE, OBJECT_INFORMATION_CLASS, PVOID, ULONG, PULONG);

static int32_t HasTypeName(void* handle, const wchar_t* name) {
  static NtQueryObjectFn query;
  union {
    PUBLIC_OBJECT_TYPE_INFORMATION info;
    BYTE bytes[1024];
  } buffer;
  ULONG length = 0;
  size_t name_length = wcslen(name);
  if (handle == NULL) return 0;
  if (query == NULL) query = (NtQueryObjectFn)(void*)GetProcAddress(GetModuleHandleW(L"ntdll.dll"), "NtQueryObject");
  if (query == NULL) return 0;
  if (query((HANDLE)handle, ObjectTypeInformation, &buffer, sizeof buffer, &length) < 0) return 0;
  return buffer.info.TypeName.Length == name_length * sizeof(wchar_t) &&
         memcmp(buffer.info.TypeName.Buffer, name, name_length * sizeof(wchar_t)) == 0;
}

int32_t Win32IsPort(void* handle) { return HasTypeName(handle, L"IoCompletion"); }
int32_t Win32IsEvent(void* handle) { return HasTypeName(EventOf(handle), L"Event"); }

uint32_t Win32Wait(void* event, uint32_t timeout_ms) {
  DWORD result;
  /* The caller holds the lock once (an export); release it for the wait. */
  LeaveCriticalSection(&lock);
  result = WaitForSingleObject(EventOf(event), timeout_ms);
  EnterCriticalSection(&lock);
  return result;
}

/* Work the example schedules "right after the current instant's caller"
 * (delay 0) must not beat the caller's return: in real time the delivery
 * thread would otherwise race the export's return, and a notification meant
 * for after the call could land inside it. */
#define MIN_DELAY_US 10000u

uint64_t Win32Schedule(uint64_t delay_us, win32_work_fn work, void* context) {
  size_t i;
  if (delay_us < MIN_DELAY_US) delay_us = MIN_DELAY_US;
  for (i = 0; i < MAX_TIMERS && timers[i].id != 0; ++i) {
  }
  if (i == MAX_TIMERS) return 0;
  timers[i].id = next_timer_id++;
  timers[i].due_us = Win32NowUs() + delay_us;
  timers[i].work = work;
  timers[i].context = context;
  SetEvent(wake);
  return timers[i].id;
}

int32_t Win32Cancel(uint64_t timer) {
  size_t i;
  if (timer == 0) return 0;
  for (i = 0; i < MAX_TIMERS; ++i) {
    if (timers[i].id == timer) {
      timers[i].id = 0;
      return 1;
    }
  }
  return 0;
}

void Win32CancelAll(void) { memset(timers, 0, sizeof timers); }

/* The earliest scheduled work (ties: the first scheduled); -1 when none. */
static int Earliest(void) {
  int best = -1;
  int i;
  for (i = 0; i < MAX_TIMERS; ++i) {
    if (timers[i].id == 0) continue;
    if (best < 0 || timers[i].due_us < timers[best].due_us ||
        (timers[i].due_us == timers[best].due_us && timers[i].id < timers[best].id)) {
      best = i;
    }
  }
  return best;
}

static DWORD WINAPI DeliveryThread(LPVOID unused) {
  (void)unused;
  for (;;) {
    DWORD wait_ms = INFINITE;
    int next;
    EnterCriticalSection(&lock);
    next = Earliest();
    if (next >= 0) {
      uint64_t now = Win32NowUs();
      if (timers[next].due_us <= now) {
        Timer due = timers[next];
        timers[next].id = 0;
        due.work(due.context);
        LeaveCriticalSection(&lock);
        continue;
      }
      /* Round up: waking early only loops once more. */
      wait_ms = (DWORD)((timers[next].due_us - now + 999) / 1000);
    }
    LeaveCriticalSection(&lock);
    WaitForSingleObject(wake, wait_ms);
  }
  return 0;
}

/* xorshift64*: the implementation's own durations; nothing here needs the
 * harness's seed (real time is not reproducible anyway). */
uint64_t Win32DrawDelay(uint64_t low_us, uint64_t high_us) {
  uint64_t x = prng_state;
  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  prng_state = x;
  if (high_us <= low_us) return low_us;
  return low_us + (x * 0x2545F4914F6CDD1Dull) % (high_us - low_us + 1);
}

void Win32SetLastError(uint32_t error) { SetLastError(error); }
uint32_t Win32GetLastError(void) { return GetLastError(); }
