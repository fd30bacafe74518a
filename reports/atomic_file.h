// Writes a file so that a reader sees either the old contents or the new
// ones, never a half-written file: the bytes go to a temporary file in the
// same directory, which is then renamed over the target.
#ifndef REPORTS_ATOMIC_FILE_H_
#define REPORTS_ATOMIC_FILE_H_

#include <string>

namespace pd {

// A temporary file left by a writer that was killed is removed by the next
// write of the same target (a live writer holds an flock on its own).
// Returns "" on success, otherwise one line: what failed and why.
std::string WriteFileAtomically(const std::string& path, const std::string& contents);

// Creates `path` and its missing parents. Returns "" or one line of error.
std::string MakeDirectories(const std::string& path);

}  // namespace pd

#endif  // REPORTS_ATOMIC_FILE_H_
