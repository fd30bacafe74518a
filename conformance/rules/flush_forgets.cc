// flush-forgets: PeerDistClientFlushContent flushes the content a tag labels
// from the local cache, and only that. The harness (scenario/content_calls.cc)
// records a finding (kFlushFinding) when, after a flush of a handle's tag
// completed, a local-cache-only read on that handle (or a query of 0 bytes)
// still delivers a block that only handles of that session and tag ever put
// in the cache, before the flush was called; and when a local-cache-only read
// misses a block added whole to its handle although the only flushes that ran
// were of tags that no handle holding that content carries. Content published
// on this machine is the service's own and is not judged. A tag is all 16
// bytes of PEERDIST_CONTENT_TAG: the harness's tags from 16 on differ from a
// lower one in a single byte other than the first (TagOf), and the generator
// flushes such a tag next to a handle of the other, so an implementation
// that compares fewer bytes drops data it must keep.
#include "conformance/rule.h"
#include "conformance/rules/implementation_findings.h"
#include "sim/trace.h"

namespace pd {
namespace rules {
namespace {

std::optional<Violation> Judge(const TraceView& view) {
  return FirstFindingWithPrefix(view, kFlushFinding,
                                "; expected a flush to drop exactly the content its tag labels from the local cache");
}

PD_REGISTER_RULE((Rule{
    "flush-forgets",
    244,
    Strength::kImplied,
    "the pages say the tag selects what a flush drops from the cache, not when: the rule takes the flush's "
        "completion as the moment, and judges only data no other session or tag may also have put in the cache",
    "PeerDistClientOpenContent, PeerDistClientFlushContent, PEERDIST_CONTENT_TAG",
    {{"COPEN-5"}, {"CFLUSH-2"}, {"CFLUSH-15"}, {"CFLUSH-16"}, {"COPEN-4", kPartly, "16 byte identifier"}, {"CONTENTTAG-1"},
     {"CONTENTTAG-2"}},
    "after a flush of a tag completes, the local cache no longer serves what that session's handles of the tag "
    "added or fetched before it, and still serves what handles of other tags (another byte of the 16) added",
    Judge,
}));

}  // namespace
}  // namespace rules
}  // namespace pd
