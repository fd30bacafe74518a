#include "reports/report_dir.h"

#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "reports/atomic_file.h"

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

namespace pd {
namespace {

constexpr char kRunPrefix[] = ".pdconform-run.";      // a report being written, or published (linked layout)
constexpr char kCurrentLink[] = ".pdconform-current";  // linked layout: the published report
// The report's top-level entries; report.json last: it is what readers look for.
constexpr const char* kTopLevel[] = {"report.html", "junit.xml", "counterexamples", "report.json"};
// The temporary files of the old one-file-at-a-time scheme.
constexpr const char* kOldTemporaryPrefixes[] = {".report.json.tmp.", ".report.html.tmp.", ".junit.xml.tmp."};

bool StartsWith(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

std::string Join(const std::string& dir, const std::string& name) {
  if (!dir.empty() && dir.back() == '/') return dir + name;
  return dir + "/" + name;
}

std::string Errno() { return std::strerror(errno); }

// PDCONFORM_TEST_KILL_AT=N: SIGKILL just before the Nth step (see the header).
void Step() {
  static const long kill_at = [] {
    const char* value = std::getenv("PDCONFORM_TEST_KILL_AT");
    return value != nullptr ? std::strtol(value, nullptr, 10) : 0L;
  }();
  static long steps = 0;
  if (kill_at > 0 && ++steps == kill_at) {
    std::fflush(nullptr);
    raise(SIGKILL);
  }
}

int RemoveEntry(const char* path, const struct stat*, int, struct FTW*) {
  if (std::remove(path) != 0 && errno != ENOENT) return -1;
  return 0;
}

// rm -rf, without following symlinks; a path already gone is fine.
bool RemoveTree(const std::string& path) {
  struct stat info;
  if (lstat(path.c_str(), &info) != 0) return errno == ENOENT;
  if (!S_ISDIR(info.st_mode)) return std::remove(path.c_str()) == 0 || errno == ENOENT;
  return nftw(path.c_str(), RemoveEntry, 16, FTW_DEPTH | FTW_PHYS) == 0 || errno == ENOENT;
}

void SyncDirectory(const std::string& path) {
  const int fd = open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  fsync(fd);  // best effort: some file systems refuse fsync on a directory
  close(fd);
}

// An exclusive flock(2) on `path` (a directory or a file), without waiting:
// the descriptor, or -1 when another process holds it (or it is gone).
int TryLock(const std::string& path) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return -1;
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

std::vector<std::string> Entries(const std::string& dir) {
  std::vector<std::string> names;
  DIR* handle = opendir(dir.c_str());
  if (handle == nullptr) return names;
  while (const dirent* entry = readdir(handle)) {
    const std::string name = entry->d_name;
    if (name != "." && name != "..") names.push_back(name);
  }
  closedir(handle);
  return names;
}

// Removes `path` when no live process holds it (a killed run's leftover).
void RemoveIfAbandoned(const std::string& path) {
  const int fd = TryLock(path);
  if (fd < 0) return;
  RemoveTree(path);
  close(fd);
}

// Where the report goes, and how.
struct Place {
  std::string dir;     // as the user gave it, without trailing slashes
  std::string parent;  // the directory holding it
  std::string base;    // its last component
};

Place PlaceOf(const std::string& given) {
  Place place;
  place.dir = given.empty() ? "." : given;
  while (place.dir.size() > 1 && place.dir.back() == '/') place.dir.pop_back();
  const std::size_t slash = place.dir.rfind('/');
  place.base = slash == std::string::npos ? place.dir : place.dir.substr(slash + 1);
  place.parent = slash == std::string::npos ? "." : slash == 0 ? "/" : place.dir.substr(0, slash);
  return place;
}

std::string SiblingPrefix(const Place& place) { return "." + place.base + kRunPrefix; }

bool NormalName(const std::string& base) { return !base.empty() && base != "." && base != ".." && base != "/"; }

// Whether DIR may be swapped as a whole: pdconform's alone, on the same file
// system as its parent, in a parent pdconform may write. Otherwise the linked
// layout. `error` is set when DIR cannot take a report at all.
bool CanSwapWhole(const Place& place, std::string& error) {
  struct stat info;
  if (lstat(place.dir.c_str(), &info) != 0) {
    if (errno == ENOENT) return NormalName(place.base) && access(place.parent.c_str(), W_OK | X_OK) == 0;
    error = place.dir + ": " + Errno();
    return false;
  }
  if (S_ISLNK(info.st_mode)) {
    if (stat(place.dir.c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) {
      error = place.dir + ": not a directory";
    }
    return false;
  }
  if (!S_ISDIR(info.st_mode)) {
    error = place.dir + ": exists and is not a directory";
    return false;
  }
  struct stat parent;
  if (!NormalName(place.base) || stat(place.parent.c_str(), &parent) != 0 || parent.st_dev != info.st_dev ||
      access(place.parent.c_str(), W_OK | X_OK) != 0) {
    return false;
  }
  for (const std::string& name : Entries(place.dir)) {
    if (!IsReportEntry(name)) return false;
  }
  return true;
}

// The run directory the linked layout's .pdconform-current names, "" none.
std::string CurrentRun(const Place& place) {
  char target[256];
  const ssize_t n = readlink(Join(place.dir, kCurrentLink).c_str(), target, sizeof target - 1);
  if (n <= 0) return "";
  const std::string name(target, static_cast<std::size_t>(n));
  return StartsWith(name, kRunPrefix) && name.find('/') == std::string::npos ? name : "";
}

// Leftovers of killed runs, in both layouts' places.
void RemoveLeftovers(const Place& place) {
  if (NormalName(place.base)) {
    for (const std::string& name : Entries(place.parent)) {
      if (StartsWith(name, SiblingPrefix(place))) RemoveIfAbandoned(Join(place.parent, name));
    }
  }
  const std::string current = CurrentRun(place);
  for (const std::string& name : Entries(place.dir)) {
    bool old_temporary = false;
    for (const char* prefix : kOldTemporaryPrefixes) old_temporary = old_temporary || StartsWith(name, prefix);
    if ((StartsWith(name, kRunPrefix) && name != current) || old_temporary) {
      RemoveIfAbandoned(Join(place.dir, name));
    }
  }
}

// A fresh directory `prefix`XXXXXX, locked, with a directory's usual mode.
// Returns its path ("" on error, with `error` set) and the lock in `lock`.
std::string MakeRunDirectory(const std::string& prefix, const std::string& shown, int& lock, std::string& error) {
  std::string pattern = prefix + "XXXXXX";
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  if (mkdtemp(name.data()) == nullptr) {
    error = shown + ": cannot create a directory for the new report: " + Errno();
    return "";
  }
  const std::string path(name.data());
  lock = open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (lock < 0 || flock(lock, LOCK_EX) != 0) {
    error = shown + ": cannot lock the directory of the new report: " + Errno();
    RemoveTree(path);
    return "";
  }
  const mode_t mask = umask(0);
  umask(mask);
  chmod(path.c_str(), 0777 & ~mask);  // mkdtemp makes it 0700
  return path;
}

std::string WriteOne(const std::string& root, const ReportFile& file, const std::string& shown) {
  const std::size_t slash = file.name.find('/');
  if (slash != std::string::npos) {
    const std::string sub = Join(root, file.name.substr(0, slash));
    if (mkdir(sub.c_str(), 0777) != 0 && errno != EEXIST) {
      return Join(shown, file.name.substr(0, slash)) + ": cannot create directory: " + Errno();
    }
  }
  const std::string path = Join(root, file.name);
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  auto fail = [&](const char* what) { return Join(shown, file.name) + ": " + what + ": " + Errno(); };
  if (fd < 0) return fail("cannot create");
  std::size_t done = 0;
  while (done < file.contents.size()) {
    const ssize_t n = write(fd, file.contents.data() + done, file.contents.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      const std::string error = fail("cannot write");
      close(fd);
      return error;
    }
    done += static_cast<std::size_t>(n);
  }
  if (fsync(fd) != 0 && errno != EINVAL) {
    const std::string error = fail("cannot write");
    close(fd);
    return error;
  }
  if (close(fd) != 0) return fail("cannot write");
  return "";
}

// Writes every file into `root`, each file a step. Returns "" or one line.
std::string WriteAll(const std::string& root, const std::vector<ReportFile>& files, const std::string& shown) {
  for (const ReportFile& file : files) {
    Step();
    if (std::string error = WriteOne(root, file, shown); !error.empty()) return error;
  }
  // Every report has counterexamples/, empty when nothing was violated.
  if (mkdir(Join(root, "counterexamples").c_str(), 0777) != 0 && errno != EEXIST) {
    return Join(shown, "counterexamples") + ": cannot create directory: " + Errno();
  }
  SyncDirectory(Join(root, "counterexamples"));
  SyncDirectory(root);
  return "";
}

// Points DIR/`name` at `target` by renaming a fresh symlink made in `scratch`
// (a directory on the same file system) over it: atomic.
std::string LinkInto(const Place& place, const std::string& scratch, const std::string& name,
                     const std::string& target) {
  const std::string temporary = Join(scratch, ".link");
  std::remove(temporary.c_str());
  if (symlink(target.c_str(), temporary.c_str()) != 0 ||
      std::rename(temporary.c_str(), Join(place.dir, name).c_str()) != 0) {
    const std::string error = Join(place.dir, name) + ": cannot link it into place: " + Errno();
    std::remove(temporary.c_str());
    return error;
  }
  return "";
}

// The linked layout, from a complete report in DIR/`run` (locked).
std::string PublishLinked(const Place& place, const std::string& run) {
  const std::string scratch = Join(place.dir, run);
  // An earlier version's plain files: report.json first, so that the old set
  // stops being a report before any of it goes.
  for (const char* name : {"report.json", "report.html", "junit.xml", "counterexamples"}) {
    struct stat info;
    const std::string path = Join(place.dir, name);
    if (lstat(path.c_str(), &info) != 0 || S_ISLNK(info.st_mode)) continue;
    Step();
    if (!RemoveTree(path)) return path + ": cannot remove the earlier report's file: " + Errno();
  }
  // The fixed links; until .pdconform-current exists they lead nowhere (no report).
  for (const char* name : kTopLevel) {
    const std::string want = std::string(kCurrentLink) + "/" + name;
    char target[256];
    const ssize_t n = readlink(Join(place.dir, name).c_str(), target, sizeof target - 1);
    if (n > 0 && std::string(target, static_cast<std::size_t>(n)) == want) continue;
    Step();
    if (std::string error = LinkInto(place, scratch, name, want); !error.empty()) return error;
  }
  const std::string previous = CurrentRun(place);
  Step();
  if (std::string error = LinkInto(place, scratch, kCurrentLink, run); !error.empty()) return error;
  SyncDirectory(place.dir);
  if (!previous.empty() && previous != run) {
    Step();
    RemoveTree(Join(place.dir, previous));  // a leftover for the next run if this fails
  }
  return "";
}

std::string Rename2(const std::string& from, const std::string& to, unsigned flags) {
  if (syscall(SYS_renameat2, AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), flags) != 0) return Errno();
  return "";
}

}  // namespace

bool IsReportEntry(const std::string& name) {
  for (const char* entry : kTopLevel) {
    if (name == entry) return true;
  }
  for (const char* prefix : kOldTemporaryPrefixes) {
    if (StartsWith(name, prefix)) return true;
  }
  return name == kCurrentLink || StartsWith(name, kRunPrefix);
}

std::string PrepareReportDirectory(const std::string& dir) {
  const Place place = PlaceOf(dir);
  if (std::string error = MakeDirectories(place.dir); !error.empty()) return error;
  if (access(place.dir.c_str(), W_OK | X_OK) != 0) return place.dir + ": cannot write there: " + Errno();
  return "";
}

std::string PublishReportDirectory(const std::string& dir, const std::vector<ReportFile>& files) {
  const Place place = PlaceOf(dir);
  Step();
  RemoveLeftovers(place);
  std::string error;
  const bool whole = CanSwapWhole(place, error);
  if (!error.empty()) return error;
  if (!whole) {
    if (error = MakeDirectories(place.dir); !error.empty()) return error;
  }

  int lock = -1;
  Step();
  const std::string prefix = whole ? Join(place.parent, SiblingPrefix(place)) : Join(place.dir, kRunPrefix);
  const std::string path = MakeRunDirectory(prefix, place.dir, lock, error);
  if (path.empty()) return error;
  struct Unlock {
    int fd;
    ~Unlock() { close(fd); }
  } unlock{lock};
  if (error = WriteAll(path, files, place.dir); !error.empty()) {
    RemoveTree(path);
    return error;
  }
  const std::string run = path.substr(path.rfind('/') + 1);

  if (whole) {
    Step();
    struct stat info;
    if (lstat(place.dir.c_str(), &info) != 0 && errno == ENOENT) {
      if (std::rename(path.c_str(), place.dir.c_str()) != 0) {
        error = place.dir + ": cannot put the new report in place: " + Errno();
        RemoveTree(path);
        return error;
      }
      SyncDirectory(place.parent);
      return "";
    }
    const std::string exchange = Rename2(path, place.dir, RENAME_EXCHANGE);
    if (exchange.empty()) {
      SyncDirectory(place.parent);
      Step();
      RemoveTree(path);  // the previous report, now at the sibling's name; a leftover if this fails
      return "";
    }
    if (errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP) {
      RemoveTree(path);
      return place.dir + ": cannot put the new report in place: " + exchange;
    }
    // No RENAME_EXCHANGE on this file system: the linked layout instead.
    const std::string inside = Join(place.dir, std::string(kRunPrefix) + run.substr(SiblingPrefix(place).size()));
    if (std::rename(path.c_str(), inside.c_str()) != 0) {
      error = place.dir + ": cannot put the new report in place: " + Errno();
      RemoveTree(path);
      return error;
    }
    return PublishLinked(place, inside.substr(inside.rfind('/') + 1));
  }
  if (error = PublishLinked(place, run); !error.empty()) {
    if (CurrentRun(place) != run) RemoveTree(path);
    return error;
  }
  return "";
}

}  // namespace pd
