#include "reports/atomic_file.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace pd {
namespace {

// Temporary files of earlier writes of the same target that no live process
// holds (each writer keeps an flock on its own): leftovers of a killed run.
void RemoveAbandonedTemporaries(const std::string& dir, const std::string& prefix) {
  DIR* handle = opendir(dir.c_str());
  if (handle == nullptr) return;
  while (const dirent* entry = readdir(handle)) {
    const std::string name = entry->d_name;
    if (name.size() != prefix.size() + 6 || name.compare(0, prefix.size(), prefix) != 0) continue;
    const std::string path = dir + "/" + name;
    const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) continue;
    struct stat info;
    if (fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && flock(fd, LOCK_EX | LOCK_NB) == 0) unlink(path.c_str());
    close(fd);
  }
  closedir(handle);
}

}  // namespace

std::string WriteFileAtomically(const std::string& path, const std::string& contents) {
  const std::size_t slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
  const std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  RemoveAbandonedTemporaries(dir, "." + base + ".tmp.");
  std::string pattern = dir + "/." + base + ".tmp.XXXXXX";
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  const int fd = mkstemp(name.data());
  if (fd < 0) return path + ": cannot create a temporary file: " + std::strerror(errno);
  flock(fd, LOCK_EX);  // ours while it exists: see RemoveAbandonedTemporaries
  const std::string temp(name.data());
  auto fail = [&](const char* what) {
    const std::string error = path + ": " + what + ": " + std::strerror(errno);
    std::remove(temp.c_str());
    return error;
  };
  std::size_t done = 0;
  while (done < contents.size()) {
    const ssize_t n = write(fd, contents.data() + done, contents.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      close(fd);
      return fail("cannot write");
    }
    done += static_cast<std::size_t>(n);
  }
  // mkstemp creates 0600; a report is an ordinary file.
  const mode_t mask = umask(0);
  umask(mask);
  fchmod(fd, 0666 & ~mask);
  if (fsync(fd) != 0 && errno != EINVAL) {
    close(fd);
    return fail("cannot sync");
  }
  if (close(fd) != 0) return fail("cannot close");
  if (std::rename(temp.c_str(), path.c_str()) != 0) return fail("cannot rename the temporary file into place");
  return "";
}

std::string MakeDirectories(const std::string& path) {
  if (path.empty()) return "";
  std::string prefix;
  std::size_t pos = 0;
  while (pos != std::string::npos) {
    pos = path.find('/', pos + 1);
    prefix = path.substr(0, pos);
    if (prefix.empty() || prefix == "." || prefix == "..") continue;
    if (mkdir(prefix.c_str(), 0777) != 0 && errno != EEXIST) {
      return prefix + ": cannot create directory: " + std::strerror(errno);
    }
    struct stat info;
    if (stat(prefix.c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) {
      return prefix + ": exists and is not a directory";
    }
  }
  return "";
}

}  // namespace pd
