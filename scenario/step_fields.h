// Which fields of a Step each kind uses. The text form (scenario_text.cc)
// renders and parses exactly these, and the fuzz codec (fuzz/step_codecs.cc)
// binds exactly these: one answer, so the two never disagree.
#ifndef SCENARIO_STEP_FIELDS_H_
#define SCENARIO_STEP_FIELDS_H_

#include "scenario/step.h"

namespace pd {

bool IsContentKind(StepKind kind);   // the content part of the API
bool IsPeerKind(StepKind kind);      // peer-add / peer-remove (id=, and for add offset= length= delay=)
bool TakesSession(StepKind kind);    // names a session slot sN
bool TakesHandle(StepKind kind);     // passes that session's handle
bool HasId(StepKind k);              // content number id=
bool HasBytes(StepKind k);           // buffer size bytes=
bool HasOffset(StepKind k);          // offset=
bool HasHighOffset(StepKind k);      // offset= may be past 2^32 (OVERLAPPED OffsetHigh): add-data, block-read
bool HasOverlappedOffset(StepKind k);  // overlapped-offset= (stream-read: Offset/OffsetHigh it must ignore)
bool HasLength(StepKind k);          // length=
bool HasPort(StepKind k);            // port= and key=
bool HasTag(StepKind k);             // content tag tag=
bool HasTimeout(StepKind k);         // timeout=local|default|N (milliseconds)
bool HasCorrupt(StepKind k);         // corrupt
bool HasOut(StepKind k);             // out=null
bool HasEx(StepKind k);              // ex
bool HasOptions(StepKind k);         // options=N (publish: pPublishOptions->dwVersion; open-info ex: versions N..N)
bool HasOverlapped(StepKind k);      // the harness makes its OVERLAPPED
// The name of the step's required input pointer ("identifier", "tag",
// "buffer"), or nullptr when it has none.
const char* NullInName(StepKind k);
// Calls that pass a content identifier (identifier=null, identifier=empty).
bool TakesIdentifier(StepKind k);
// 't', 'i' or 'c': the handle slot kind a step names; 0 for none.
char ObjectPrefix(StepKind k);
bool TakesOperation(StepKind k);     // names an operation oN (the cancels)

}  // namespace pd

#endif  // SCENARIO_STEP_FIELDS_H_
