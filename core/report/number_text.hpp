// How report.md and report.html show numbers: one printf pattern per figure, and "–" where the
// summary has none (null, or not a number).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace modelcompare::report {

// `value` with a printf pattern for one double, e.g. "%.2f" or "%+.3f".
std::string format_number(const char* pattern, double value);

// A JSON number with `pattern`, or "–".
std::string number_text(const nlohmann::json& value, const char* pattern = "%.0f");

// US dollars: 2 decimals from $1, 4 from a cent, else 6 (a case often costs a fraction of a cent).
std::string money_text(const nlohmann::json& value);

}  // namespace modelcompare::report
