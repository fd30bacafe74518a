// A JSON Schema validator for the subset of JSON Schema (draft 2020-12) that
// report.schema.json uses. No validator is packaged for Debian in C++ or sh,
// and the build is offline, so the harness carries this one. A schema that
// uses a keyword outside the subset is rejected when compiled, never
// silently half-checked.
//
// Subset: $schema $id $comment title description $defs, $ref (only
// "#/$defs/NAME"), type (a name or a list of names; "integer" is a number
// without fraction or exponent), properties, required, additionalProperties
// (false or a schema), items (one schema), minItems, enum, const, minimum,
// maximum, minLength, pattern (ECMAScript, unanchored, as the spec says).
#ifndef REPORTS_JSON_SCHEMA_H_
#define REPORTS_JSON_SCHEMA_H_

#include <string>
#include <variant>
#include <vector>

#include "reports/json_value.h"

namespace pd {

class JsonSchema {
 public:
  // Checks that `schema` stays in the subset and that every $ref resolves.
  // Returns the compiled schema or one line: "PATH: what is wrong".
  static std::variant<JsonSchema, std::string> Compile(JsonValue schema);

  // Every place `document` breaks the schema, one line each:
  // "$.rules[1].verdict: \"maybe\" is not one of \"holds\", \"violated\", \"error\"".
  // Empty when the document is valid.
  std::vector<std::string> Validate(const JsonValue& document) const;

 private:
  explicit JsonSchema(JsonValue root) : root_(std::move(root)) {}
  JsonValue root_;
};

}  // namespace pd

#endif  // REPORTS_JSON_SCHEMA_H_
