#include "adapters/child_process.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <sys/mman.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <new>

#include "adapters/protocol_text.h"

namespace pd {
namespace {

using Clock = std::chrono::steady_clock;

int RemainingMs(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return left <= 0 ? 0 : static_cast<int>(left);
}

// The children alive (started, not yet reaped), for KillAllChildProcesses():
// a fixed table, so that a signal handler can read it. 0 is a free slot. A
// child that finds no free slot is still taken down by PR_SET_PDEATHSIG.
//
// The table is shared with every process forked from the harness (a mapping
// made before the first fork): a job process's own children (an exec:
// program, a plugin worker: conformance/suite_jobs.cc) are in it too, with
// the job as their owner, so the harness's KillAllChildProcesses() takes
// their process groups down as well (PR_SET_PDEATHSIG reaches only the
// program itself, not what it started), and reaping a job kills whatever it
// left behind.
constexpr int kMaxLiveChildren = 256;
struct LiveChild {
  std::atomic<pid_t> pid;
  std::atomic<pid_t> owner;  // the process that started it
};
static_assert(std::atomic<pid_t>::is_always_lock_free, "read by a signal handler, shared between processes");
std::atomic<LiveChild*> live_children{nullptr};

// The table; made at the first call (not from a signal handler: that one
// reads live_children, and finds nullptr before any child was started).
LiveChild* LiveChildren() {
  LiveChild* table = live_children.load();
  if (table != nullptr) return table;
  void* memory = mmap(nullptr, sizeof(LiveChild) * kMaxLiveChildren, PROT_READ | PROT_WRITE,
                      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (memory == MAP_FAILED) {
    static LiveChild fallback[kMaxLiveChildren];  // this process's children only
    memory = fallback;
  }
  table = new (memory) LiveChild[kMaxLiveChildren]();
  live_children.store(table);
  return table;
}

void RegisterChild(pid_t pid) {
  LiveChild* table = LiveChildren();
  for (int i = 0; i < kMaxLiveChildren; ++i) {
    pid_t free = 0;
    if (table[i].pid.compare_exchange_strong(free, pid)) {
      table[i].owner.store(getpid());
      return;
    }
  }
}

void KillGroup(pid_t pid) {
  kill(-pid, SIGKILL);
  kill(pid, SIGKILL);
}

// `pid` was reaped: out of the table, and so is everything it started and
// left behind (killed first).
void UnregisterChild(pid_t pid) {
  LiveChild* table = LiveChildren();
  for (int i = 0; i < kMaxLiveChildren; ++i) {
    pid_t mine = pid;
    if (table[i].pid.load() == pid && table[i].owner.load() == getpid()) {
      table[i].owner.store(0);
      table[i].pid.compare_exchange_strong(mine, 0);
    }
  }
  for (int i = 0; i < kMaxLiveChildren; ++i) {
    const pid_t orphan = table[i].pid.load();
    if (orphan <= 0 || table[i].owner.load() != pid) continue;
    KillGroup(orphan);
    table[i].owner.store(0);
    pid_t expected = orphan;
    table[i].pid.compare_exchange_strong(expected, 0);
  }
}

// kInterruptSignals blocked for the scope (see child_process.h).
class InterruptsBlocked {
 public:
  InterruptsBlocked() {
    sigset_t set;
    sigemptyset(&set);
    for (int signal : kInterruptSignals) sigaddset(&set, signal);
    sigprocmask(SIG_BLOCK, &set, &before_);
  }
  ~InterruptsBlocked() { sigprocmask(SIG_SETMASK, &before_, nullptr); }
  InterruptsBlocked(const InterruptsBlocked&) = delete;
  InterruptsBlocked& operator=(const InterruptsBlocked&) = delete;
  const sigset_t& before() const { return before_; }

 private:
  sigset_t before_;
};

// A dead child must surface as a failed write, not as a SIGPIPE that kills
// the harness.
void IgnoreSigpipeOnce() {
  static const bool done = [] {
    signal(SIGPIPE, SIG_IGN);
    return true;
  }();
  (void)done;
}

struct Pipes {
  int to_child[2] = {-1, -1};    // [0] child's stdin end, [1] harness's write end
  int from_child[2] = {-1, -1};  // [0] harness's read end, [1] child's stdout end
  bool Open(std::string* error) {
    if (pipe2(to_child, O_CLOEXEC) != 0 || pipe2(from_child, O_CLOEXEC) != 0) {
      *error = std::string("cannot create pipes: ") + std::strerror(errno);
      CloseAll();
      return false;
    }
    return true;
  }
  void CloseAll() {
    for (int* fd : {&to_child[0], &to_child[1], &from_child[0], &from_child[1]}) {
      if (*fd >= 0) close(*fd);
      *fd = -1;
    }
  }
};

// Everything both spawns share: pipes, fork, process group. `in_child` runs
// in the child with its ends of the pipes and never returns.
std::unique_ptr<ChildProcess> Spawn(const std::function<void(int, int)>& in_child, std::string* error,
                                    const std::function<std::unique_ptr<ChildProcess>(pid_t, int, int)>& make) {
  IgnoreSigpipeOnce();
  LiveChildren();  // before the fork: the child shares it
  Pipes pipes;
  if (!pipes.Open(error)) return nullptr;
  // Whatever the harness buffered must not be written twice.
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  const pid_t parent = getpid();
  // No interrupt between the fork and the child's entry in the table.
  InterruptsBlocked blocked;
  const pid_t pid = fork();
  if (pid < 0) {
    *error = std::string("cannot fork: ") + std::strerror(errno);
    pipes.CloseAll();
    return nullptr;
  }
  if (pid == 0) {
    // The harness's handlers are not the child's: the defaults again (an
    // ignored signal stays ignored), and the harness's signal mask.
    for (int signal : kInterruptSignals) {
      struct sigaction current;
      if (sigaction(signal, nullptr, &current) == 0 && current.sa_handler != SIG_IGN) ::signal(signal, SIG_DFL);
    }
    sigprocmask(SIG_SETMASK, &blocked.before(), nullptr);
    // Dies with the harness, however the harness ends (kept across exec).
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127);  // the harness ended before the prctl
    setpgid(0, 0);
    close(pipes.to_child[1]);
    close(pipes.from_child[0]);
    in_child(pipes.to_child[0], pipes.from_child[1]);
    _exit(127);
  }
  setpgid(pid, pid);  // also here: no race with the child's own call
  RegisterChild(pid);
  close(pipes.to_child[0]);
  close(pipes.from_child[1]);
  fcntl(pipes.to_child[1], F_SETFL, fcntl(pipes.to_child[1], F_GETFL) | O_NONBLOCK);
  return make(pid, pipes.to_child[1], pipes.from_child[0]);
}

}  // namespace

const int kInterruptSignals[3] = {SIGINT, SIGTERM, SIGHUP};

void KillAllChildProcesses() {
  LiveChild* table = live_children.load();
  if (table == nullptr) return;
  for (int i = 0; i < kMaxLiveChildren; ++i) {
    const pid_t pid = table[i].pid.load();
    if (pid > 0) KillGroup(pid);
  }
}

std::string SignalName(int signal) {
  switch (signal) {
    case SIGSEGV: return "SIGSEGV";
    case SIGABRT: return "SIGABRT";
    case SIGBUS: return "SIGBUS";
    case SIGFPE: return "SIGFPE";
    case SIGILL: return "SIGILL";
    case SIGKILL: return "SIGKILL";
    case SIGTERM: return "SIGTERM";
    case SIGINT: return "SIGINT";
    case SIGHUP: return "SIGHUP";
    case SIGPIPE: return "SIGPIPE";
    case SIGTRAP: return "SIGTRAP";
    case SIGSYS: return "SIGSYS";
    case SIGXCPU: return "SIGXCPU";
    default: return "signal " + std::to_string(signal);
  }
}

ChildProcess::ChildProcess(pid_t pid, int to_child, int from_child)
    : pid_(pid), to_child_(to_child), from_child_(from_child) {}

std::unique_ptr<ChildProcess> ChildProcess::Exec(const std::string& command, std::string* error) {
  auto make = [](pid_t pid, int to, int from) { return std::unique_ptr<ChildProcess>(new ChildProcess(pid, to, from)); };
  return Spawn(
      [&command](int in, int out) {
        if (dup2(in, STDIN_FILENO) < 0 || dup2(out, STDOUT_FILENO) < 0) _exit(127);
        execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
        _exit(127);
      },
      error, make);
}

std::unique_ptr<ChildProcess> ChildProcess::Fork(const std::function<int(int, int)>& body, std::string* error) {
  auto make = [](pid_t pid, int to, int from) { return std::unique_ptr<ChildProcess>(new ChildProcess(pid, to, from)); };
  return Spawn(
      [&body](int in, int out) {
        dup2(STDERR_FILENO, STDOUT_FILENO);
        _exit(body(in, out));
      },
      error, make);
}

ChildProcess::~ChildProcess() {
  Kill();
  if (to_child_ >= 0) close(to_child_);
  if (from_child_ >= 0) close(from_child_);
}

ChildProcess::ReadResult ChildProcess::ReadLine(int timeout_ms, std::string* line) {
  const Clock::time_point deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
  std::size_t scanned = 0;
  for (;;) {
    const std::size_t newline = pending_.find('\n', scanned);
    if (newline != std::string::npos) {
      if (newline > protocol::kMaxLineBytes) {
        *line = pending_.substr(0, protocol::kMaxLineBytes);
        return ReadResult::kTooLong;
      }
      line->assign(pending_, 0, newline);
      pending_.erase(0, newline + 1);
      return ReadResult::kLine;
    }
    scanned = pending_.size();
    if (pending_.size() > protocol::kMaxLineBytes) {
      *line = pending_.substr(0, protocol::kMaxLineBytes);
      return ReadResult::kTooLong;
    }
    if (from_child_ < 0) {
      *line = pending_;
      return ReadResult::kEnd;
    }
    pollfd poll_fd{from_child_, POLLIN, 0};
    const int ready = poll(&poll_fd, 1, RemainingMs(deadline));
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) {
      *line = pending_;
      return ReadResult::kTimeout;
    }
    char chunk[4096];
    const ssize_t got = read(from_child_, chunk, sizeof chunk);
    if (got < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (got <= 0) {
      close(from_child_);
      from_child_ = -1;
      continue;
    }
    pending_.append(chunk, static_cast<std::size_t>(got));
  }
}

bool ChildProcess::WriteLine(const std::string& line, int timeout_ms) { return Write(line + "\n", timeout_ms); }

bool ChildProcess::Write(const std::string& data, int timeout_ms) {
  if (to_child_ < 0) return false;
  const Clock::time_point deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
  std::size_t written = 0;
  while (written < data.size()) {
    const ssize_t put = write(to_child_, data.data() + written, data.size() - written);
    if (put > 0) {
      written += static_cast<std::size_t>(put);
      continue;
    }
    if (put < 0 && errno == EINTR) continue;
    if (put < 0 && errno == EAGAIN) {
      pollfd poll_fd{to_child_, POLLOUT, 0};
      const int left = RemainingMs(deadline);
      if (left == 0 || poll(&poll_fd, 1, left) == 0) return false;
      continue;
    }
    return false;  // EPIPE: the child is gone
  }
  return true;
}

bool ChildProcess::TryReap(bool block) {
  if (reaped_) return true;
  if (block) {
    // Waits for the end without reaping, with interrupts deliverable.
    siginfo_t info;
    while (waitid(P_PID, pid_, &info, WEXITED | WNOWAIT) < 0 && errno == EINTR) {
    }
  }
  // Reaped and out of the table together: a pid that is free again is
  // never killed.
  InterruptsBlocked blocked;
  for (;;) {
    const pid_t got = waitpid(pid_, &wait_status_, WNOHANG);
    if (got < 0 && errno == EINTR) continue;
    if (got == pid_ || (got < 0 && errno == ECHILD)) {
      reaped_ = true;
      UnregisterChild(pid_);
      return true;
    }
    return false;
  }
}

std::string ChildProcess::DescribeEnd(int grace_ms) {
  const Clock::time_point deadline = Clock::now() + std::chrono::milliseconds(grace_ms);
  while (!TryReap(false)) {
    if (RemainingMs(deadline) == 0) {
      Kill();
      return "closed its output but kept running (killed)";
    }
    usleep(1000);
  }
  // The group may hold more (a shell's children): none may outlive the case.
  kill(-pid_, SIGKILL);
  if (WIFEXITED(wait_status_)) return "exited with status " + std::to_string(WEXITSTATUS(wait_status_));
  if (WIFSIGNALED(wait_status_)) {
    return "was killed by signal " + std::to_string(WTERMSIG(wait_status_)) + " (" + SignalName(WTERMSIG(wait_status_)) +
           ")";
  }
  return "ended (wait status " + std::to_string(wait_status_) + ")";
}

void ChildProcess::CloseInput() {
  if (to_child_ >= 0) close(to_child_);
  to_child_ = -1;
}

void ChildProcess::Kill() {
  if (!reaped_) {
    kill(-pid_, SIGKILL);
    kill(pid_, SIGKILL);
    TryReap(true);
  }
}

}  // namespace pd
