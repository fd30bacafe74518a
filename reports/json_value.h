// A parsed JSON document, for the two places the harness reads JSON back:
// pdconform --merge (shard report.json files) and the schema check of
// report.json. Numbers keep their literal text, so a 64-bit seed survives
// exactly; objects keep their keys in document order.
#ifndef REPORTS_JSON_VALUE_H_
#define REPORTS_JSON_VALUE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace pd {

class JsonValue {
 public:
  enum class Type { kNull, kBool, kNumber, kString, kArray, kObject };

  JsonValue() = default;
  static JsonValue Null() { return JsonValue(); }
  static JsonValue Bool(bool value);
  static JsonValue Number(std::string literal);  // a valid JSON number literal
  static JsonValue String(std::string value);
  static JsonValue Array(std::vector<JsonValue> items);
  static JsonValue Object(std::vector<std::pair<std::string, JsonValue>> members);

  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::kNull; }
  bool is_bool() const { return type_ == Type::kBool; }
  bool is_number() const { return type_ == Type::kNumber; }
  bool is_string() const { return type_ == Type::kString; }
  bool is_array() const { return type_ == Type::kArray; }
  bool is_object() const { return type_ == Type::kObject; }
  // A number written without fraction or exponent.
  bool is_integer() const;

  bool bool_value() const { return bool_; }
  const std::string& number_literal() const { return text_; }
  double number_value() const;
  // The integer, when it is one and fits.
  std::optional<std::int64_t> AsInt64() const;
  std::optional<std::uint64_t> AsUint64() const;
  const std::string& string_value() const { return text_; }
  const std::vector<JsonValue>& items() const { return items_; }
  const std::vector<std::pair<std::string, JsonValue>>& members() const { return members_; }
  // The member named `key`, or nullptr (also for a non-object).
  const JsonValue* Find(const std::string& key) const;

  // Structural equality; numbers compare by value (1 == 1.0).
  bool operator==(const JsonValue& other) const;
  bool operator!=(const JsonValue& other) const { return !(*this == other); }

 private:
  Type type_ = Type::kNull;
  bool bool_ = false;
  std::string text_;  // kNumber: the literal; kString: the value
  std::vector<JsonValue> items_;
  std::vector<std::pair<std::string, JsonValue>> members_;
};

const char* JsonTypeName(JsonValue::Type type);  // "null", "boolean", "number", ...

// Parses one JSON document (RFC 8259; duplicate keys and trailing content
// are errors). Returns the value or one line: "LINE:COLUMN: what is wrong".
std::variant<JsonValue, std::string> ParseJson(const std::string& text);

}  // namespace pd

#endif  // REPORTS_JSON_VALUE_H_
