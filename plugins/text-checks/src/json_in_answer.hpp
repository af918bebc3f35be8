// Where the JSON of an answer is: the whole answer, or else its first fenced ```json block
// (models wrap JSON in prose and fences even when told not to).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace modelcompare::text_checks {

struct JsonInAnswer {
  std::optional<nlohmann::json> value;  // set when JSON was found and parsed
  std::string source;                   // "the answer" or "the ```json block at line 3"
  std::string problem;                  // when !value: why, in one line
};

JsonInAnswer find_json_in_answer(std::string_view answer);

// nlohmann's parse message without its "[json.exception.parse_error.101] " prefix.
std::string parse_error_text(const std::exception& error);

// `text` without the white space at either end.
std::string_view trim_space(std::string_view text);

}  // namespace modelcompare::text_checks
