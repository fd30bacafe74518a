#include "reports/json_schema.h"

#include <algorithm>
#include <regex>
#include <set>

#include "reports/json_escape.h"

namespace pd {
namespace {

const std::set<std::string>& KnownKeywords() {
  static const std::set<std::string> keywords = {
      "$schema", "$id",      "$comment", "title",   "description", "$defs",   "$ref",
      "type",    "properties", "required", "additionalProperties", "items", "minItems",
      "enum",    "const",    "minimum",  "maximum", "minLength",   "pattern",
  };
  return keywords;
}

const std::set<std::string>& TypeNames() {
  static const std::set<std::string> names = {"null", "boolean", "number", "integer", "string", "array", "object"};
  return names;
}

// Writes a value in one line, for error messages.
std::string Show(const JsonValue& value) {
  switch (value.type()) {
    case JsonValue::Type::kNull: return "null";
    case JsonValue::Type::kBool: return value.bool_value() ? "true" : "false";
    case JsonValue::Type::kNumber: return value.number_literal();
    case JsonValue::Type::kString: {
      std::string s = value.string_value();
      if (s.size() > 60) s = s.substr(0, 57) + "...";
      return JsonString(s);
    }
    case JsonValue::Type::kArray: return "an array";
    case JsonValue::Type::kObject: return "an object";
  }
  return "?";
}

std::string MemberPath(const std::string& path, const std::string& key) {
  const bool plain = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
  return plain ? path + "." + key : path + "[" + JsonString(key) + "]";
}

const JsonValue* Resolve(const JsonValue& root, const std::string& ref) {
  const std::string prefix = "#/$defs/";
  if (ref.rfind(prefix, 0) != 0) return nullptr;
  const JsonValue* defs = root.Find("$defs");
  return defs == nullptr ? nullptr : defs->Find(ref.substr(prefix.size()));
}

bool TypeMatches(const std::string& name, const JsonValue& value) {
  if (name == "integer") return value.is_integer();
  return name == JsonTypeName(value.type());
}

// Checks one schema object (and those under it) against the subset.
std::string CheckSchema(const JsonValue& root, const JsonValue& schema, const std::string& path) {
  if (schema.is_bool()) return "";
  if (!schema.is_object()) return path + ": a schema must be an object or a boolean";
  for (const auto& [keyword, value] : schema.members()) {
    const std::string at = path + "/" + keyword;
    if (KnownKeywords().count(keyword) == 0) {
      return at + ": keyword outside the subset this validator implements";
    }
    if (keyword == "$ref") {
      if (!value.is_string() || Resolve(root, value.string_value()) == nullptr) {
        return at + ": expected a reference \"#/$defs/NAME\" that exists";
      }
    } else if (keyword == "$defs" || keyword == "properties") {
      if (!value.is_object()) return at + ": expected an object";
      for (const auto& [name, sub] : value.members()) {
        if (std::string error = CheckSchema(root, sub, at + "/" + name); !error.empty()) return error;
      }
    } else if (keyword == "items" || keyword == "additionalProperties") {
      if (std::string error = CheckSchema(root, value, at); !error.empty()) return error;
    } else if (keyword == "type") {
      std::vector<JsonValue> names = value.is_array() ? value.items() : std::vector<JsonValue>{value};
      for (const JsonValue& name : names) {
        if (!name.is_string() || TypeNames().count(name.string_value()) == 0) return at + ": unknown type";
      }
    } else if (keyword == "required") {
      if (!value.is_array()) return at + ": expected an array of strings";
      for (const JsonValue& name : value.items()) {
        if (!name.is_string()) return at + ": expected an array of strings";
      }
    } else if (keyword == "enum") {
      if (!value.is_array() || value.items().empty()) return at + ": expected a non-empty array";
    } else if (keyword == "minimum" || keyword == "maximum") {
      if (!value.is_number()) return at + ": expected a number";
    } else if (keyword == "minLength" || keyword == "minItems") {
      if (!value.AsUint64()) return at + ": expected a non-negative integer";
    } else if (keyword == "pattern") {
      if (!value.is_string()) return at + ": expected a string";
      try {
        std::regex compiled(value.string_value(), std::regex::ECMAScript);
      } catch (const std::regex_error&) {
        return at + ": not a valid regular expression";
      }
    } else if (keyword != "const" && !value.is_string()) {
      return at + ": expected a string";
    }
  }
  return "";
}

class Validator {
 public:
  explicit Validator(const JsonValue& root) : root_(root) {}

  void Check(const JsonValue& schema, const JsonValue& value, const std::string& path) {
    if (errors_.size() >= kMaxErrors) return;
    if (schema.is_bool()) {
      if (!schema.bool_value()) Error(path, "no value is allowed here");
      return;
    }
    if (const JsonValue* ref = schema.Find("$ref")) {
      const JsonValue* target = Resolve(root_, ref->string_value());
      if (++depth_ > kMaxRefDepth) {
        Error(path, "$ref nested too deep");
      } else if (target != nullptr) {
        Check(*target, value, path);
      }
      --depth_;
    }
    if (const JsonValue* type = schema.Find("type")) {
      std::vector<JsonValue> names = type->is_array() ? type->items() : std::vector<JsonValue>{*type};
      bool matches = false;
      std::string wanted;
      for (const JsonValue& name : names) {
        matches = matches || TypeMatches(name.string_value(), value);
        wanted += (wanted.empty() ? "" : " or ") + name.string_value();
      }
      if (!matches) {
        Error(path, "expected " + wanted + ", got " + Show(value));
        return;  // the other keywords would only repeat it
      }
    }
    if (const JsonValue* constant = schema.Find("const"); constant != nullptr && !(*constant == value)) {
      Error(path, Show(value) + " is not " + Show(*constant));
    }
    if (const JsonValue* options = schema.Find("enum")) {
      const auto& items = options->items();
      if (std::find(items.begin(), items.end(), value) == items.end()) {
        std::string list;
        for (const JsonValue& item : items) list += (list.empty() ? "" : ", ") + Show(item);
        Error(path, Show(value) + " is not one of " + list);
      }
    }
    if (value.is_number()) CheckNumber(schema, value, path);
    if (value.is_string()) CheckString(schema, value, path);
    if (value.is_array()) CheckArray(schema, value, path);
    if (value.is_object()) CheckObject(schema, value, path);
  }

  std::vector<std::string> errors() const {
    std::vector<std::string> out = errors_;
    if (out.size() >= kMaxErrors) out.push_back("(stopped after " + std::to_string(kMaxErrors) + " errors)");
    return out;
  }

 private:
  static constexpr std::size_t kMaxErrors = 50;
  static constexpr int kMaxRefDepth = 64;

  void Error(const std::string& path, const std::string& what) {
    if (errors_.size() < kMaxErrors) errors_.push_back(path + ": " + what);
  }

  void CheckNumber(const JsonValue& schema, const JsonValue& value, const std::string& path) {
    if (const JsonValue* minimum = schema.Find("minimum"); minimum != nullptr) {
      // Integers compare exactly (a uint64 seed loses precision as a double).
      const auto v = value.AsInt64(), m = minimum->AsInt64();
      const bool below = (v && m) ? *v < *m : (!value.AsUint64() && value.number_value() < minimum->number_value());
      if (below) Error(path, value.number_literal() + " is below the minimum " + minimum->number_literal());
    }
    if (const JsonValue* maximum = schema.Find("maximum"); maximum != nullptr) {
      const auto v = value.AsInt64(), m = maximum->AsInt64();
      const bool above = (v && m) ? *v > *m : value.number_value() > maximum->number_value();
      if (above) Error(path, value.number_literal() + " is above the maximum " + maximum->number_literal());
    }
  }

  void CheckString(const JsonValue& schema, const JsonValue& value, const std::string& path) {
    if (const JsonValue* min = schema.Find("minLength"); min != nullptr) {
      // Length in code points, as the spec says: count non-continuation bytes.
      std::uint64_t length = 0;
      for (unsigned char c : value.string_value()) length += (c & 0xC0) != 0x80;
      if (length < *min->AsUint64()) Error(path, "shorter than " + min->number_literal() + " characters");
    }
    if (const JsonValue* pattern = schema.Find("pattern")) {
      const std::regex compiled(pattern->string_value(), std::regex::ECMAScript);
      if (!std::regex_search(value.string_value(), compiled)) {
        Error(path, Show(value) + " does not match " + JsonString(pattern->string_value()));
      }
    }
  }

  void CheckArray(const JsonValue& schema, const JsonValue& value, const std::string& path) {
    if (const JsonValue* min = schema.Find("minItems"); min != nullptr && value.items().size() < *min->AsUint64()) {
      Error(path, "fewer than " + min->number_literal() + " items");
    }
    if (const JsonValue* items = schema.Find("items")) {
      for (std::size_t i = 0; i < value.items().size(); ++i) {
        Check(*items, value.items()[i], path + "[" + std::to_string(i) + "]");
      }
    }
  }

  void CheckObject(const JsonValue& schema, const JsonValue& value, const std::string& path) {
    if (const JsonValue* required = schema.Find("required")) {
      for (const JsonValue& name : required->items()) {
        if (value.Find(name.string_value()) == nullptr) {
          Error(path, "missing required member " + JsonString(name.string_value()));
        }
      }
    }
    const JsonValue* properties = schema.Find("properties");
    const JsonValue* additional = schema.Find("additionalProperties");
    for (const auto& [key, member] : value.members()) {
      const JsonValue* sub = properties != nullptr ? properties->Find(key) : nullptr;
      if (sub != nullptr) {
        Check(*sub, member, MemberPath(path, key));
      } else if (additional != nullptr) {
        if (additional->is_bool() && !additional->bool_value()) {
          Error(path, "unexpected member " + JsonString(key));
        } else {
          Check(*additional, member, MemberPath(path, key));
        }
      }
    }
  }

  const JsonValue& root_;
  std::vector<std::string> errors_;
  int depth_ = 0;
};

}  // namespace

std::variant<JsonSchema, std::string> JsonSchema::Compile(JsonValue schema) {
  if (std::string error = CheckSchema(schema, schema, "#"); !error.empty()) return error;
  return JsonSchema(std::move(schema));
}

std::vector<std::string> JsonSchema::Validate(const JsonValue& document) const {
  Validator validator(root_);
  validator.Check(root_, document, "$");
  return validator.errors();
}

}  // namespace pd
