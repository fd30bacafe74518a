#include "reports/json_value.h"

#include "reports/utf8.h"

#include <cstdlib>
#include <limits>

namespace pd {

JsonValue JsonValue::Bool(bool value) {
  JsonValue v;
  v.type_ = Type::kBool;
  v.bool_ = value;
  return v;
}

JsonValue JsonValue::Number(std::string literal) {
  JsonValue v;
  v.type_ = Type::kNumber;
  v.text_ = std::move(literal);
  return v;
}

JsonValue JsonValue::String(std::string value) {
  JsonValue v;
  v.type_ = Type::kString;
  v.text_ = std::move(value);
  return v;
}

JsonValue JsonValue::Array(std::vector<JsonValue> items) {
  JsonValue v;
  v.type_ = Type::kArray;
  v.items_ = std::move(items);
  return v;
}

JsonValue JsonValue::Object(std::vector<std::pair<std::string, JsonValue>> members) {
  JsonValue v;
  v.type_ = Type::kObject;
  v.members_ = std::move(members);
  return v;
}

bool JsonValue::is_integer() const {
  return type_ == Type::kNumber && text_.find_first_of(".eE") == std::string::npos;
}

double JsonValue::number_value() const { return std::strtod(text_.c_str(), nullptr); }

std::optional<std::uint64_t> JsonValue::AsUint64() const {
  if (!is_integer() || text_.empty() || text_[0] == '-') return std::nullopt;
  std::uint64_t value = 0;
  for (char c : text_) {
    const std::uint64_t digit = static_cast<std::uint64_t>(c - '0');
    if (value > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) return std::nullopt;
    value = value * 10 + digit;
  }
  return value;
}

std::optional<std::int64_t> JsonValue::AsInt64() const {
  if (!is_integer()) return std::nullopt;
  const bool negative = text_[0] == '-';
  const JsonValue magnitude = Number(negative ? text_.substr(1) : text_);
  const std::optional<std::uint64_t> value = magnitude.AsUint64();
  if (!value) return std::nullopt;
  const std::uint64_t limit = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) + (negative ? 1 : 0);
  if (*value > limit) return std::nullopt;
  return negative ? static_cast<std::int64_t>(0 - *value) : static_cast<std::int64_t>(*value);
}

const JsonValue* JsonValue::Find(const std::string& key) const {
  for (const auto& [name, value] : members_) {
    if (name == key) return &value;
  }
  return nullptr;
}

bool JsonValue::operator==(const JsonValue& other) const {
  if (type_ != other.type_) return false;
  switch (type_) {
    case Type::kNull: return true;
    case Type::kBool: return bool_ == other.bool_;
    case Type::kNumber: return text_ == other.text_ || number_value() == other.number_value();
    case Type::kString: return text_ == other.text_;
    case Type::kArray: return items_ == other.items_;
    case Type::kObject:
      if (members_.size() != other.members_.size()) return false;
      for (const auto& [name, value] : members_) {
        const JsonValue* found = other.Find(name);
        if (found == nullptr || !(*found == value)) return false;
      }
      return true;
  }
  return false;
}

const char* JsonTypeName(JsonValue::Type type) {
  switch (type) {
    case JsonValue::Type::kNull: return "null";
    case JsonValue::Type::kBool: return "boolean";
    case JsonValue::Type::kNumber: return "number";
    case JsonValue::Type::kString: return "string";
    case JsonValue::Type::kArray: return "array";
    case JsonValue::Type::kObject: return "object";
  }
  return "?";
}

namespace {

// Deep enough for any report, shallow enough that hostile input cannot
// exhaust the stack.
constexpr int kMaxDepth = 64;

class Parser {
 public:
  explicit Parser(const std::string& text) : text_(text) {}

  std::variant<JsonValue, std::string> Document() {
    SkipSpace();
    JsonValue value = Value(0);
    if (error_.empty()) {
      SkipSpace();
      if (pos_ != text_.size()) Fail("unexpected content after the document");
    }
    if (!error_.empty()) return error_;
    return value;
  }

 private:
  void Fail(const std::string& what) {
    if (!error_.empty()) return;
    int line = 1, column = 1;
    for (std::size_t i = 0; i < pos_ && i < text_.size(); ++i) {
      if (text_[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    error_ = std::to_string(line) + ":" + std::to_string(column) + ": " + what;
  }

  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek() const { return AtEnd() ? '\0' : text_[pos_]; }

  void SkipSpace() {
    while (!AtEnd() && (Peek() == ' ' || Peek() == '\t' || Peek() == '\n' || Peek() == '\r')) ++pos_;
  }

  bool Literal(const char* word) {
    const std::string w(word);
    if (text_.compare(pos_, w.size(), w) != 0) return false;
    pos_ += w.size();
    return true;
  }

  JsonValue Value(int depth) {
    if (depth > kMaxDepth) {
      Fail("nested deeper than " + std::to_string(kMaxDepth) + " levels");
      return {};
    }
    switch (Peek()) {
      case '{': return ObjectValue(depth);
      case '[': return ArrayValue(depth);
      case '"': return JsonValue::String(StringValue());
      case 't':
        if (Literal("true")) return JsonValue::Bool(true);
        break;
      case 'f':
        if (Literal("false")) return JsonValue::Bool(false);
        break;
      case 'n':
        if (Literal("null")) return JsonValue::Null();
        break;
      default:
        if (Peek() == '-' || (Peek() >= '0' && Peek() <= '9')) return NumberValue();
    }
    Fail(AtEnd() ? "unexpected end of input, expected a value" : std::string("unexpected character '") + Peek() + "'");
    return {};
  }

  JsonValue NumberValue() {
    const std::size_t start = pos_;
    auto digits = [&] {
      const std::size_t from = pos_;
      while (Peek() >= '0' && Peek() <= '9') ++pos_;
      return pos_ > from;
    };
    if (Peek() == '-') ++pos_;
    if (Peek() == '0') {
      ++pos_;
    } else if (!digits()) {
      Fail("malformed number");
      return {};
    }
    if (Peek() == '.') {
      ++pos_;
      if (!digits()) {
        Fail("malformed number: digits expected after '.'");
        return {};
      }
    }
    if (Peek() == 'e' || Peek() == 'E') {
      ++pos_;
      if (Peek() == '+' || Peek() == '-') ++pos_;
      if (!digits()) {
        Fail("malformed number: digits expected in the exponent");
        return {};
      }
    }
    return JsonValue::Number(text_.substr(start, pos_ - start));
  }



  std::optional<std::uint32_t> Hex4() {
    if (pos_ + 4 > text_.size()) return std::nullopt;
    std::uint32_t value = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = text_[pos_ + i];
      value <<= 4;
      if (c >= '0' && c <= '9') {
        value |= static_cast<std::uint32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        value |= static_cast<std::uint32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        value |= static_cast<std::uint32_t>(c - 'A' + 10);
      } else {
        return std::nullopt;
      }
    }
    pos_ += 4;
    return value;
  }

  std::string StringValue() {
    ++pos_;  // the opening quote
    std::string out;
    while (true) {
      if (AtEnd()) {
        Fail("unterminated string");
        return out;
      }
      const char c = text_[pos_];
      if (c == '"') {
        ++pos_;
        return out;
      }
      if (static_cast<unsigned char>(c) < 0x20) {
        Fail("raw control character in a string");
        return out;
      }
      if (c != '\\') {
        out += c;
        ++pos_;
        continue;
      }
      ++pos_;
      const char escape = Peek();
      ++pos_;
      switch (escape) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          std::optional<std::uint32_t> code = Hex4();
          if (!code) {
            Fail("malformed \\u escape");
            return out;
          }
          if (*code >= 0xD800 && *code <= 0xDBFF) {
            // A high surrogate must be followed by its low half.
            std::optional<std::uint32_t> low;
            if (Literal("\\u")) low = Hex4();
            if (!low || *low < 0xDC00 || *low > 0xDFFF) {
              Fail("unpaired surrogate in a \\u escape");
              return out;
            }
            *code = 0x10000 + ((*code - 0xD800) << 10) + (*low - 0xDC00);
          } else if (*code >= 0xDC00 && *code <= 0xDFFF) {
            Fail("unpaired surrogate in a \\u escape");
            return out;
          }
          AppendUtf8(out, *code);
          break;
        }
        default:
          --pos_;
          Fail("unknown escape in a string");
          return out;
      }
    }
  }

  JsonValue ArrayValue(int depth) {
    ++pos_;
    std::vector<JsonValue> items;
    SkipSpace();
    if (Peek() == ']') {
      ++pos_;
      return JsonValue::Array(std::move(items));
    }
    while (error_.empty()) {
      SkipSpace();
      items.push_back(Value(depth + 1));
      SkipSpace();
      if (Peek() == ',') {
        ++pos_;
      } else if (Peek() == ']') {
        ++pos_;
        break;
      } else {
        Fail("expected ',' or ']' in an array");
      }
    }
    return JsonValue::Array(std::move(items));
  }

  JsonValue ObjectValue(int depth) {
    ++pos_;
    std::vector<std::pair<std::string, JsonValue>> members;
    SkipSpace();
    if (Peek() == '}') {
      ++pos_;
      return JsonValue::Object(std::move(members));
    }
    while (error_.empty()) {
      SkipSpace();
      if (Peek() != '"') {
        Fail("expected a string key in an object");
        break;
      }
      const std::size_t key_pos = pos_;
      std::string key = StringValue();
      for (const auto& member : members) {
        if (member.first == key) {
          pos_ = key_pos;
          Fail("duplicate key \"" + key + "\"");
        }
      }
      SkipSpace();
      if (Peek() != ':') {
        Fail("expected ':' after an object key");
        break;
      }
      ++pos_;
      SkipSpace();
      JsonValue value = Value(depth + 1);
      members.emplace_back(std::move(key), std::move(value));
      SkipSpace();
      if (Peek() == ',') {
        ++pos_;
      } else if (Peek() == '}') {
        ++pos_;
        break;
      } else {
        Fail("expected ',' or '}' in an object");
      }
    }
    return JsonValue::Object(std::move(members));
  }

  const std::string& text_;
  std::size_t pos_ = 0;
  std::string error_;
};

}  // namespace

std::variant<JsonValue, std::string> ParseJson(const std::string& text) { return Parser(text).Document(); }

}  // namespace pd
