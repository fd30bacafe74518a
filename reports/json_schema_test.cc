#include "reports/json_schema.h"

#include <gtest/gtest.h>

namespace pd {
namespace {

JsonValue Parse(const std::string& text) {
  auto parsed = ParseJson(text);
  if (auto* error = std::get_if<std::string>(&parsed)) ADD_FAILURE() << text << ": " << *error;
  return std::holds_alternative<JsonValue>(parsed) ? std::get<JsonValue>(parsed) : JsonValue();
}

JsonSchema Compile(const std::string& text) {
  auto compiled = JsonSchema::Compile(Parse(text));
  if (auto* error = std::get_if<std::string>(&compiled)) {
    ADD_FAILURE() << *error;
    return std::get<JsonSchema>(JsonSchema::Compile(Parse("true")));
  }
  return std::get<JsonSchema>(compiled);
}

std::string CompileError(const std::string& text) {
  auto compiled = JsonSchema::Compile(Parse(text));
  return std::holds_alternative<std::string>(compiled) ? std::get<std::string>(compiled) : "(compiled)";
}

std::vector<std::string> Check(const std::string& schema, const std::string& document) {
  return Compile(schema).Validate(Parse(document));
}

using Errors = std::vector<std::string>;

TEST(JsonSchema, Types) {
  EXPECT_EQ(Check(R"({"type": "integer"})", "3"), Errors{});
  EXPECT_EQ(Check(R"({"type": "integer"})", "3.5"), Errors{"$: expected integer, got 3.5"});
  EXPECT_EQ(Check(R"({"type": "number"})", "3.5"), Errors{});
  EXPECT_EQ(Check(R"({"type": ["string", "null"]})", "null"), Errors{});
  EXPECT_EQ(Check(R"({"type": ["string", "null"]})", "1"), Errors{"$: expected string or null, got 1"});
  EXPECT_EQ(Check(R"({"type": "boolean"})", "\"true\""), Errors{"$: expected boolean, got \"true\""});
}

TEST(JsonSchema, ObjectsAndArrays) {
  const std::string schema = R"({
    "type": "object", "required": ["a", "b"], "additionalProperties": false,
    "properties": {"a": {"type": "array", "items": {"type": "integer", "minimum": 0}, "minItems": 1},
                   "b": {"type": "object", "additionalProperties": {"type": "string"}}}})";
  EXPECT_EQ(Check(schema, R"({"a": [0, 1], "b": {"x": "y"}})"), Errors{});
  EXPECT_EQ(Check(schema, R"({"a": [0, -1], "b": {"x": 1}, "c": 0})"),
            (Errors{"$.a[1]: -1 is below the minimum 0", "$.b.x: expected string, got 1", "$: unexpected member \"c\""}));
  EXPECT_EQ(Check(schema, R"({"a": []})"), (Errors{"$: missing required member \"b\"", "$.a: fewer than 1 items"}));
}

TEST(JsonSchema, ValuesAndStrings) {
  EXPECT_EQ(Check(R"({"enum": ["holds", "violated"]})", "\"maybe\""),
            Errors{"$: \"maybe\" is not one of \"holds\", \"violated\""});
  EXPECT_EQ(Check(R"({"const": "pdconform-report/1"})", "\"pdconform-report/2\""),
            Errors{"$: \"pdconform-report/2\" is not \"pdconform-report/1\""});
  EXPECT_EQ(Check(R"({"pattern": "^[a-z]+(-[a-z]+)*$"})", "\"first-notify\""), Errors{});
  EXPECT_EQ(Check(R"({"pattern": "^[a-z]+(-[a-z]+)*$"})", "\"First\""),
            Errors{"$: \"First\" does not match \"^[a-z]+(-[a-z]+)*$\""});
  EXPECT_EQ(Check(R"({"minLength": 2})", "\"\xC3\xA9\""), Errors{"$: shorter than 2 characters"});
  EXPECT_EQ(Check(R"({"maximum": 18446744073709551615})", "18446744073709551615"), Errors{});
  EXPECT_EQ(Check(R"({"maximum": 10})", "11"), Errors{"$: 11 is above the maximum 10"});
}

TEST(JsonSchema, References) {
  const std::string schema = R"({"$defs": {"n": {"type": "integer"}}, "properties": {"x": {"$ref": "#/$defs/n"}}})";
  EXPECT_EQ(Check(schema, R"({"x": 1})"), Errors{});
  EXPECT_EQ(Check(schema, R"({"x": "1"})"), Errors{"$.x: expected integer, got \"1\""});
  EXPECT_EQ(Check(schema, R"({"odd key": 1})"), Errors{});
}

TEST(JsonSchema, RejectsSchemasOutsideTheSubset) {
  EXPECT_EQ(CompileError(R"({"oneOf": []})"), "#/oneOf: keyword outside the subset this validator implements");
  EXPECT_EQ(CompileError(R"({"properties": {"a": {"format": "uri"}}})"),
            "#/properties/a/format: keyword outside the subset this validator implements");
  EXPECT_EQ(CompileError(R"({"$ref": "#/$defs/missing"})"), "#/$ref: expected a reference \"#/$defs/NAME\" that exists");
  EXPECT_EQ(CompileError(R"({"type": "int"})"), "#/type: unknown type");
  EXPECT_EQ(CompileError(R"({"pattern": "("})"), "#/pattern: not a valid regular expression");
}

}  // namespace
}  // namespace pd
