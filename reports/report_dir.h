// A report directory that changes as a whole: report.html, report.json,
// junit.xml and counterexamples/ of one run are written into a fresh
// directory and published with one rename, so a reader (or a CI step after
// a killed run) sees the previous complete report or the new complete one,
// never files of two runs.
//
// Two layouts, chosen per run by PublishReportDirectory:
//
//   whole   DIR is pdconform's alone (absent, or holding nothing but report
//           files): the new report is built in a sibling directory
//           PARENT/.NAME.pdconform-run.XXXXXX and swapped with DIR by one
//           renameat2(RENAME_EXCHANGE) (a plain rename(2) when DIR is absent);
//           the old report, now at the sibling's name, is then removed.
//           DIR holds plain files.
//   linked  DIR is shared: ".", a directory holding other files, a symlink,
//           a mount point, a parent pdconform may not write, or a file system
//           without RENAME_EXCHANGE. The report lives in DIR/.pdconform-run.XXXXXX;
//           DIR/.pdconform-current is a symlink to it, replaced by one rename(2);
//           DIR/report.html, report.json, junit.xml and counterexamples are
//           fixed relative symlinks through .pdconform-current. Only
//           pdconform's own entries in DIR are touched.
//
// Either way DIR/report.json is where it always was. A directory of an
// earlier version (plain files renamed into place one by one) is taken over:
// in the whole layout by the swap; in the linked one its report.json is
// removed first (the old scheme's commit point, so the old set stops being a
// report), then its other files.
//
// Leftovers of a killed run (the sibling or run directories, temporary
// files of the old scheme) are removed by the next run. A directory being
// written is held under flock(2), so a concurrent run never removes another
// one's work in progress; a killed process's lock goes with it.
//
// Test hook: PDCONFORM_TEST_KILL_AT=N makes the process SIGKILL itself just
// before the Nth step of PublishReportDirectory (a step: cleaning up, making
// the directory, writing one file, taking over an old file, linking, the
// publishing rename, removing the old report). Tests kill at every N until
// a run completes; nothing else reads the variable.
#ifndef REPORTS_REPORT_DIR_H_
#define REPORTS_REPORT_DIR_H_

#include <string>
#include <vector>

namespace pd {

// One file of a report: its path inside the report directory ("report.json",
// "counterexamples/no-crash.pdscenario": at most one directory level) and
// its bytes.
struct ReportFile {
  std::string name;
  std::string contents;
};

// Before a long run: creates DIR (and its parents) when missing and checks
// that pdconform may write there. Returns "" or one line of error.
std::string PrepareReportDirectory(const std::string& dir);

// Replaces the whole report in DIR by `files` (see the top of this file).
// On failure (a full disk, a write error) the previous report stays as it
// was, the new one's directory is removed, and the result is one line:
// which file could not be written and why. Returns "" on success.
std::string PublishReportDirectory(const std::string& dir, const std::vector<ReportFile>& files);

// The entries of DIR that belong to a report (report.json, report.html,
// junit.xml, counterexamples, the linked layout's entries, the old scheme's
// temporary files): DIR is pdconform's alone when it holds nothing else.
bool IsReportEntry(const std::string& name);

}  // namespace pd

#endif  // REPORTS_REPORT_DIR_H_
