#include "reports/json_layout.h"

namespace pd {
namespace {

using Json = nlohmann::ordered_json;

// Strings are written as UTF-8 as they are; bytes that are not valid UTF-8
// become U+FFFD rather than failing the whole report.
std::string Scalar(const Json& value) { return value.dump(-1, ' ', false, Json::error_handler_t::replace); }

class Layout {
 public:
  Layout(const std::set<std::string>& one_line_values, const std::set<std::string>& one_line_items)
      : one_line_values_(one_line_values), one_line_items_(one_line_items) {}

  // `one_line`: this container and everything inside it on one line.
  void Write(std::string& out, const Json& value, int indent, bool one_line) const {
    if (!value.is_structured()) {
      out += Scalar(value);
      return;
    }
    const bool object = value.is_object();
    if (value.empty()) {
      out += object ? "{}" : "[]";
      return;
    }
    out += object ? "{" : "[";
    bool first = true;
    for (auto it = value.begin(); it != value.end(); ++it) {
      if (one_line) {
        out += first ? "" : ", ";
      } else {
        out += first ? "\n" : ",\n";
        out.append(static_cast<std::size_t>(indent + 2), ' ');
      }
      first = false;
      bool child_one_line = one_line;
      if (object) {
        out += Scalar(Json(it.key())) + ": ";
        child_one_line = child_one_line || one_line_values_.count(it.key()) > 0;
        if (it->is_array() && one_line_items_.count(it.key()) > 0 && !child_one_line) {
          WriteItemsOneLine(out, *it, indent + 2);
          continue;
        }
      }
      Write(out, *it, indent + 2, child_one_line);
    }
    if (!one_line) {
      out += "\n";
      out.append(static_cast<std::size_t>(indent), ' ');
    }
    out += object ? "}" : "]";
  }

 private:
  void WriteItemsOneLine(std::string& out, const Json& array, int indent) const {
    if (array.empty()) {
      out += "[]";
      return;
    }
    out += "[";
    for (std::size_t i = 0; i < array.size(); ++i) {
      out += i == 0 ? "\n" : ",\n";
      out.append(static_cast<std::size_t>(indent + 2), ' ');
      Write(out, array[i], indent + 2, true);
    }
    out += "\n";
    out.append(static_cast<std::size_t>(indent), ' ');
    out += "]";
  }

  const std::set<std::string>& one_line_values_;
  const std::set<std::string>& one_line_items_;
};

}  // namespace

std::string LayOutJson(const Json& document, const std::set<std::string>& one_line_values,
                       const std::set<std::string>& one_line_items) {
  std::string out;
  Layout(one_line_values, one_line_items).Write(out, document, 0, false);
  out += "\n";
  return out;
}

}  // namespace pd
