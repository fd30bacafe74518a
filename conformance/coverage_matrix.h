// The coverage matrix of the content part: function x handle kind x status
// transition. A cell counts calls of that function on a handle of that kind
// that was opened before a status move of that kind and called after it:
// the situations the invalidation rules are about. The suite adds every
// scenario it runs; pdconform prints the matrix and writes it to
// report.json, and the default run on the reference fills every cell.
#ifndef CONFORMANCE_COVERAGE_MATRIX_H_
#define CONFORMANCE_COVERAGE_MATRIX_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "conformance/trace_view.h"
#include "sim/trace.h"

namespace pd {

struct CoverageRow {
  ApiFunction function;
  HandleKind kind;
};

struct CoverageColumn {
  PEERDIST_STATUS from;
  PEERDIST_STATUS to;
};

class CoverageMatrix {
 public:
  // Every function that takes a content, content-information or stream
  // handle, with that kind (13 rows); every status move (6 columns).
  static const std::vector<CoverageRow>& Rows();
  static const std::vector<CoverageColumn>& Columns();
  static std::string RowName(const CoverageRow& row);        // "PeerDistClientBlockRead/content"
  static std::string ColumnName(const CoverageColumn& column);  // "available->unavailable"

  CoverageMatrix();
  // Counts the cells one trace exercises.
  void Add(const TraceView& view);
  void Merge(const CoverageMatrix& other);
  std::uint64_t Count(std::size_t row, std::size_t column) const { return counts_[row][column]; }
  int Exercised() const;
  int Cells() const { return static_cast<int>(Rows().size() * Columns().size()); }
  // The cells never exercised, as "row @ column".
  std::vector<std::string> Missing() const;

 private:
  std::vector<std::vector<std::uint64_t>> counts_;
};

}  // namespace pd

#endif  // CONFORMANCE_COVERAGE_MATRIX_H_
