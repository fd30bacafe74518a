#include "conformance/requirements/requirement.h"

namespace pd {

const char* RequirementClassName(RequirementClass klass) {
  switch (klass) {
    case RequirementClass::kTestable:
      return "testable";
    case RequirementClass::kCallerObligation:
      return "caller-obligation";
    case RequirementClass::kUntestableHere:
      return "untestable-here";
  }
  return "testable";
}

}  // namespace pd
