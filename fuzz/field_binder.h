// One description of a step's fields, read in both directions. A step kind's
// codec (step_codecs.cc) is a single function that names, in order, the
// fields of pd::Step the kind uses; handed a reading binder it fills the step
// from a fuzz record, handed a writing binder it fills the record from the
// step. Because both directions run the same function, decode(encode(step))
// == step holds by construction for every in-range step.
//
// Every binding call consumes a fixed number of record bytes (Flag: one bit
// of a shared flags byte), so each record byte maps to one field: flipping a
// byte changes one field of one step. Every byte value is valid: values are
// reduced modulo the field's range, and all-zero bytes give each field its
// default (PEERDIST_VERSION, port none, event present, ...).
#ifndef FUZZ_FIELD_BINDER_H_
#define FUZZ_FIELD_BINDER_H_

#include <cstddef>
#include <cstdint>
#include <initializer_list>

namespace pd {

class FieldBinder {
 public:
  virtual ~FieldBinder() = default;

  // One bit. Eight consecutive flags share one record byte.
  virtual void Flag(bool& value) = 0;
  // An index in [0, count): one byte, reduced modulo count (count <= 256).
  virtual void Index(int& index, int count) = 0;
  // A number in [0, max]: the fewest little-endian bytes that hold max,
  // reduced modulo max + 1.
  virtual void Number(std::uint64_t& value, std::uint64_t max) = 0;

  // An int field in [0, max].
  void Int(int& value, int max) {
    std::uint64_t wide = value < 0 ? 0 : static_cast<std::uint64_t>(value);
    Number(wide, static_cast<std::uint64_t>(max));
    value = static_cast<int>(wide);
  }
  // An unsigned field of any width in [0, max].
  template <typename T>
  void Unsigned(T& value, std::uint64_t max) {
    std::uint64_t wide = static_cast<std::uint64_t>(value);
    Number(wide, max);
    value = static_cast<T>(wide);
  }
  // One of `options` (an enum, typically). Index 0 is what zero bytes give,
  // so list the most useful value first. A value not in the list encodes as
  // options[0].
  template <typename T>
  void Choice(T& value, std::initializer_list<T> options) {
    int index = 0;
    int i = 0;
    for (const T& option : options) {
      if (option == value) {
        index = i;
        break;
      }
      ++i;
    }
    Index(index, static_cast<int>(options.size()));
    value = options.begin()[index];
  }
};

// Reads fields from a record's payload. Bytes past the end read as zero, so
// a short (or exhausted) record still decodes.
class RecordReader final : public FieldBinder {
 public:
  RecordReader(const std::uint8_t* bytes, std::size_t size) : bytes_(bytes), size_(size) {}

  void Flag(bool& value) override;
  void Index(int& index, int count) override;
  void Number(std::uint64_t& value, std::uint64_t max) override;
  // Bytes the bindings asked for, including any past the end.
  std::size_t used() const { return next_; }

 private:
  std::uint8_t Byte();

  const std::uint8_t* bytes_;
  std::size_t size_;
  std::size_t next_ = 0;
  std::size_t flags_at_ = 0;  // byte holding the current flags
  int flag_bit_ = 8;          // next bit in it; 8: take a new byte
};

// Writes fields into a record's payload. Writes past the end are dropped and
// counted (a codec that outgrows kRecordPayload fails the decoder test).
class RecordWriter final : public FieldBinder {
 public:
  RecordWriter(std::uint8_t* bytes, std::size_t size) : bytes_(bytes), size_(size) {}

  void Flag(bool& value) override;
  void Index(int& index, int count) override;
  void Number(std::uint64_t& value, std::uint64_t max) override;
  std::size_t used() const { return next_; }

 private:
  void Put(std::uint8_t byte);

  std::uint8_t* bytes_;
  std::size_t size_;
  std::size_t next_ = 0;
  std::size_t flags_at_ = 0;
  int flag_bit_ = 8;
};

// Bytes Number() uses for `max`: the fewest that hold it (0 for max == 0).
std::size_t NumberWidth(std::uint64_t max);

}  // namespace pd

#endif  // FUZZ_FIELD_BINDER_H_
