// Which content identifiers are published at each point of a trace, as far
// as the trace shows it. A successful PeerDistServerPublishStream starts a
// publication owned by its session; a successful
// PeerDistServerPublishCompleteStream on its stream completes it; a
// successful PeerDistServerUnpublish of the identifier removes it. Two things
// leave a publication unknown: a move to DISABLED or UNAVAILABLE (the pages
// do not say whether a publication outlives the service stopping), and the
// end of the owner session, which PeerDistShutdown's page says removes it
// (SHUTDOWN-6): that state has a kind of its own, kOwnerShutDown, so that
// one rule (shutdown-unpublishes) judges it and the others treat it as
// unknown. The World has one user account, so a publication is the same
// whichever session looks at it (SPUBLISH-25).
#ifndef CONFORMANCE_RULES_PUBLICATION_HISTORY_H_
#define CONFORMANCE_RULES_PUBLICATION_HISTORY_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "conformance/handle_history.h"
#include "conformance/rules/rule_support.h"

namespace pd {
namespace rules {

enum class PublicationKind {
  kNever,
  kPublished,
  kRemoved,        // unpublished
  kUnknown,        // a move may have taken it
  kOwnerShutDown,  // its session ended while it was published (SHUTDOWN-6: removed)
};

struct PublicationState {
  PublicationKind kind = PublicationKind::kNever;
  int owner = -1;                // kPublished: the publishing session
  std::size_t start = 0;         // kPublished: trace position of the publish's return
  bool complete = false;         // kPublished: a complete-stream on its stream succeeded
};

// The number after "key=" in a call's detail ("id=", "offset=", "length="),
// or -1 when the detail has none.
inline std::int64_t DetailNumber(const std::string& detail, const std::string& key) {
  std::size_t at = detail.find(" " + key);
  if (at != std::string::npos) {
    at += 1;
  } else if (detail.compare(0, key.size(), key) == 0) {
    at = 0;
  } else {
    return -1;
  }
  return std::strtoll(detail.c_str() + at + key.size(), nullptr, 10);
}

class PublicationHistory {
 public:
  explicit PublicationHistory(const TraceView& view) {
    const HandleHistory& history = view.Derived<HandleHistory>();
    for (const StatusMove& move : history.moves()) {
      if (move.Invalidates()) edits_.push_back({move.index, Edit::kMove, -1, -1, 0});
    }
    for (const CallView& call : view.calls()) {
      const TraceEvent& c = *call.call;
      // A call refused for its identifier of 0 bytes names no content.
      if (call.ret == nullptr || call.ret->code != ERROR_SUCCESS || c.handle_open != 1 || PassesEmptyIdentifier(c)) {
        continue;
      }
      const std::int64_t content = DetailNumber(c.detail, "id=");
      if (c.function == ApiFunction::kServerPublishStream && c.null_arg != 1) {
        edits_.push_back({call.return_index, Edit::kPublish, content, c.session, call.return_index});
      } else if (c.function == ApiFunction::kServerUnpublish && c.null_arg != 1) {
        edits_.push_back({call.return_index, Edit::kUnpublish, content, c.session, 0});
      } else if (c.function == ApiFunction::kShutdown) {
        edits_.push_back({call.return_index, Edit::kEndSession, -1, c.session, 0});
      }
    }
    for (const OperationView& operation : history.operations()) {
      if (operation.call->call->function != ApiFunction::kServerPublishCompleteStream) continue;
      const OpenedHandle* stream = history.Handle(operation.object);
      if (!operation.accepted || stream == nullptr) continue;
      for (const OperationAct& act : operation.acts) {
        if (act.code == kNoValue) continue;
        if (act.code == ERROR_SUCCESS) {
          edits_.push_back({act.index, Edit::kComplete, stream->content, stream->session, stream->open_index});
        }
        break;
      }
    }
    std::stable_sort(edits_.begin(), edits_.end(), [](const Edit& a, const Edit& b) { return a.index < b.index; });
  }

  // The state of `content`'s publication just before trace position `index`.
  PublicationState At(std::int64_t content, std::size_t index) const {
    PublicationState state;
    for (const Edit& edit : edits_) {
      if (edit.index >= index) break;
      if (edit.content != content && edit.what != Edit::kMove && edit.what != Edit::kEndSession) continue;
      const bool published = state.kind == PublicationKind::kPublished;
      switch (edit.what) {
        case Edit::kPublish:
          state = PublicationState{PublicationKind::kPublished, edit.session, edit.start, false};
          break;
        case Edit::kComplete:
          if (published && state.start == edit.start) state.complete = true;
          break;
        case Edit::kUnpublish:
          state = PublicationState{PublicationKind::kRemoved};
          break;
        case Edit::kMove:
          if (published) state = PublicationState{PublicationKind::kUnknown};
          break;
        case Edit::kEndSession:
          if (published && state.owner == edit.session) state = PublicationState{PublicationKind::kOwnerShutDown};
          break;
      }
    }
    return state;
  }

 private:
  struct Edit {
    enum What { kPublish, kComplete, kUnpublish, kMove, kEndSession };
    std::size_t index;
    What what;
    std::int64_t content;  // -1: every content
    int session;
    std::size_t start;     // kPublish / kComplete: the publication's (its stream's) start
  };
  std::vector<Edit> edits_;
};

// A call the publication rules may judge: an open session handle, no NULL
// required pointer, a completion port that is NULL or a real port, while the
// service is AVAILABLE (otherwise the policy and unavailable rows answer).
// A publish passing PEERDIST_PUBLICATION_OPTIONS of a version the page does
// not list: a fault of its own (publication-options judges it), which the
// other rules leave alone.
inline bool PassesUnlistedOptionsVersion(const TraceEvent& c) {
  const std::int64_t options = DetailNumber(c.detail, "options=");
  return options >= 0 && options != PEERDIST_PUBLICATION_OPTIONS_VERSION_1 &&
         options != PEERDIST_PUBLICATION_OPTIONS_VERSION_2;
}

inline bool PublicationCallJudgeable(const TraceView& view, const CallView& call) {
  const TraceEvent& c = *call.call;
  if (call.ret == nullptr || c.handle_open != 1 || c.null_arg == 1 || c.port == -2) return false;
  if (PassesEmptyIdentifier(c)) return false;  // invalid-parameter's
  return StatusAfter(view, call.call_index) == PEERDIST_STATUS_AVAILABLE;
}

}  // namespace rules
}  // namespace pd

#endif  // CONFORMANCE_RULES_PUBLICATION_HISTORY_H_
