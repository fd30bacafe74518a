// A virtual Win32 event object (CreateEvent): manual or auto reset.
#ifndef SIM_KERNEL_EVENT_H_
#define SIM_KERNEL_EVENT_H_

#include <cstdint>

namespace pd {

class KernelEvent {
 public:
  KernelEvent(bool manual_reset, bool initially_signaled)
      : manual_reset_(manual_reset), signaled_(initially_signaled) {}

  void Set() {
    signaled_ = true;
    ++times_set_;
  }
  void Reset() { signaled_ = false; }
  bool IsSignaled() const { return signaled_; }
  bool manual_reset() const { return manual_reset_; }
  // How often SetEvent was called on it: a second signal of a manual-reset
  // event changes no state but is still an observable act.
  std::uint64_t times_set() const { return times_set_; }

  // A successful wait: consumes the signal of an auto-reset event.
  bool TryAcquire() {
    if (!signaled_) return false;
    if (!manual_reset_) signaled_ = false;
    return true;
  }

 private:
  bool manual_reset_;
  bool signaled_;
  std::uint64_t times_set_ = 0;
};

}  // namespace pd

#endif  // SIM_KERNEL_EVENT_H_
