#include "reports/atomic_file.h"

#include <dirent.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace pd {
namespace {

std::string TempDir() {
  const char* dir = std::getenv("TEST_TMPDIR");
  return dir ? dir : "/tmp";
}

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

int CountEntries(const std::string& dir) {
  int count = 0;
  DIR* handle = opendir(dir.c_str());
  while (dirent* entry = readdir(handle)) {
    if (std::string(entry->d_name) != "." && std::string(entry->d_name) != "..") ++count;
  }
  closedir(handle);
  return count;
}

TEST(AtomicFile, WritesAndReplacesLeavingNoTemporaryFile) {
  const std::string dir = TempDir() + "/atomic";
  ASSERT_EQ(MakeDirectories(dir), "");
  const std::string path = dir + "/report.json";
  ASSERT_EQ(WriteFileAtomically(path, "first\n"), "");
  EXPECT_EQ(Read(path), "first\n");
  ASSERT_EQ(WriteFileAtomically(path, std::string("second\0binary", 13)), "");
  EXPECT_EQ(Read(path), std::string("second\0binary", 13));
  EXPECT_EQ(CountEntries(dir), 1);
}

// A writer killed at any moment leaves the target either as it was or
// complete, never half-written (a stray temporary file may remain).
TEST(AtomicFile, AKilledWriterNeverLeavesAHalfWrittenFile) {
  const std::string dir = TempDir() + "/atomic-kill";
  ASSERT_EQ(MakeDirectories(dir), "");
  const std::string path = dir + "/report.json";
  const std::size_t size = 4 << 20;
  ASSERT_EQ(WriteFileAtomically(path, std::string(size, 'a')), "");
  for (int round = 0; round < 6; ++round) {
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      for (int i = 0;; ++i) WriteFileAtomically(path, std::string(size, i % 2 == 0 ? 'b' : 'a'));
    }
    usleep(static_cast<useconds_t>(20000 + 15000 * round));
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    const std::string contents = Read(path);
    ASSERT_EQ(contents.size(), size) << "round " << round;
    EXPECT_TRUE(contents == std::string(size, 'a') || contents == std::string(size, 'b')) << "round " << round;
  }
}

TEST(AtomicFile, ReportsAMissingDirectory) {
  const std::string error = WriteFileAtomically(TempDir() + "/no/such/dir/x", "x");
  EXPECT_NE(error.find("/no/such/dir/x: cannot create a temporary file"), std::string::npos) << error;
}

TEST(MakeDirectories, CreatesParentsAndAcceptsExisting) {
  const std::string dir = TempDir() + "/a/b/c";
  EXPECT_EQ(MakeDirectories(dir), "");
  EXPECT_EQ(MakeDirectories(dir), "");
  struct stat info;
  ASSERT_EQ(stat(dir.c_str(), &info), 0);
  EXPECT_TRUE(S_ISDIR(info.st_mode));
}

TEST(MakeDirectories, RefusesAFileInTheWay) {
  const std::string file = TempDir() + "/plain-file";
  ASSERT_EQ(WriteFileAtomically(file, "x"), "");
  EXPECT_NE(MakeDirectories(file + "/sub"), "");
}

}  // namespace
}  // namespace pd
