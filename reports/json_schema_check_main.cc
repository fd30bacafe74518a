// json_schema_check SCHEMA DOCUMENT...: validates each document against the
// schema (the subset json_schema.h implements). Prints one line per problem,
// "DOCUMENT: $.path: what", and exits 0 when every document is valid, 1 when
// one is not, 2 when a file cannot be read or the schema is unusable.
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <variant>

#include "reports/json_schema.h"
#include "reports/json_value.h"

namespace {

bool Read(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << path << ": cannot read: " << std::strerror(errno) << "\n";
    return false;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  out = buffer.str();
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  // Under `bazel run`, paths the user types are relative to where they typed them.
  if (const char* dir = std::getenv("BUILD_WORKING_DIRECTORY"); dir != nullptr && *dir != '\0') {
    if (chdir(dir) != 0) {
      std::cerr << "cannot enter BUILD_WORKING_DIRECTORY " << dir << "\n";
      return 2;
    }
  }
  if (argc < 3) {
    std::cerr << "usage: json_schema_check SCHEMA DOCUMENT...\n";
    return 2;
  }
  std::string text;
  if (!Read(argv[1], text)) return 2;
  auto parsed = pd::ParseJson(text);
  if (auto* error = std::get_if<std::string>(&parsed)) {
    std::cerr << argv[1] << ":" << *error << "\n";
    return 2;
  }
  auto compiled = pd::JsonSchema::Compile(std::get<pd::JsonValue>(parsed));
  if (auto* error = std::get_if<std::string>(&compiled)) {
    std::cerr << argv[1] << ": " << *error << "\n";
    return 2;
  }
  const pd::JsonSchema& schema = std::get<pd::JsonSchema>(compiled);
  int status = 0;
  for (int i = 2; i < argc; ++i) {
    if (!Read(argv[i], text)) return 2;
    auto document = pd::ParseJson(text);
    if (auto* error = std::get_if<std::string>(&document)) {
      std::cout << argv[i] << ":" << *error << "\n";
      status = 1;
      continue;
    }
    for (const std::string& problem : schema.Validate(std::get<pd::JsonValue>(document))) {
      std::cout << argv[i] << ": " << problem << "\n";
      status = 1;
    }
  }
  return status;
}
