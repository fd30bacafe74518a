/* pdlive.exe: a real peerdist.dll behind the harness's line protocol
 * (adapters/PROTOCOL.md), for `pdconform --impl live:'...'` (live/README.md).
 *
 *   pdlive.exe [--status-control dll|windows|none] [--poll-us N] [--wait-ms N] [PATH\peerdist.dll]
 *
 * It loads the DLL (default: the system's "peerdist.dll") and forwards every
 * `call` to it with real memory, real events and real completion ports: each
 * event or port handle of the harness gets a kernel object of its own here,
 * each buffer a block of memory the DLL reads and writes. What the DLL does
 * to them later, from its own threads, the harness learns at the next poll:
 * pdlive keeps one timer scheduled with the harness (`schedule`, every
 * --poll-us of the harness's time); at each `fire`, and before every answer,
 * it first lets real time catch up with the harness's clock (so the DLL's
 * delays and the scenario's line up), then sends the memory that changed
 * (`mem`), the events the DLL set (`set-event`) and the packets it queued
 * (`post`). So the harness's clock follows real time, and a trace's times are
 * when pdlive saw things happen (to within one poll).
 *
 * A caller's blocking wait (PeerDistGetOverlappedResult with bWait) first
 * waits in the harness (`wait`, at most --wait-ms), so the harness's clock
 * runs and the polls deliver the completion, then calls the DLL.
 *
 * A test DLL that exports PdTestSetPeerSource gets the harness's peers
 * (the protocol's `peer-fetch`): it asks from its own delivery thread,
 * holding its lock, so pdlive makes every call into such a DLL from a
 * caller thread of its own and, while the call runs (perhaps waiting for
 * that lock), answers the DLL's questions with the harness's answers; a
 * question asked between two harness lines waits for the next one (at most
 * one poll). A DLL without the export is called directly, as before.
 *
 * Service status changes go to a status controller: `dll` (the test DLL's
 * PdTestReset / PdTestSetServiceStatus exports; the default when the DLL has
 * them), `windows` (the documented administrative commands, netsh branchcache
 * and sc; needs an elevated prompt; see live/README.md) or `none`.
 *
 * Types are Win64's; peerdist.h's layouts are the ones adapters/peerdist_plugin.h
 * pins (Debian's mingw-w64 ships no peerdist.h).
 */
#include <windows.h>
#include <fcntl.h>
#include <io.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LINE 70000
#define MAX_BUFFERS 4096
#define MAX_HANDLES 1024
#define MAX_SESSIONS 256
#define MAX_ARGS 12
/* A handle no kernel object has (beyond any handle table), for harness
 * values that are neither event nor port: the DLL must fail on it. */
#define INVALID_REAL_HANDLE ((uintptr_t)0x7BAD0000000ull)

/* --- buffers ------------------------------------------------------------------ */

typedef struct {
  size_t offset;
  size_t width;
} Field;

typedef struct {
  const char* name;
  size_t size; /* 0: bytes */
  int field_count;
  Field fields[5];
} Layout;

static const Layout layouts[] = {
    {"dword", 4, 1, {{0, 4}}},
    {"handle", 8, 1, {{0, 8}}},
    {"status", 4, 1, {{0, 4}}},
    {"status-info", 16, 4, {{0, 4}, {4, 4}, {8, 4}, {12, 4}}},
    {"overlapped", 32, 5, {{0, 8}, {8, 8}, {16, 4}, {20, 4}, {24, 8}}},
    {"publication-options", 8, 2, {{0, 4}, {4, 4}}},
    {"retrieval-options", 16, 4, {{0, 4}, {4, 4}, {8, 4}, {12, 4}}},
    {"bytes", 0, 0, {{0, 0}}},
};
enum { OVERLAPPED_EVENT_FIELD = 4 };

typedef struct {
  const Layout* layout; /* NULL: never sent */
  unsigned char* data;  /* fixed for the case: the DLL may keep the pointer */
  size_t size;
  uint64_t harness_event; /* overlapped: the harness's hEvent value */
  char* known;            /* the contents both ends agree on, as the words after "mem N " */
} Buffer;

static Buffer buffers[MAX_BUFFERS];

/* --- handles: the harness's value -> a real kernel object -------------------- */

typedef enum { KIND_EVENT, KIND_PORT, KIND_NEITHER } Kind;

typedef struct {
  uint64_t harness;
  Kind kind;
  HANDLE real;
} Mapping;

static Mapping mappings[MAX_HANDLES];
static int mapping_count;

/* --- the DLL ---------------------------------------------------------------- */

typedef uint64_t(WINAPI* AnyFn)(uint64_t, uint64_t, uint64_t, uint64_t, uint64_t, uint64_t, uint64_t, uint64_t,
                                uint64_t, uint64_t, uint64_t, uint64_t);
typedef void(WINAPI* StatusFn)(DWORD);

static HMODULE dll;
static StatusFn test_reset;
static StatusFn test_set_status;
static enum { CONTROL_DLL, CONTROL_WINDOWS, CONTROL_NONE } control = CONTROL_NONE;
static uint64_t poll_us = 5000;
static uint32_t wait_ms = 1000;

/* --- the case ------------------------------------------------------------------ */

static int case_started;
static uint64_t poll_timer;         /* the harness's id of the pending poll; 0: none */
static LARGE_INTEGER clock_base;    /* real time at the harness's virtual 0 */
static LARGE_INTEGER frequency;
static uint64_t sessions[MAX_SESSIONS]; /* open sessions, for a DLL without PdTestReset */
static int session_count;

static void Fail(const char* what) {
  fprintf(stderr, "pdlive: %s\n", what);
  exit(2);
}

static void Send(const char* format, ...) {
  va_list args;
  va_start(args, format);
  vprintf(format, args);
  va_end(args);
  putchar('\n');
  fflush(stdout);
}

static int ReadLine(char* line) {
  size_t length;
  if (fgets(line, MAX_LINE, stdin) == NULL) return 0;
  length = strlen(line);
  while (length > 0 && (line[length - 1] == '\n' || line[length - 1] == '\r')) line[--length] = '\0';
  return 1;
}

static uint64_t Number(const char* word) { return strtoull(word, NULL, 0); }

/* Splits `line` in place at single spaces. */
static int Split(char* line, char** words, int max) {
  int count = 0;
  char* cursor = line;
  while (*cursor != '\0' && count < max) {
    words[count++] = cursor;
    cursor = strchr(cursor, ' ');
    if (cursor == NULL) break;
    *cursor++ = '\0';
  }
  return count;
}

static void HandleLine(char* line);

/* A request to the harness; serves what the harness sends meanwhile.
 * Returns what follows "ok " (valid until the next request). */
static const char* RequestLineV(const char* format, va_list args) {
  static char line[MAX_LINE];
  vprintf(format, args);
  putchar('\n');
  fflush(stdout);
  for (;;) {
    if (!ReadLine(line)) Fail("the harness closed the pipe");
    if (strncmp(line, "ok ", 3) == 0) return line + 3;
    {
      /* fire, status-changed or mem while the harness waits: nested. */
      char* copy = _strdup(line);
      HandleLine(copy);
      free(copy);
    }
  }
}

static const char* RequestLine(const char* format, ...) {
  const char* answer;
  va_list args;
  va_start(args, format);
  answer = RequestLineV(format, args);
  va_end(args);
  return answer;
}

static uint64_t Request(const char* format, ...) {
  uint64_t value;
  va_list args;
  va_start(args, format);
  value = Number(RequestLineV(format, args));
  va_end(args);
  return value;
}

/* --- the harness's peers, for a DLL that asks from its own thread ------------- */

#define PEER_NONE UINT64_MAX

typedef uint64_t(WINAPI* PeerSource)(uint64_t offset, DWORD length, uint64_t hash, unsigned char* out);
typedef void(WINAPI* SetPeerSourceFn)(PeerSource);

/* One question at a time: the DLL has one delivery thread, and it waits. */
static struct {
  HANDLE asked;    /* auto-reset; NULL: the DLL takes no peer source */
  HANDLE answered; /* auto-reset */
  uint64_t offset, hash, latency;
  DWORD length;
  unsigned char* out;
} peer;
/* Whether the harness may be asked now: inside a case, after its reset of
 * the DLL (a question left over from the last case gets "no peer"). */
static int peers_from_harness;

/* On the DLL's delivery thread. */
static uint64_t WINAPI AskHarnessPeers(uint64_t offset, DWORD length, uint64_t hash, unsigned char* out) {
  peer.offset = offset;
  peer.length = length;
  peer.hash = hash;
  peer.out = out;
  SetEvent(peer.asked);
  WaitForSingleObject(peer.answered, INFINITE);
  return peer.latency;
}

static int HexDigit(char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; }

/* On the main thread, once `peer.asked` was consumed. */
static void AnswerPeerQuestion(void) {
  peer.latency = PEER_NONE;
  if (peers_from_harness) {
    const char* answer =
        RequestLine("peer-fetch %" PRIu64 " %lu %" PRIu64, peer.offset, (unsigned long)peer.length, peer.hash);
    if (answer[0] != '-') {
      const char* hex = strchr(answer, ' ');
      DWORD i;
      if (hex == NULL || strlen(hex + 1) != 2u * peer.length) Fail("bad peer-fetch answer");
      for (i = 0; i < peer.length; ++i) peer.out[i] = (unsigned char)(HexDigit(hex[1 + 2 * i]) * 16 + HexDigit(hex[2 + 2 * i]));
      peer.latency = Number(answer);
    }
  }
  SetEvent(peer.answered);
}

/* A question asked while the main thread read the harness's last line. */
static void AnswerPendingPeerQuestion(void) {
  if (peer.asked != NULL && WaitForSingleObject(peer.asked, 0) == WAIT_OBJECT_0) AnswerPeerQuestion();
}

/* --- calls into the DLL, from a caller thread -------------------------------- */

typedef void (*DllJob)(void* context);

static struct {
  HANDLE ready, done; /* auto-reset */
  DllJob job;
  void* context;
} caller;

static DWORD WINAPI CallerThread(LPVOID unused) {
  (void)unused;
  for (;;) {
    WaitForSingleObject(caller.ready, INFINITE);
    caller.job(caller.context);
    SetEvent(caller.done);
  }
  return 0; /* never: the thread ends with the process */
}

/* Runs job(context) in the DLL and answers the DLL's peer questions until
 * it returns: the DLL's delivery thread may hold the lock the call waits
 * for while it waits for an answer. */
static void InDll(DllJob job, void* context) {
  HANDLE both[2];
  if (peer.asked == NULL) {
    job(context);
    return;
  }
  caller.job = job;
  caller.context = context;
  SetEvent(caller.ready);
  both[0] = caller.done;
  both[1] = peer.asked;
  while (WaitForMultipleObjects(2, both, FALSE, INFINITE) != WAIT_OBJECT_0) AnswerPeerQuestion();
}

static void InstallPeerSource(void) {
  SetPeerSourceFn set = (SetPeerSourceFn)(void*)GetProcAddress(dll, "PdTestSetPeerSource");
  if (set == NULL) return;
  peer.asked = CreateEventW(NULL, FALSE, FALSE, NULL);
  peer.answered = CreateEventW(NULL, FALSE, FALSE, NULL);
  caller.ready = CreateEventW(NULL, FALSE, FALSE, NULL);
  caller.done = CreateEventW(NULL, FALSE, FALSE, NULL);
  CloseHandle(CreateThread(NULL, 0, CallerThread, NULL, 0, NULL));
  set(AskHarnessPeers);
}

/* --- real time follows the harness's clock ------------------------------------ */

static uint64_t RealUs(void) {
  LARGE_INTEGER now;
  QueryPerformanceCounter(&now);
  return (uint64_t)(now.QuadPart - clock_base.QuadPart) * 1000000ull / (uint64_t)frequency.QuadPart;
}

/* Sleeps until real time reaches the harness's virtual now. */
static void CatchUp(void) {
  uint64_t virtual_us = Request("now");
  uint64_t real_us = RealUs();
  if (virtual_us > real_us) Sleep((DWORD)((virtual_us - real_us + 999) / 1000));
}

/* --- buffers -------------------------------------------------------------------- */

static const Layout* FindLayout(const char* name) {
  size_t i;
  for (i = 0; i < sizeof layouts / sizeof layouts[0]; ++i) {
    if (strcmp(layouts[i].name, name) == 0) return &layouts[i];
  }
  return NULL;
}

static uint64_t ReadField(const unsigned char* data, Field field) {
  uint64_t value = 0;
  memcpy(&value, data + field.offset, field.width);
  return value;
}

static void WriteField(unsigned char* data, Field field, uint64_t value) { memcpy(data + field.offset, &value, field.width); }

/* The words after "mem N " for the buffer's real contents, in the harness's
 * terms (an OVERLAPPED's hEvent is the harness's value). */
static char* Render(const Buffer* buffer) {
  size_t capacity = 64 + buffer->size * 2 + 32 * 5;
  char* text = (char*)malloc(capacity);
  size_t used = (size_t)snprintf(text, capacity, "%s", buffer->layout->name);
  int i;
  if (buffer->layout->size == 0) {
    size_t b;
    used += (size_t)snprintf(text + used, capacity - used, " %u ", (unsigned)buffer->size);
    if (buffer->size == 0) text[used++] = '-';
    for (b = 0; b < buffer->size; ++b) used += (size_t)snprintf(text + used, capacity - used, "%02x", buffer->data[b]);
    text[used] = '\0';
    return text;
  }
  for (i = 0; i < buffer->layout->field_count; ++i) {
    uint64_t value = ReadField(buffer->data, buffer->layout->fields[i]);
    if (strcmp(buffer->layout->name, "overlapped") == 0 && i == OVERLAPPED_EVENT_FIELD) value = buffer->harness_event;
    used += (size_t)snprintf(text + used, capacity - used, " %" PRIu64, value);
  }
  return text;
}


static HANDLE RealEventFor(uint64_t harness);

/* `mem N TYPE FIELD...` from the harness. Contents the harness did not
 * change are not written again: the DLL may have written since (a
 * completion pdlive has not reported yet), and that write wins. */
static void ReceiveMem(char** words, int count) {
  uint64_t id = Number(words[1]);
  const Layout* layout = FindLayout(words[2]);
  Buffer* buffer;
  Buffer incoming;
  char* text;
  int i;
  if (id >= MAX_BUFFERS || layout == NULL) Fail("bad mem line");
  buffer = &buffers[id];
  memset(&incoming, 0, sizeof incoming);
  incoming.layout = layout;
  if (layout->size == 0) {
    incoming.size = (size_t)Number(words[3]);
    incoming.data = (unsigned char*)calloc(incoming.size + 1, 1);
    for (i = 0; (size_t)i < incoming.size && count > 4; ++i) {
      char hex[3] = {words[4][2 * i], words[4][2 * i + 1], '\0'};
      incoming.data[i] = (unsigned char)strtoul(hex, NULL, 16);
    }
  } else {
    incoming.size = layout->size;
    incoming.data = (unsigned char*)calloc(layout->size, 1);
    for (i = 0; i < layout->field_count && 3 + i < count; ++i) WriteField(incoming.data, layout->fields[i], Number(words[3 + i]));
    if (strcmp(layout->name, "overlapped") == 0) incoming.harness_event = ReadField(incoming.data, layout->fields[4]);
  }
  text = Render(&incoming);
  if (buffer->layout == layout && buffer->size == incoming.size && buffer->known != NULL &&
      strcmp(buffer->known, text) == 0) {
    free(text);
    free(incoming.data);
    return;
  }
  if (buffer->data == NULL || buffer->size != incoming.size) {
    /* First sight (or a new size): this is the memory the DLL gets. */
    free(buffer->data);
    buffer->data = (unsigned char*)calloc(incoming.size + 1, 1);
  }
  memcpy(buffer->data, incoming.data, incoming.size);
  buffer->layout = layout;
  buffer->size = incoming.size;
  buffer->harness_event = incoming.harness_event;
  free(buffer->known);
  buffer->known = text;
  free(incoming.data);
}

/* --- kernel objects --------------------------------------------------------------- */

static Mapping* FindMapping(uint64_t harness) {
  int i;
  for (i = 0; i < mapping_count; ++i) {
    if (mappings[i].harness == harness) return &mappings[i];
  }
  return NULL;
}

static Mapping* MapHandle(uint64_t harness, Kind wanted) {
  Mapping* mapping = FindMapping(harness);
  if (mapping != NULL) return mapping;
  if (mapping_count == MAX_HANDLES) Fail("too many handles in one case");
  mapping = &mappings[mapping_count++];
  mapping->harness = harness;
  mapping->kind = KIND_NEITHER;
  mapping->real = (HANDLE)INVALID_REAL_HANDLE;
  if (wanted == KIND_PORT && Request("is-port 0x%" PRIx64, harness) == 1) {
    mapping->kind = KIND_PORT;
    mapping->real = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 1);
  } else if (wanted == KIND_EVENT && Request("is-event 0x%" PRIx64, harness) == 1) {
    /* Manual reset: a poll sees a SetEvent until it resets it itself. */
    mapping->kind = KIND_EVENT;
    mapping->real = CreateEventW(NULL, TRUE, FALSE, NULL);
  }
  return mapping;
}

/* The real hEvent for the harness's, the low bit (no completion packet)
 * kept. */
static HANDLE RealEventFor(uint64_t harness) {
  uint64_t base = harness & ~(uint64_t)1;
  if (harness == 0) return NULL;
  return (HANDLE)((uintptr_t)MapHandle(base, KIND_EVENT)->real | (uintptr_t)(harness & 1));
}

/* Points every OVERLAPPED's real hEvent at its real event. */
static void ResolveEvents(void) {
  int id;
  for (id = 0; id < MAX_BUFFERS; ++id) {
    Buffer* buffer = &buffers[id];
    if (buffer->layout == NULL || strcmp(buffer->layout->name, "overlapped") != 0) continue;
    WriteField(buffer->data, buffer->layout->fields[OVERLAPPED_EVENT_FIELD],
               (uint64_t)(uintptr_t)RealEventFor(buffer->harness_event));
  }
}

static int BufferIdOf(const void* pointer) {
  int id;
  if (pointer == NULL) return -1;
  for (id = 0; id < MAX_BUFFERS; ++id) {
    if (buffers[id].data == pointer) return id;
  }
  return -2;
}

/* Tells the harness what the DLL did since the last time: memory first (so
 * a completion's result is there before its signal), then events, then
 * packets in the order each port queued them. The DLL's threads keep
 * running meanwhile, and a completion writes the OVERLAPPED, then sets the
 * event, then queues the packet; so the ports are looked at first, then the
 * events, then the memory: whatever a packet or a signal seen here belongs
 * to is already written, and a packet never overtakes its event. */
typedef struct {
  uint64_t port;
  DWORD bytes;
  ULONG_PTR key;
  int overlapped; /* buffer id; -1: NULL */
} Packet;

static void Report(void) {
  static Packet packets[MAX_BUFFERS];
  static uint64_t signalled[MAX_HANDLES];
  int packet_count = 0, signalled_count = 0;
  int id, i;
  for (i = 0; i < mapping_count; ++i) {
    Mapping* mapping = &mappings[i];
    if (mapping->kind != KIND_PORT) continue;
    while (packet_count < MAX_BUFFERS) {
      DWORD bytes = 0;
      ULONG_PTR key = 0;
      LPOVERLAPPED overlapped = NULL;
      BOOL dequeued = GetQueuedCompletionStatus(mapping->real, &bytes, &key, &overlapped, 0);
      if (!dequeued && overlapped == NULL) break;
      id = BufferIdOf(overlapped);
      if (id == -2) {
        fprintf(stderr, "pdlive: the DLL queued a packet with an OVERLAPPED the caller never passed\n");
        continue;
      }
      packets[packet_count].port = mapping->harness;
      packets[packet_count].bytes = bytes;
      packets[packet_count].key = key;
      packets[packet_count].overlapped = id;
      ++packet_count;
    }
  }
  for (i = 0; i < mapping_count; ++i) {
    Mapping* mapping = &mappings[i];
    if (mapping->kind != KIND_EVENT || WaitForSingleObject(mapping->real, 0) != WAIT_OBJECT_0) continue;
    ResetEvent(mapping->real);
    signalled[signalled_count++] = mapping->harness;
  }
  for (id = 0; id < MAX_BUFFERS; ++id) {
    Buffer* buffer = &buffers[id];
    char* now;
    if (buffer->layout == NULL) continue;
    now = Render(buffer);
    if (buffer->known == NULL || strcmp(now, buffer->known) != 0) {
      Send("mem %d %s", id, now);
      free(buffer->known);
      buffer->known = now;
    } else {
      free(now);
    }
  }
  for (i = 0; i < signalled_count; ++i) Request("set-event 0x%" PRIx64, signalled[i]);
  for (i = 0; i < packet_count; ++i) {
    if (packets[i].overlapped < 0) {
      Request("post 0x%" PRIx64 " %lu %" PRIu64 " 0", packets[i].port, (unsigned long)packets[i].bytes,
              (uint64_t)packets[i].key);
    } else {
      Request("post 0x%" PRIx64 " %lu %" PRIu64 " @%d", packets[i].port, (unsigned long)packets[i].bytes,
              (uint64_t)packets[i].key, packets[i].overlapped);
    }
  }
}

/* --- the status controller --------------------------------------------------------- */

static void RunAdminCommand(const char* command) {
  fprintf(stderr, "pdlive: %s\n", command);
  if (system(command) != 0) fprintf(stderr, "pdlive: failed: %s\n", command);
}

/* The service's status moves to `status` (0 disabled, 1 unavailable, 2 available). */
static void SetStatusJob(void* status) { test_set_status(*(DWORD*)status); }
static void ResetJob(void* status) { test_reset(*(DWORD*)status); }

static void ControlStatus(DWORD status) {
  switch (control) {
    case CONTROL_DLL: InDll(SetStatusJob, &status); break;
    case CONTROL_WINDOWS:
      if (status == 0) {
        RunAdminCommand("netsh branchcache set service mode=DISABLED >NUL");
      } else if (status == 1) {
        RunAdminCommand("sc stop PeerDistSvc >NUL");
      } else {
        RunAdminCommand("netsh branchcache set service mode=LOCAL >NUL");
        RunAdminCommand("sc start PeerDistSvc >NUL");
      }
      break;
    case CONTROL_NONE: break;
  }
}

/* A case's first line that needs the DLL: the status the scenario starts
 * with, and the real clock lined up with the harness's. */
static void StartCase(int status) {
  uint64_t virtual_us;
  LARGE_INTEGER now;
  if (case_started) return;
  case_started = 1;
  if (status < 0) status = (int)Request("get-status");
  if (control == CONTROL_DLL && test_reset != NULL) {
    DWORD initial = (DWORD)status;
    InDll(ResetJob, &initial);
    peers_from_harness = 1;
  } else {
    ControlStatus((DWORD)status);
  }
  virtual_us = Request("now");
  QueryPerformanceCounter(&now);
  clock_base.QuadPart = now.QuadPart - (LONGLONG)(virtual_us * (uint64_t)frequency.QuadPart / 1000000ull);
}

static void EnsurePoll(void) {
  if (poll_timer == 0) poll_timer = Request("schedule %" PRIu64, poll_us);
}

static void ResetCase(void) {
  int i;
  typedef DWORD(WINAPI * ShutdownFn)(HANDLE);
  ShutdownFn shutdown = (ShutdownFn)(void*)GetProcAddress(dll, "PeerDistShutdown");
  if (test_reset == NULL && shutdown != NULL) {
    for (i = 0; i < session_count; ++i) shutdown((HANDLE)(uintptr_t)sessions[i]);
  }
  session_count = 0;
  for (i = 0; i < mapping_count; ++i) {
    if (mappings[i].kind != KIND_NEITHER) CloseHandle(mappings[i].real);
  }
  mapping_count = 0;
  /* Buffers stay allocated (a DLL without PdTestReset may still write an
   * old OVERLAPPED); their contents are forgotten. */
  for (i = 0; i < MAX_BUFFERS; ++i) {
    buffers[i].layout = NULL;
    free(buffers[i].known);
    buffers[i].known = NULL;
  }
  case_started = 0;
  poll_timer = 0;
  peers_from_harness = 0;
  AnswerPendingPeerQuestion();  /* "no peer": the harness has moved on */
}

/* --- calls ------------------------------------------------------------------------- */

/* Which argument of a function is a completion port (-1: none). */
static int PortArgument(const char* function) {
  static const struct {
    const char* name;
    int index;
  } ports[] = {
      {"PeerDistRegisterForStatusChangeNotification", 1}, {"PeerDistRegisterForStatusChangeNotificationEx", 1},
      {"PeerDistServerPublishStream", 5},                 {"PeerDistServerOpenContentInformation", 5},
      {"PeerDistServerOpenContentInformationEx", 6},      {"PeerDistClientOpenContent", 2},
      {"PeerDistClientFlushContent", 2},
  };
  size_t i;
  for (i = 0; i < sizeof ports / sizeof ports[0]; ++i) {
    if (strcmp(ports[i].name, function) == 0) return ports[i].index;
  }
  return -1;
}

static void NoteSessions(const char* function, char** words, int count, uint64_t result) {
  int i;
  if (strcmp(function, "PeerDistStartup") == 0 && result == 0 && count > 3 && words[3][0] == '@') {
    const Buffer* out = &buffers[Number(words[3] + 1)];
    if (session_count < MAX_SESSIONS && out->data != NULL) sessions[session_count++] = ReadField(out->data, (Field){0, 8});
  }
  if (strcmp(function, "PeerDistShutdown") == 0 && result == 0 && count > 2) {
    for (i = 0; i < session_count; ++i) {
      if (sessions[i] == Number(words[2])) sessions[i] = sessions[--session_count];
    }
  }
}

/* A blocking PeerDistGetOverlappedResult on a pending OVERLAPPED waits in
 * the harness first, so the harness's clock runs while the DLL works. The
 * wait is bounded (--wait-ms): an operation that never completes would
 * block the DLL's own wait for ever, so once the harness's wait ran out the
 * DLL is asked without waiting (it answers ERROR_IO_INCOMPLETE, as the
 * harness's own INFINITE wait ends at its virtual time limit). Returns the
 * bWait the DLL gets. */
static uint64_t WaitInHarness(const char* function, char** words, int count) {
  const Buffer* overlapped;
  const uint64_t wait = count >= 5 ? Number(words[4]) : 0;
  if (strcmp(function, "PeerDistGetOverlappedResult") != 0 || count < 5 || wait == 0) return wait;
  if (words[2][0] != '@') return wait;
  overlapped = &buffers[Number(words[2] + 1)];
  if (overlapped->layout == NULL || strcmp(overlapped->layout->name, "overlapped") != 0) return wait;
  if (ReadField(overlapped->data, (Field){0, 8}) != 0x103 || overlapped->harness_event == 0) return wait;
  if (Request("wait 0x%" PRIx64 " %u", overlapped->harness_event & ~(uint64_t)1, (unsigned)wait_ms) != 0) return 0;
  return wait;
}

/* One peerdist.h call as a job for InDll: the last error is the caller
 * thread's, so it is read there. */
typedef struct {
  AnyFn fn;
  uint64_t* args;
  uint64_t result;
  DWORD last_error;
} CallJob;

static void RunCall(void* context) {
  CallJob* call = (CallJob*)context;
  const uint64_t* a = call->args;
  SetLastError(0);
  /* Win64: every argument of a peerdist.h function is one integer register
   * or stack slot, so one pointer type calls them all; DWORD and BOOL
   * results are the low 32 bits. */
  call->result = call->fn(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11]) & 0xFFFFFFFFull;
  call->last_error = GetLastError();
}

static void Call(char** words, int count) {
  const char* function = words[1];
  uint64_t args[MAX_ARGS] = {0};
  int port = PortArgument(function);
  AnyFn fn = (AnyFn)(void*)GetProcAddress(dll, function);
  CallJob call;
  int i;
  StartCase(-1);
  CatchUp();
  if (fn == NULL) {
    Send("ret 120");
    return;
  }
  for (i = 2; i < count && i - 2 < MAX_ARGS; ++i) {
    int index = i - 2;
    if (words[i][0] == '@') {
      args[index] = (uint64_t)(uintptr_t)buffers[Number(words[i] + 1)].data;
    } else if (index == port && Number(words[i]) != 0) {
      args[index] = (uint64_t)(uintptr_t)MapHandle(Number(words[i]), KIND_PORT)->real;
    } else {
      args[index] = Number(words[i]);
    }
  }
  ResolveEvents();
  if (strcmp(function, "PeerDistGetOverlappedResult") == 0) args[2] = WaitInHarness(function, words, count);
  Report();
  call.fn = fn;
  call.args = args;
  InDll(RunCall, &call);
  NoteSessions(function, words, count, call.result);
  Report();
  if (strcmp(function, "PeerDistGetOverlappedResult") == 0 && call.result == 0) {
    Send("set-last-error %lu", call.last_error);
  }
  EnsurePoll();
  Send("ret %" PRIu64, call.result);
}

static void HandleLine(char* line) {
  char* words[MAX_ARGS + 4];
  int count = Split(line, words, MAX_ARGS + 4);
  if (count == 0) Fail("empty line");
  if (strcmp(words[0], "mem") == 0 && count >= 3) {
    ReceiveMem(words, count);
  } else if (strcmp(words[0], "hello") == 0) {
    Send("hello 1");
  } else if (strcmp(words[0], "reset") == 0) {
    ResetCase();
    Send("done");
  } else if (strcmp(words[0], "call") == 0 && count >= 2) {
    AnswerPendingPeerQuestion();
    Call(words, count);
  } else if (strcmp(words[0], "status-changed") == 0 && count == 3) {
    AnswerPendingPeerQuestion();
    StartCase((int)Number(words[1]));
    CatchUp();
    ControlStatus((DWORD)Number(words[2]));
    Report();
    EnsurePoll();
    Send("done");
  } else if (strcmp(words[0], "fire") == 0 && count == 2) {
    AnswerPendingPeerQuestion();
    if (Number(words[1]) == poll_timer) {
      poll_timer = 0;
      CatchUp();
      AnswerPendingPeerQuestion();
      Report();
      EnsurePoll();
    }
    Send("done");
  } else {
    fprintf(stderr, "pdlive: unexpected line: %s\n", line);
    exit(2);
  }
}

int main(int argc, char** argv) {
  static char line[MAX_LINE];
  const char* path = "peerdist.dll";
  const char* control_name = NULL;
  int i;
  for (i = 1; i < argc; ++i) {
    if (strcmp(argv[i], "--status-control") == 0 && i + 1 < argc) {
      control_name = argv[++i];
    } else if (strcmp(argv[i], "--poll-us") == 0 && i + 1 < argc) {
      poll_us = Number(argv[++i]);
    } else if (strcmp(argv[i], "--wait-ms") == 0 && i + 1 < argc) {
      wait_ms = (uint32_t)Number(argv[++i]);
    } else {
      path = argv[i];
    }
  }
  /* The protocol's lines end in \n, not the console's \r\n. */
  _setmode(_fileno(stdin), _O_BINARY);
  _setmode(_fileno(stdout), _O_BINARY);
  QueryPerformanceFrequency(&frequency);
  QueryPerformanceCounter(&clock_base);
  dll = LoadLibraryA(path);
  if (dll == NULL) {
    fprintf(stderr, "pdlive: cannot load %s (error %lu)\n", path, (unsigned long)GetLastError());
    return 2;
  }
  test_reset = (StatusFn)(void*)GetProcAddress(dll, "PdTestReset");
  test_set_status = (StatusFn)(void*)GetProcAddress(dll, "PdTestSetServiceStatus");
  InstallPeerSource();
  if (control_name == NULL) control_name = test_set_status != NULL ? "dll" : "none";
  if (strcmp(control_name, "dll") == 0) {
    if (test_set_status == NULL) Fail("--status-control dll: the DLL has no PdTestSetServiceStatus export");
    control = CONTROL_DLL;
  } else if (strcmp(control_name, "windows") == 0) {
    control = CONTROL_WINDOWS;
  } else if (strcmp(control_name, "none") == 0) {
    control = CONTROL_NONE;
  } else {
    Fail("--status-control takes dll, windows or none");
  }
  while (ReadLine(line)) HandleLine(line);
  return 0;
}
