// One check of the `checks` option: what it looks for, parsed and validated once, and how an
// answer fares against it.
#pragma once

#include <boost/regex.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "check_kind.hpp"
#include "json_schema_check.hpp"
#include "modelcompare/sdk/plugin.hpp"

namespace modelcompare::text_checks {

struct TextCheck {
  CheckKind kind = CheckKind::contains;
  std::string where;  // "text-checks: checks[2]", for messages
  double weight = 1.0;
  bool ignore_case = false;              // regex
  std::string value;                     // contains, icontains, equals, starts-with; regex pattern
  std::optional<boost::regex> compiled;  // regex without {{variables}}, compiled once
  std::optional<JsonSchema> schema;      // json-schema
  std::string schema_path;               // json-schema, as written
  std::size_t max = 0;                   // max-length, in characters (code points)

  // The check as details show it, e.g. {"check": "regex", "pattern": "^def \\w+", "weight": 1}.
  nlohmann::json describe() const;
};

struct CheckOutcome {
  bool passed = false;
  std::string finding;  // what was looked for and where it failed; empty when passed
};

// Parses element `index` of `checks`. Throws sdk::PluginError, one line naming the check: an
// unknown check name (with a did-you-mean), a missing or ill-typed value, an invalid regex, a
// schema file that is not a schema, an unknown key.
TextCheck parse_text_check(const nlohmann::json& spec, std::size_t index,
                           const sdk::PluginContext& context);

// Runs one check on one answer; `vars` fill {{name}} in values and patterns. Throws
// sdk::PluginError only when a templated pattern renders to an invalid regex.
CheckOutcome run_text_check(const TextCheck& check, const std::string& answer,
                            const nlohmann::json& vars);

}  // namespace modelcompare::text_checks
