#include "conformance/coverage_matrix.h"

#include <gtest/gtest.h>

#include <variant>

#include "impls/impl_catalog.h"
#include "scenario/scenario_runner.h"
#include "scenario/scenario_text.h"

namespace pd {
namespace {

Trace RunText(const std::string& text) {
  auto parsed = ParseScenario(text);
  EXPECT_TRUE(std::holds_alternative<Scenario>(parsed));
  const BuiltInImpl* reference = FindBuiltInImpl("reference");
  return RunScenario(std::get<Scenario>(parsed),
                     [reference](HostServices& host) { return MakeBuiltInImpl(*reference, host); });
}

std::size_t RowOf(ApiFunction function) {
  for (std::size_t r = 0; r < CoverageMatrix::Rows().size(); ++r) {
    if (CoverageMatrix::Rows()[r].function == function) return r;
  }
  return 0;
}

std::size_t ColumnOf(PEERDIST_STATUS from, PEERDIST_STATUS to) {
  for (std::size_t c = 0; c < CoverageMatrix::Columns().size(); ++c) {
    if (CoverageMatrix::Columns()[c].from == from && CoverageMatrix::Columns()[c].to == to) return c;
  }
  return 0;
}

TEST(CoverageMatrix, ShapeAndNames) {
  CoverageMatrix matrix;
  EXPECT_EQ(CoverageMatrix::Rows().size(), 13u);
  EXPECT_EQ(CoverageMatrix::Columns().size(), 6u);
  EXPECT_EQ(matrix.Cells(), 78);
  EXPECT_EQ(matrix.Exercised(), 0);
  EXPECT_EQ(matrix.Missing().size(), 78u);
  EXPECT_EQ(CoverageMatrix::RowName(CoverageMatrix::Rows()[8]), "PeerDistClientBlockRead/content");
  EXPECT_EQ(CoverageMatrix::ColumnName(CoverageMatrix::Columns()[0]), "available->unavailable");
}

TEST(CoverageMatrix, CountsCallsOnHandlesOpenedBeforeAMove) {
  CoverageMatrix matrix;
  matrix.Add(TraceView(RunText("pdscenario 1\nseed 1\ninitial available\n"
                           "startup s0\nopen-content s0 c0\nenv lose\nadvance 100000\n"
                           "block-read s0 c0\nenv regain\nadvance 100000\nblock-read s0 c0\n"
                           "open-content s0 c1\nblock-read s0 c1\nclose-content s0 c0\n")));
  const std::size_t read = RowOf(ApiFunction::kClientBlockRead);
  const std::size_t close = RowOf(ApiFunction::kClientCloseContent);
  const std::size_t lost = ColumnOf(PEERDIST_STATUS_AVAILABLE, PEERDIST_STATUS_UNAVAILABLE);
  const std::size_t back = ColumnOf(PEERDIST_STATUS_UNAVAILABLE, PEERDIST_STATUS_AVAILABLE);
  EXPECT_EQ(matrix.Count(read, lost), 2u);  // both reads on c0 came after the loss
  EXPECT_EQ(matrix.Count(read, back), 1u);  // c1 was opened after every move: not counted
  EXPECT_EQ(matrix.Count(close, lost), 1u);
  EXPECT_EQ(matrix.Count(close, back), 1u);
  EXPECT_EQ(matrix.Exercised(), 4);
  CoverageMatrix twice = matrix;
  twice.Merge(matrix);
  EXPECT_EQ(twice.Count(read, lost), 4u);
}

TEST(CoverageMatrix, InFlightTableShape) {
  CoverageMatrix matrix;
  EXPECT_EQ(CoverageMatrix::InFlightRows().size(), 10u);
  EXPECT_EQ(CoverageMatrix::InFlightColumns().size(), 2u);
  EXPECT_EQ(matrix.InFlightCells(), 20);
  EXPECT_EQ(matrix.InFlightExercised(), 0);
  EXPECT_EQ(matrix.InFlightMissing().size(), 20u);
  EXPECT_EQ(CoverageMatrix::InFlightRowName(CoverageMatrix::InFlightRows()[6]), "PeerDistClientBlockRead/content");
  EXPECT_EQ(CoverageMatrix::InFlightRowName(CoverageMatrix::InFlightRows()[8]),
            "PeerDistClientBlockRead/content with data");
  EXPECT_EQ(CoverageMatrix::ColumnName(CoverageMatrix::InFlightColumns()[1]), "available->disabled");
}

// An add pending on a stream when the service is lost; a read with data
// pending on a content handle when it is disabled; a read started after the
// move (refused at once) is not in flight.
TEST(CoverageMatrix, CountsOperationsInFlightAtTheMove) {
  CoverageMatrix matrix;
  // (Seed 7: the World draws the move's delay shorter than the add's.)
  matrix.Add(TraceView(RunText("pdscenario 1\nseed 7\ninitial available\n"
                               "startup s0\npublish s0 t0 id=1 length=0\nadd-to-stream s0 t0 bytes=100\n"
                               "env lose\nadvance 200000\nadd-to-stream s0 t0 bytes=100\n")));
  EXPECT_EQ(matrix.InFlightCount(0, 0), 1u) << "add-to-stream @ available->unavailable";
  EXPECT_EQ(matrix.InFlightExercised(), 1);
  // The whole read chain, then a read and a move at once: the World draws
  // the move's delay, so the seed is one whose move lands before the read.
  const std::string chain =
      "pdscenario 1\nseed 5\ninitial available\n"
      "startup s0\npublish s0 t0 id=1 length=0\nadd-to-stream s0 t0 bytes=200\ncomplete-stream s0 t0\n"
      "advance 100000\nopen-info s0 i0 id=1\nretrieve-info s0 i0 bytes=4096\nadvance 100000\n"
      "open-content s0 c0\nadd-info s0 c0 from=i0\ncomplete-info s0 c0\nadvance 100000\n"
      "block-read s0 c0 offset=0 bytes=64\nenv disable\nadvance 200000\n";
  CoverageMatrix reads;
  reads.Add(TraceView(RunText(chain)));
  const std::size_t disabled = 1;
  EXPECT_EQ(reads.InFlightCount(6, disabled) + reads.InFlightCount(6, 0), 1u) << "block read, any invalidating move";
  EXPECT_EQ(reads.InFlightCount(8, disabled), reads.InFlightCount(6, disabled)) << "it had data to deliver";
  CoverageMatrix twice = reads;
  twice.Merge(reads);
  EXPECT_EQ(twice.InFlightCount(6, disabled), 2 * reads.InFlightCount(6, disabled));
}

}  // namespace
}  // namespace pd
