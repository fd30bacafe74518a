// One normative statement of the peerdist.h reference documentation, quoted
// verbatim from its page, and the rules that check it. The catalog of all of
// them (requirement_catalog.h) is what "N of M testable statements checked"
// counts against; conformance/requirements/README.md says how it was made.
#ifndef CONFORMANCE_REQUIREMENTS_REQUIREMENT_H_
#define CONFORMANCE_REQUIREMENTS_REQUIREMENT_H_

#include <string>
#include <vector>

namespace pd {

enum class RequirementClass {
  kTestable,          // an implementation's behaviour, observable through the API
  kCallerObligation,  // a duty of the application, not of the implementation
  kUntestableHere,    // no observation through the API can decide it (see reason)
};

// "testable", "caller-obligation", "untestable-here".
const char* RequirementClassName(RequirementClass klass);

// A rule that judges a statement: fully, or only part of it (`partly`: some
// of the functions, one of two handles, ...), or one of the statement's named
// parts fully (`part`, with partly true). A statement counts as checked when
// a rule checks it fully, or when it is divided into parts and every part
// has a rule.
struct RequirementChecker {
  std::string rule;
  bool partly = false;
  std::string part;  // one of the entry's parts, or empty

  bool operator==(const RequirementChecker& other) const {
    return rule == other.rule && partly == other.partly && part == other.part;
  }
};

struct Requirement {
  std::string id;       // page prefix + number, "REGISTER-4"; stable
  std::string page;     // "PeerDistRegisterForStatusChangeNotification"
  std::string section;  // "Remarks", "Parameters: lpOverlapped", "Return value", ...
  RequirementClass klass = RequirementClass::kTestable;
  std::string reason;   // why kUntestableHere, one line
  std::string quote;    // verbatim, as the page renders it (page_text.h)
  // The statement divided where its halves are judged by different rules
  // ("hPeerDist", "hStream": the two handles of one ERROR_INVALID_HANDLE
  // row); together they are the whole statement. Empty: not divided.
  std::vector<std::string> parts;
  std::vector<RequirementChecker> checked_by;  // testable entries only
  std::string note;     // for reviewers, optional
  int line = 0;         // where the entry starts in its catalog file
};

struct RequirementPage {
  std::string name;          // function, structure or enumeration name
  std::string kind;          // "function", "structure", "enumeration"
  std::string file;          // upstream source file, "nf-peerdist-peerdiststartup.md"
  std::string commit;        // MicrosoftDocs/sdk-api commit the page was read at
  std::string prefix;        // id prefix, "STARTUP"
  std::string catalog_file;  // "PeerDistStartup.req"
  std::vector<Requirement> entries;  // in page order, numbered 1..n
};

}  // namespace pd

#endif  // CONFORMANCE_REQUIREMENTS_REQUIREMENT_H_
