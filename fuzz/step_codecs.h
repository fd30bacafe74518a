// The fuzz codec of every step kind: which fields of pd::Step a kind uses,
// in record order. The one table in step_codecs.cc is the only place a new
// StepKind has to be added for the fuzzer to produce it (see fuzz/README.md,
// "Adding a step kind").
#ifndef FUZZ_STEP_CODECS_H_
#define FUZZ_STEP_CODECS_H_

#include <cstddef>

#include "fuzz/field_binder.h"
#include "scenario/step.h"

namespace pd {

struct StepCodec {
  StepKind kind;
  // Binds, in order, the fields `kind` uses. Fields it does not bind keep
  // the defaults of a fresh pd::Step, so decoded steps are canonical.
  void (*bind)(FieldBinder& binder, Step& step);
};

// The codecs, indexed by the record's kind byte (modulo their number).
// Append only: an index once given keeps its kind, so corpora stay valid.
const StepCodec* StepCodecs();
std::size_t StepCodecCount();

// The table index of `kind`, or -1 when no codec knows it.
int StepCodecIndex(StepKind kind);

}  // namespace pd

#endif  // FUZZ_STEP_CODECS_H_
