// The coverage matrix of the content part: function x handle kind x status
// transition. A cell counts calls of that function on a handle of that kind
// that was opened before a status move of that kind and called after it:
// the situations the invalidation rules are about. The suite adds every
// scenario it runs; pdconform prints the matrix and writes it to
// report.json, and the default run on the reference fills every cell.
//
// Beside it, the in-flight table: asynchronous operations still pending on
// a handle when a move to UNAVAILABLE or DISABLED invalidates it (the
// situation of the rule in-flight-operations and of the ambiguity
// in-flight-at-invalidation), by function and by move; reads are counted
// once more in rows of their own when they have data to deliver (the
// handle's content information was complete before the read was called).
// Such a move comes from AVAILABLE (a handle works only once opened while
// AVAILABLE, and the first move away invalidates it), hence two columns.
//
// And the error paths of the client functions on a content handle, and of
// the stream functions on a stream handle: function
// x the handle's state when called (open, closed, never issued, invalidated)
// x outcome (accepted: ERROR_SUCCESS or ERROR_IO_PENDING; refused: any
// other code), for calls with an open session handle. Only the cells a
// conforming implementation can reach are counted (a closed handle's call is
// never accepted; a close is never refused on an open handle by the
// generator's calls).
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

// A row of the in-flight table: an asynchronous function on its kind of
// handle, or (with_data) a read with data to deliver.
struct InFlightRow {
  ApiFunction function;
  HandleKind kind;
  bool with_data = false;
};

// A column of the error-path table: the content handle's state, the outcome.
struct OutcomeColumn {
  const char* state;  // "open", "closed", "never issued", "invalidated"
  bool accepted;
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
  // Counts added from elsewhere (a job process's cells: conformance/suite_jobs.h).
  void AddCount(std::size_t row, std::size_t column, std::uint64_t count) { counts_[row][column] += count; }
  void AddInFlightCount(std::size_t row, std::size_t column, std::uint64_t count) {
    in_flight_[row][column] += count;
  }
  std::uint64_t Count(std::size_t row, std::size_t column) const { return counts_[row][column]; }
  int Exercised() const;
  int Cells() const { return static_cast<int>(Rows().size() * Columns().size()); }
  // The cells never exercised, as "row @ column".
  std::vector<std::string> Missing() const;

  // The in-flight table: 10 rows (the 8 asynchronous functions that take a
  // handle, then block and stream reads with data), 2 columns (the moves
  // from AVAILABLE to UNAVAILABLE and to DISABLED).
  static const std::vector<InFlightRow>& InFlightRows();
  static const std::vector<CoverageColumn>& InFlightColumns();
  static std::string InFlightRowName(const InFlightRow& row);  // "PeerDistClientBlockRead/content with data"
  std::uint64_t InFlightCount(std::size_t row, std::size_t column) const { return in_flight_[row][column]; }
  int InFlightExercised() const;
  int InFlightCells() const { return static_cast<int>(InFlightRows().size() * InFlightColumns().size()); }
  std::vector<std::string> InFlightMissing() const;

  // The error-path table: the client functions that take a content handle
  // and the stream functions (rows) x OutcomeColumns(); OutcomeCell says
  // which cells exist.
  static const std::vector<ApiFunction>& OutcomeRows();
  static const std::vector<OutcomeColumn>& OutcomeColumns();
  static std::string OutcomeColumnName(const OutcomeColumn& column);  // "closed: refused"
  static bool OutcomeCell(std::size_t row, std::size_t column);
  // The kind of handle a row's function is counted on: a content handle, or
  // for the stream functions a stream handle.
  static HandleKind OutcomeKind(ApiFunction function);
  std::uint64_t OutcomeCount(std::size_t row, std::size_t column) const { return outcomes_[row][column]; }
  // For a count a job process measured (conformance/suite_jobs.cc).
  void AddOutcomeCount(std::size_t row, std::size_t column, std::uint64_t count) { outcomes_[row][column] += count; }
  int OutcomeExercised() const;
  int OutcomeCells() const;
  std::vector<std::string> OutcomeMissing() const;

 private:
  void AddOutcomes(const TraceView& view);

  std::vector<std::vector<std::uint64_t>> counts_;
  std::vector<std::vector<std::uint64_t>> in_flight_;
  std::vector<std::vector<std::uint64_t>> outcomes_;
};

}  // namespace pd

#endif  // CONFORMANCE_COVERAGE_MATRIX_H_
