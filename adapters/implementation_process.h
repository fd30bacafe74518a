// The process an out-of-process implementation (exec:) or a plugin worker
// (plugin:) runs in, kept across the cases of a suite run. It owns the
// wall-clock watchdog: every line the harness waits for must arrive within
// the per-answer bound, or the process is killed and the case gets a no-hang
// finding. A process that dies, or whose line is too long, gets a no-crash
// finding. Either way the next case starts a fresh process.
//
// Lines in, lines out: the meaning of the lines is ProtocolAdapter's.
#ifndef ADAPTERS_IMPLEMENTATION_PROCESS_H_
#define ADAPTERS_IMPLEMENTATION_PROCESS_H_

#include <functional>
#include <memory>
#include <string>

#include "adapters/child_process.h"
#include "adapters/implementation_lost.h"

namespace pd {

// Default bound on each answer the harness waits for.
constexpr int kDefaultAnswerTimeoutMs = 2000;
// Bound on the first answer (`hello`) of a fresh process: an interpreter's
// start-up on a loaded CI machine is slow, and nothing is under test yet.
constexpr int kStartupTimeoutMs = 10000;
// How long a process that closed its output gets to finish dying, so its
// exit status or signal can be reported.
constexpr int kExitGraceMs = 2000;

struct ProcessSpec {
  std::string name;  // as given to --impl, for messages
  std::function<std::unique_ptr<ChildProcess>(std::string* error)> spawn;
  // plugin workers: a fresh process for every case (their state is the
  // plugin's globals); exec: one process, `reset` between cases.
  bool fresh_per_case = false;
  int answer_timeout_ms = kDefaultAnswerTimeoutMs;
  // Optional (plugin workers): what the process was doing when it ended or
  // stopped answering, when it knows better than the line being handled,
  // e.g. "the worker was loading the plugin (running the library's
  // constructors)"; "" when it does not. Findings add it in parentheses.
  std::function<std::string()> activity;
};

class ImplementationProcess {
 public:
  explicit ImplementationProcess(ProcessSpec spec);

  const ProcessSpec& spec() const { return spec_; }

  // Starts a case: a live process that answered `hello`, then `reset` to a
  // clean state. A process left in the middle of an exchange by the previous
  // case (it was cut short) is replaced. Throws ImplementationLost.
  void BeginCase();

  // Queues one line for the process. The lines queued go out together, in
  // one write, before the harness next waits for an answer (Receive): the
  // process is woken once per exchange, not once per `mem` line. `context`
  // names the harness message being handled, for findings. Throws
  // ImplementationLost (the process is gone).
  void Send(const std::string& line, const std::string& context);
  // Writes the queued lines, then the next line from the process. Throws
  // ImplementationLost on its end, on a line over the protocol's bound, when
  // it does not read its input or no line arrives in time.
  std::string Receive(const std::string& context);

  // Exchanges that are open: a message sent that expects `ret`, `done` or
  // `hello`, not yet answered. The adapter counts them; a case that ends
  // with one open leaves the process out of step.
  void OpenExchange() { ++open_exchanges_; }
  void CloseExchange() { --open_exchanges_; }

  // Kills the process and returns `lost` for the caller to throw.
  ImplementationLost Lose(ImplementationLost lost);

  // Starts a process and says hello once, before the suite: "" or one line
  // saying why the implementation cannot be used.
  std::string Probe();

 private:
  bool Spawn(std::string* error);
  // hello / reset exchanges; throw ImplementationLost.
  void Hello();
  void Reset();
  // The line that must come back; anything else is a protocol violation.
  void Expect(const std::string& sent, const std::string& answer);
  // " (" + spec_.activity() + ")", or "".
  std::string Activity() const;
  // Writes what Send queued; throws ImplementationLost as Send says.
  void Flush();

  ProcessSpec spec_;
  std::unique_ptr<ChildProcess> child_;
  bool greeted_ = false;  // the process answered hello
  bool used_ = false;     // a case has run on the process
  int open_exchanges_ = 0;
  std::string queued_;       // lines Send queued, not yet written
  std::string queued_last_;  // the last of them, and what it was sent for
  std::string queued_context_;
};

}  // namespace pd

#endif  // ADAPTERS_IMPLEMENTATION_PROCESS_H_
