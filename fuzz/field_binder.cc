#include "fuzz/field_binder.h"

namespace pd {

std::size_t NumberWidth(std::uint64_t max) {
  std::size_t width = 0;
  for (; max != 0; max >>= 8) ++width;
  return width;
}

namespace {

// value modulo max + 1, without overflowing when max is the full range.
std::uint64_t Reduce(std::uint64_t value, std::uint64_t max) {
  return max == ~std::uint64_t{0} ? value : value % (max + 1);
}

}  // namespace

std::uint8_t RecordReader::Byte() {
  const std::size_t at = next_++;
  return at < size_ ? bytes_[at] : 0;
}

void RecordReader::Flag(bool& value) {
  if (flag_bit_ == 8) {
    flags_at_ = next_++;
    flag_bit_ = 0;
  }
  const std::uint8_t flags = flags_at_ < size_ ? bytes_[flags_at_] : 0;
  value = ((flags >> flag_bit_++) & 1u) != 0;
}

void RecordReader::Index(int& index, int count) {
  const std::uint8_t byte = Byte();
  index = count <= 1 ? 0 : byte % count;
}

void RecordReader::Number(std::uint64_t& value, std::uint64_t max) {
  std::uint64_t raw = 0;
  const std::size_t width = NumberWidth(max);
  for (std::size_t i = 0; i < width; ++i) raw |= std::uint64_t{Byte()} << (8 * i);
  value = Reduce(raw, max);
}

void RecordWriter::Put(std::uint8_t byte) {
  const std::size_t at = next_++;
  if (at < size_) bytes_[at] = byte;
}

void RecordWriter::Flag(bool& value) {
  if (flag_bit_ == 8) {
    flags_at_ = next_;
    Put(0);
    flag_bit_ = 0;
  }
  if (value && flags_at_ < size_) bytes_[flags_at_] |= static_cast<std::uint8_t>(1u << flag_bit_);
  ++flag_bit_;
}

void RecordWriter::Index(int& index, int count) {
  if (index < 0 || index >= count) index = 0;
  Put(static_cast<std::uint8_t>(index));
}

void RecordWriter::Number(std::uint64_t& value, std::uint64_t max) {
  value = Reduce(value, max);
  const std::size_t width = NumberWidth(max);
  for (std::size_t i = 0; i < width; ++i) Put(static_cast<std::uint8_t>(value >> (8 * i)));
}

}  // namespace pd
