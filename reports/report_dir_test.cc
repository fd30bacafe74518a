#include "reports/report_dir.h"

#include <dirent.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include "reports/atomic_file.h"

namespace pd {
namespace {

std::string Scratch(const std::string& name) {
  const char* dir = std::getenv("TEST_TMPDIR");
  const std::string path = std::string(dir ? dir : "/tmp") + "/report-dir/" + name;
  EXPECT_EQ(std::system(("rm -rf '" + path + "'").c_str()), 0);
  EXPECT_EQ(MakeDirectories(path), "");
  return path;
}

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void Write(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

std::set<std::string> Entries(const std::string& dir) {
  std::set<std::string> names;
  DIR* handle = opendir(dir.c_str());
  if (handle == nullptr) return names;
  while (const dirent* entry = readdir(handle)) {
    const std::string name = entry->d_name;
    if (name != "." && name != "..") names.insert(name);
  }
  closedir(handle);
  return names;
}

bool IsSymlink(const std::string& path) {
  struct stat info;
  return lstat(path.c_str(), &info) == 0 && S_ISLNK(info.st_mode);
}

// A report of run `run`: the three reports and one counterexample per rule.
std::vector<ReportFile> RunFiles(const std::string& run, const std::vector<std::string>& rules) {
  std::vector<ReportFile> files;
  for (const std::string& rule : rules) files.push_back({"counterexamples/" + rule + ".pdscenario", run + " " + rule});
  files.push_back({"report.html", run + " html"});
  files.push_back({"junit.xml", run + " junit"});
  files.push_back({"report.json", run + " json"});
  return files;
}

TEST(ReportDir, AnAbsentDirectoryGetsPlainFiles) {
  const std::string parent = Scratch("absent");
  const std::string dir = parent + "/out/rep";
  ASSERT_EQ(PrepareReportDirectory(dir), "");
  ASSERT_EQ(PublishReportDirectory(dir, RunFiles("a", {"one-shot"})), "");
  EXPECT_EQ(Read(dir + "/report.json"), "a json");
  EXPECT_EQ(Read(dir + "/counterexamples/one-shot.pdscenario"), "a one-shot");
  EXPECT_FALSE(IsSymlink(dir + "/report.json"));
  EXPECT_EQ(Entries(dir), (std::set<std::string>{"counterexamples", "junit.xml", "report.html", "report.json"}));
  EXPECT_EQ(Entries(parent + "/out"), std::set<std::string>{"rep"});  // no sibling left
  struct stat info;
  ASSERT_EQ(stat(dir.c_str(), &info), 0);
  EXPECT_NE(info.st_mode & 0055, 0u) << "a report directory is not private";
}

// The whole directory is swapped: nothing of the previous run stays, not even
// a counterexample of a rule that holds now, nor the old scheme's temporaries.
TEST(ReportDir, TheWholeDirectoryIsReplaced) {
  const std::string parent = Scratch("whole");
  const std::string dir = parent + "/rep";
  ASSERT_EQ(PublishReportDirectory(dir, RunFiles("a", {"one-shot", "change-only"})), "");
  Write(dir + "/.report.json.tmp.AbCdEf", "left by a killed run of an earlier version");
  ASSERT_EQ(PublishReportDirectory(dir, RunFiles("b", {"first-notify"})), "");
  EXPECT_EQ(Read(dir + "/report.json"), "b json");
  EXPECT_EQ(Entries(dir + "/counterexamples"), std::set<std::string>{"first-notify.pdscenario"});
  EXPECT_EQ(Entries(dir), (std::set<std::string>{"counterexamples", "junit.xml", "report.html", "report.json"}));
  EXPECT_EQ(Entries(parent), std::set<std::string>{"rep"});
  ASSERT_EQ(PublishReportDirectory(dir + "/", RunFiles("c", {})), "");  // a trailing slash is the same directory
  EXPECT_EQ(Read(dir + "/report.html"), "c html");
  EXPECT_EQ(Entries(dir + "/counterexamples"), std::set<std::string>{});
}

// A directory with files of its own (here "."): only pdconform's entries
// change, through links; the previous run's directory goes.
TEST(ReportDir, ASharedDirectoryGetsLinksAndKeepsItsFiles) {
  const std::string dir = Scratch("shared");
  Write(dir + "/notes.txt", "mine");
  // An earlier version's report, in plain files.
  ASSERT_EQ(MakeDirectories(dir + "/counterexamples"), "");
  Write(dir + "/counterexamples/old.pdscenario", "old");
  Write(dir + "/report.json", "old json");
  Write(dir + "/junit.xml", "old junit");
  const std::string cwd = getcwd(nullptr, 0);
  ASSERT_EQ(chdir(dir.c_str()), 0);
  EXPECT_EQ(PublishReportDirectory(".", RunFiles("a", {"one-shot"})), "");
  EXPECT_EQ(Read("report.json"), "a json");
  EXPECT_EQ(Read("report.html"), "a html");
  EXPECT_EQ(Read("counterexamples/one-shot.pdscenario"), "a one-shot");
  EXPECT_EQ(Entries("counterexamples"), std::set<std::string>{"one-shot.pdscenario"});
  EXPECT_TRUE(IsSymlink("report.json"));
  EXPECT_EQ(Read("notes.txt"), "mine");
  std::set<std::string> first = Entries(".");
  EXPECT_EQ(first.size(), 7u);  // notes.txt, 4 links, .pdconform-current, one run directory
  EXPECT_EQ(PublishReportDirectory(".", RunFiles("b", {"first-notify"})), "");
  EXPECT_EQ(Read("report.json"), "b json");
  EXPECT_EQ(Entries("counterexamples"), std::set<std::string>{"first-notify.pdscenario"});
  std::set<std::string> second = Entries(".");
  EXPECT_EQ(second.size(), 7u) << "the previous run's directory stays";
  EXPECT_NE(first, second);  // another run directory
  EXPECT_EQ(Read("notes.txt"), "mine");
  ASSERT_EQ(chdir(cwd.c_str()), 0);
}

// Leftovers of killed runs go, unless a live process holds them.
TEST(ReportDir, LeftoversOfKilledRunsAreRemovedButNotThoseOfLiveRuns) {
  const std::string parent = Scratch("leftovers");
  const std::string dir = parent + "/rep";
  ASSERT_EQ(PublishReportDirectory(dir, RunFiles("a", {})), "");
  ASSERT_EQ(MakeDirectories(parent + "/.rep.pdconform-run.killed/counterexamples"), "");
  ASSERT_EQ(MakeDirectories(parent + "/.rep.pdconform-run.living"), "");
  ASSERT_EQ(MakeDirectories(parent + "/.other.pdconform-run.abcdef"), "");  // another report's: not ours
  const int live = open((parent + "/.rep.pdconform-run.living").c_str(), O_RDONLY | O_DIRECTORY);
  ASSERT_GE(live, 0);
  ASSERT_EQ(flock(live, LOCK_EX), 0);
  ASSERT_EQ(PublishReportDirectory(dir, RunFiles("b", {})), "");
  EXPECT_EQ(Entries(parent), (std::set<std::string>{".other.pdconform-run.abcdef", ".rep.pdconform-run.living", "rep"}));
  close(live);
  ASSERT_EQ(PublishReportDirectory(dir, RunFiles("c", {})), "");
  EXPECT_EQ(Entries(parent), (std::set<std::string>{".other.pdconform-run.abcdef", "rep"}));
}

// A write that fails (here RLIMIT_FSIZE, as a full disk would) leaves the
// previous report as it was and removes the new one's directory.
TEST(ReportDir, AFailedWriteKeepsThePreviousReport) {
  for (const std::string layout : {"whole", "shared"}) {
    const std::string parent = Scratch("full-" + layout);
    const std::string dir = parent + "/rep";
    ASSERT_EQ(MakeDirectories(dir), "");
    if (layout == "shared") Write(dir + "/notes.txt", "mine");
    ASSERT_EQ(PublishReportDirectory(dir, RunFiles("a", {"one-shot"})), "");
    const std::set<std::string> before = Entries(dir);
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      signal(SIGXFSZ, SIG_IGN);
      const rlimit limit{4096, 4096};
      setrlimit(RLIMIT_FSIZE, &limit);
      std::vector<ReportFile> files = RunFiles("b", {"first-notify"});
      files[1].contents = std::string(8192, 'x');  // report.html
      const std::string error = PublishReportDirectory(dir, files);
      _exit(error == dir + "/report.html: cannot write: File too large" ? 0 : 1);
    }
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << layout << ": not the expected error line";
    EXPECT_EQ(Read(dir + "/report.json"), "a json") << layout;
    EXPECT_EQ(Entries(dir + "/counterexamples"), std::set<std::string>{"one-shot.pdscenario"}) << layout;
    EXPECT_EQ(Entries(dir), before) << layout;
    EXPECT_EQ(Entries(parent), std::set<std::string>{"rep"}) << layout;
  }
}

TEST(ReportDir, RefusesAFileInTheWay) {
  const std::string parent = Scratch("file");
  Write(parent + "/rep", "a file");
  EXPECT_EQ(PublishReportDirectory(parent + "/rep", RunFiles("a", {})), parent + "/rep: exists and is not a directory");
  EXPECT_EQ(Read(parent + "/rep"), "a file");
}

TEST(ReportDir, ReportEntries) {
  for (const char* name : {"report.json", "report.html", "junit.xml", "counterexamples", ".pdconform-current",
                           ".pdconform-run.Ab12Cd", ".report.json.tmp.x1Y2z3"}) {
    EXPECT_TRUE(IsReportEntry(name)) << name;
  }
  for (const char* name : {"notes.txt", "report.json~", ".git", "counterexamples2"}) {
    EXPECT_FALSE(IsReportEntry(name)) << name;
  }
}

TEST(AtomicFile, ALeftoverTemporaryIsRemovedByTheNextWrite) {
  const std::string dir = Scratch("atomic-leftover");
  Write(dir + "/.known.pdbaseline.tmp.Ab12Cd", "killed");
  Write(dir + "/.known.pdbaseline.tmp.living", "live");
  Write(dir + "/.other.tmp.Ab12Cd", "another target's");
  const int live = open((dir + "/.known.pdbaseline.tmp.living").c_str(), O_RDONLY);
  ASSERT_EQ(flock(live, LOCK_EX), 0);
  ASSERT_EQ(WriteFileAtomically(dir + "/known.pdbaseline", "pdbaseline 1\n"), "");
  EXPECT_EQ(Entries(dir),
            (std::set<std::string>{".known.pdbaseline.tmp.living", ".other.tmp.Ab12Cd", "known.pdbaseline"}));
  close(live);
}

}  // namespace
}  // namespace pd
