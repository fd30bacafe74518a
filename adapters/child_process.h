// A child process the harness talks to over two pipes, one line at a time,
// with a wall-clock bound on every read and write. It runs in its own
// process group, so killing it also kills whatever it started (a shell's
// python, say). The destructor kills and reaps it: no child outlives its
// ChildProcess, and none is left a zombie.
//
// Nor does any outlive the harness: every live child is in a table that
// KillAllChildProcesses() (async-signal-safe, for the harness's SIGINT /
// SIGTERM / SIGHUP handler) kills group by group, and each child is started
// with PR_SET_PDEATHSIG = SIGKILL, so a harness that is SIGKILLed (or dies
// any other way) takes its children down with it. Being in their own process
// group, children do not get the terminal's Ctrl-C themselves: the harness
// decides, and kills them.
#ifndef ADAPTERS_CHILD_PROCESS_H_
#define ADAPTERS_CHILD_PROCESS_H_

#include <sys/types.h>

#include <functional>
#include <memory>
#include <string>

namespace pd {

class ChildProcess {
 public:
  // `/bin/sh -c COMMAND`, the command's stdin and stdout on the pipes, its
  // stderr the harness's. nullptr and *error when the process cannot start.
  static std::unique_ptr<ChildProcess> Exec(const std::string& command, std::string* error);
  // fork() without exec: the child runs body(read_fd, write_fd) and exits
  // with its result. Its stdout is redirected to stderr, so nothing the
  // body prints can mix with the harness's output.
  static std::unique_ptr<ChildProcess> Fork(const std::function<int(int, int)>& body, std::string* error);

  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  ~ChildProcess();

  enum class ReadResult {
    kLine,     // *line holds one line, without '\n'
    kEnd,      // the child closed its output (usually: it died); *line holds any partial line
    kTimeout,  // nothing complete arrived within the bound
    kTooLong,  // a line longer than the protocol allows; *line holds its start
  };
  ReadResult ReadLine(int timeout_ms, std::string* line);
  // Writes line + '\n'. False when the child is gone or has not read its
  // input for timeout_ms.
  bool WriteLine(const std::string& line, int timeout_ms);
  // Writes `data` (lines, each ending in '\n') with as few write() calls as
  // the pipe allows; false as WriteLine.
  bool Write(const std::string& data, int timeout_ms);

  // How the child ended, e.g. "exited with status 3" or "was killed by
  // signal 11 (SIGSEGV)". Waits up to grace_ms for it to end, then kills it
  // ("closed its output but kept running; killed").
  std::string DescribeEnd(int grace_ms);
  // SIGKILL to the child's process group, then reap. Idempotent.
  void Kill();
  // Closes the child's input: it reads end-of-file once it has read what
  // was written.
  void CloseInput();
  pid_t pid() const { return pid_; }
  // The pipe the child's lines arrive on, for a poll() over several
  // children; read them with ReadLine.
  int output_fd() const { return from_child_; }

 private:
  ChildProcess(pid_t pid, int to_child, int from_child);
  // waitpid once; true when the child has been reaped.
  bool TryReap(bool block);

  pid_t pid_;
  int to_child_;
  int from_child_;
  bool reaped_ = false;
  int wait_status_ = 0;
  std::string pending_;  // bytes read past the last returned line
};

// "SIGSEGV" for 11, ..., "signal N" for one without a short name.
std::string SignalName(int signal);

// SIGKILL to the process group of every child process alive (started and
// not yet reaped). Async-signal-safe: for a signal handler that ends the
// harness. Does not reap (the harness is about to exit).
void KillAllChildProcesses();

// The signals a harness handles to stop its children before it ends
// (SIGINT, SIGTERM, SIGHUP). Blocked while a child is started and while one
// is reaped, so that the table KillAllChildProcesses() reads is never stale.
extern const int kInterruptSignals[3];

}  // namespace pd

#endif  // ADAPTERS_CHILD_PROCESS_H_
