#include "conformance/coverage_matrix.h"

#include <algorithm>

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

const std::vector<InFlightRow>& CoverageMatrix::InFlightRows() {
  static const std::vector<InFlightRow> rows = {
      {ApiFunction::kServerPublishAddToStream, HandleKind::kStream},
      {ApiFunction::kServerPublishCompleteStream, HandleKind::kStream},
      {ApiFunction::kServerRetrieveContentInformation, HandleKind::kContentInfo},
      {ApiFunction::kClientAddContentInformation, HandleKind::kContent},
      {ApiFunction::kClientCompleteContentInformation, HandleKind::kContent},
      {ApiFunction::kClientAddData, HandleKind::kContent},
      {ApiFunction::kClientBlockRead, HandleKind::kContent},
      {ApiFunction::kClientStreamRead, HandleKind::kContent},
      {ApiFunction::kClientBlockRead, HandleKind::kContent, true},
      {ApiFunction::kClientStreamRead, HandleKind::kContent, true},
  };
  return rows;
}

const std::vector<CoverageColumn>& CoverageMatrix::InFlightColumns() {
  static const std::vector<CoverageColumn> columns = {
      {PEERDIST_STATUS_AVAILABLE, PEERDIST_STATUS_UNAVAILABLE},
      {PEERDIST_STATUS_AVAILABLE, PEERDIST_STATUS_DISABLED},
  };
  return columns;
}

std::string CoverageMatrix::InFlightRowName(const InFlightRow& row) {
  return RowName(CoverageRow{row.function, row.kind}) + (row.with_data ? " with data" : "");
}

CoverageMatrix::CoverageMatrix()
    : counts_(Rows().size(), std::vector<std::uint64_t>(Columns().size(), 0)),
      in_flight_(InFlightRows().size(), std::vector<std::uint64_t>(InFlightColumns().size(), 0)),
      outcomes_(OutcomeRows().size(), std::vector<std::uint64_t>(OutcomeColumns().size(), 0)) {}

namespace {

// Whether the content handle `object` had its information completed (a
// CompleteContentInformation on it completed with ERROR_SUCCESS) before
// trace position `index`.
bool InformationCompleteBefore(const HandleHistory& history, int object, std::size_t index) {
  for (const OperationView& operation : history.operations()) {
    if (operation.object != object || operation.call->call->function != ApiFunction::kClientCompleteContentInformation) {
      continue;
    }
    for (const OperationAct& act : operation.acts) {
      if (act.code == kNoValue) continue;
      if (act.code == ERROR_SUCCESS && act.index < index) return true;
      break;
    }
  }
  return false;
}

}  // namespace

void CoverageMatrix::Add(const TraceView& view) {
  AddOutcomes(view);
  const HandleHistory& history = view.Derived<HandleHistory>();
  if (history.moves().empty() || history.handles().empty()) return;
  // Operations pending at the move that invalidated their handle (as
  // in-flight-operations reads them).
  for (const OperationView& operation : history.operations()) {
    const StatusMove* move = history.MoveWhilePending(operation);
    if (move == nullptr) continue;
    const OpenedHandle* handle = history.WellFormedTarget(*operation.call);
    std::size_t column = 0;
    while (column < InFlightColumns().size() &&
           !(InFlightColumns()[column].from == move->from && InFlightColumns()[column].to == move->to)) {
      ++column;
    }
    if (column == InFlightColumns().size()) continue;
    const ApiFunction function = operation.call->call->function;
    const bool read = function == ApiFunction::kClientBlockRead || function == ApiFunction::kClientStreamRead;
    const bool with_data = read && InformationCompleteBefore(history, operation.object, operation.call->call_index);
    for (std::size_t row = 0; row < InFlightRows().size(); ++row) {
      const InFlightRow& r = InFlightRows()[row];
      if (r.function == function && r.kind == handle->kind && (!r.with_data || with_data)) ++in_flight_[row][column];
    }
  }
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
  for (std::size_t r = 0; r < in_flight_.size(); ++r) {
    for (std::size_t c = 0; c < in_flight_[r].size(); ++c) in_flight_[r][c] += other.in_flight_[r][c];
  }
  for (std::size_t r = 0; r < outcomes_.size(); ++r) {
    for (std::size_t c = 0; c < outcomes_[r].size(); ++c) outcomes_[r][c] += other.outcomes_[r][c];
  }
}

const std::vector<ApiFunction>& CoverageMatrix::OutcomeRows() {
  static const std::vector<ApiFunction> rows = {
      ApiFunction::kClientCloseContent,     ApiFunction::kClientAddContentInformation,
      ApiFunction::kClientCompleteContentInformation, ApiFunction::kClientAddData,
      ApiFunction::kClientGetInformationByHandle,     ApiFunction::kClientCancelAsyncOperation,
      // The stream functions, on a stream handle (stream-handles-accepted).
      ApiFunction::kServerPublishAddToStream, ApiFunction::kServerPublishCompleteStream,
      ApiFunction::kServerCloseStreamHandle,
  };
  return rows;
}

const std::vector<OutcomeColumn>& CoverageMatrix::OutcomeColumns() {
  static const std::vector<OutcomeColumn> columns = {
      {"open", true},     {"open", false},         {"closed", false},
      {"never issued", false}, {"invalidated", true}, {"invalidated", false},
  };
  return columns;
}

std::string CoverageMatrix::OutcomeColumnName(const OutcomeColumn& column) {
  return std::string(column.state) + (column.accepted ? ": accepted" : ": refused");
}

// The kind of handle an error-path row's function takes.
HandleKind CoverageMatrix::OutcomeKind(ApiFunction function) {
  switch (function) {
    case ApiFunction::kServerPublishAddToStream:
    case ApiFunction::kServerPublishCompleteStream:
    case ApiFunction::kServerCloseStreamHandle:
      return HandleKind::kStream;
    default:
      return HandleKind::kContent;
  }
}

bool CoverageMatrix::OutcomeCell(std::size_t row, std::size_t column) {
  const OutcomeColumn& c = OutcomeColumns()[column];
  const std::string state = c.state;
  if (IsCloseFunction(OutcomeRows()[row])) {
    // A close succeeds on an open or invalidated handle (close-invalidated)
    // and is refused on one that is not open (double-close).
    return state == "open" || state == "invalidated" ? c.accepted : !c.accepted;
  }
  // The other functions refuse what is not open and invalidated handles.
  return state == "open" || !c.accepted;
}

void CoverageMatrix::AddOutcomes(const TraceView& view) {
  const HandleHistory& history = view.Derived<HandleHistory>();
  for (const CallView& call : view.calls()) {
    const TraceEvent& c = *call.call;
    if (c.object_kind != OutcomeKind(c.function) || c.handle_open != 1 || call.ret == nullptr) continue;
    const auto row = std::find(OutcomeRows().begin(), OutcomeRows().end(), c.function);
    if (row == OutcomeRows().end()) continue;
    std::string state = c.object_state == HandleState::kClosed ? "closed" : "never issued";
    if (c.object_state == HandleState::kOpen) {
      const OpenedHandle* handle = history.Handle(c.object);
      if (handle == nullptr || handle->session != c.session) continue;  // another session's
      state = history.InvalidatedBy(*handle, call.call_index) != nullptr ? "invalidated" : "open";
    }
    const bool accepted = call.ret->code == ERROR_SUCCESS || call.ret->code == ERROR_IO_PENDING;
    for (std::size_t column = 0; column < OutcomeColumns().size(); ++column) {
      if (OutcomeColumns()[column].state == state && OutcomeColumns()[column].accepted == accepted) {
        ++outcomes_[static_cast<std::size_t>(row - OutcomeRows().begin())][column];
      }
    }
  }
}

int CoverageMatrix::OutcomeExercised() const {
  int exercised = 0;
  for (std::size_t r = 0; r < outcomes_.size(); ++r) {
    for (std::size_t c = 0; c < outcomes_[r].size(); ++c) exercised += OutcomeCell(r, c) && outcomes_[r][c] > 0;
  }
  return exercised;
}

int CoverageMatrix::OutcomeCells() const {
  int cells = 0;
  for (std::size_t r = 0; r < outcomes_.size(); ++r) {
    for (std::size_t c = 0; c < outcomes_[r].size(); ++c) cells += OutcomeCell(r, c);
  }
  return cells;
}

std::vector<std::string> CoverageMatrix::OutcomeMissing() const {
  std::vector<std::string> missing;
  for (std::size_t r = 0; r < outcomes_.size(); ++r) {
    for (std::size_t c = 0; c < outcomes_[r].size(); ++c) {
      if (OutcomeCell(r, c) && outcomes_[r][c] == 0) {
        missing.push_back(std::string("error path: ") + ApiFunctionName(OutcomeRows()[r]) + " @ " +
                          OutcomeColumnName(OutcomeColumns()[c]));
      }
    }
  }
  return missing;
}

int CoverageMatrix::InFlightExercised() const {
  int exercised = 0;
  for (const auto& row : in_flight_) {
    for (std::uint64_t count : row) exercised += count > 0 ? 1 : 0;
  }
  return exercised;
}

std::vector<std::string> CoverageMatrix::InFlightMissing() const {
  std::vector<std::string> missing;
  for (std::size_t r = 0; r < in_flight_.size(); ++r) {
    for (std::size_t c = 0; c < in_flight_[r].size(); ++c) {
      if (in_flight_[r][c] == 0) {
        missing.push_back("in flight: " + InFlightRowName(InFlightRows()[r]) + " @ " + ColumnName(InFlightColumns()[c]));
      }
    }
  }
  return missing;
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
