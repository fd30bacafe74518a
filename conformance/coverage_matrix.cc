#include "conformance/coverage_matrix.h"

#include "conformance/handle_history.h"

namespace pd {

const std::vector<CoverageRow>& CoverageMatrix::Rows() {
  static const std::vector<CoverageRow> rows = {
      {ApiFunction::kServerPublishAddToStream, HandleKind::kStream},
      {ApiFunction::kServerPublishCompleteStream, HandleKind::kStream},
      {ApiFunction::kServerCloseStreamHandle, HandleKind::kStream},
      {ApiFunction::kServerRetrieveContentInformation, HandleKind::kContentInfo},
      {ApiFunction::kServerCloseContentInformation, HandleKind::kContentInfo},
      {ApiFunction::kClientAddContentInformation, HandleKind::kContent},
      {ApiFunction::kClientCompleteContentInformation, HandleKind::kContent},
      {ApiFunction::kClientAddData, HandleKind::kContent},
      {ApiFunction::kClientBlockRead, HandleKind::kContent},
      {ApiFunction::kClientStreamRead, HandleKind::kContent},
      {ApiFunction::kClientGetInformationByHandle, HandleKind::kContent},
      {ApiFunction::kClientCancelAsyncOperation, HandleKind::kContent},
      {ApiFunction::kClientCloseContent, HandleKind::kContent},
  };
  return rows;
}

const std::vector<CoverageColumn>& CoverageMatrix::Columns() {
  static const std::vector<CoverageColumn> columns = {
      {PEERDIST_STATUS_AVAILABLE, PEERDIST_STATUS_UNAVAILABLE},
      {PEERDIST_STATUS_AVAILABLE, PEERDIST_STATUS_DISABLED},
      {PEERDIST_STATUS_UNAVAILABLE, PEERDIST_STATUS_DISABLED},
      {PEERDIST_STATUS_DISABLED, PEERDIST_STATUS_UNAVAILABLE},
      {PEERDIST_STATUS_UNAVAILABLE, PEERDIST_STATUS_AVAILABLE},
      {PEERDIST_STATUS_DISABLED, PEERDIST_STATUS_AVAILABLE},
  };
  return columns;
}

std::string CoverageMatrix::RowName(const CoverageRow& row) {
  return std::string(ApiFunctionName(row.function)) + "/" + HandleKindName(row.kind);
}

std::string CoverageMatrix::ColumnName(const CoverageColumn& column) {
  return StatusName(column.from) + "->" + StatusName(column.to);
}

CoverageMatrix::CoverageMatrix() : counts_(Rows().size(), std::vector<std::uint64_t>(Columns().size(), 0)) {}

void CoverageMatrix::Add(const TraceView& view) {
  const HandleHistory history(view);
  if (history.moves().empty() || history.handles().empty()) return;
  for (const CallView& call : view.calls()) {
    const TraceEvent& c = *call.call;
    if (c.object_kind == HandleKind::kNone || c.object < 0) continue;
    const OpenedHandle* handle = history.Handle(c.object);
    if (handle == nullptr) continue;
    std::size_t row = 0;
    while (row < Rows().size() && !(Rows()[row].function == c.function && Rows()[row].kind == c.object_kind)) ++row;
    if (row == Rows().size()) continue;
    for (const StatusMove& move : history.moves()) {
      if (move.index <= handle->open_index) continue;
      if (move.index >= call.call_index) break;
      for (std::size_t column = 0; column < Columns().size(); ++column) {
        if (Columns()[column].from == move.from && Columns()[column].to == move.to) ++counts_[row][column];
      }
    }
  }
}

void CoverageMatrix::Merge(const CoverageMatrix& other) {
  for (std::size_t r = 0; r < counts_.size(); ++r) {
    for (std::size_t c = 0; c < counts_[r].size(); ++c) counts_[r][c] += other.counts_[r][c];
  }
}

int CoverageMatrix::Exercised() const {
  int exercised = 0;
  for (const auto& row : counts_) {
    for (std::uint64_t count : row) exercised += count > 0 ? 1 : 0;
  }
  return exercised;
}

std::vector<std::string> CoverageMatrix::Missing() const {
  std::vector<std::string> missing;
  for (std::size_t r = 0; r < counts_.size(); ++r) {
    for (std::size_t c = 0; c < counts_[r].size(); ++c) {
      if (counts_[r][c] == 0) missing.push_back(RowName(Rows()[r]) + " @ " + ColumnName(Columns()[c]));
    }
  }
  return missing;
}

}  // namespace pd
