// The checks text-checks knows, by the names configs use.
#pragma once

#include <string>
#include <string_view>

namespace modelcompare::text_checks {

enum class CheckKind {
  contains,
  icontains,
  regex,
  equals,
  starts_with,
  is_json,
  json_schema,
  max_length,
};

const char* to_string(CheckKind kind);

// Throws sdk::PluginError naming `where` for an unknown name: "... 'regx' is not a check (did you
// mean 'regex'?); known: contains, icontains, ...".
CheckKind parse_check_kind(std::string_view name, const std::string& where);

}  // namespace modelcompare::text_checks
