#include "report/number_text.hpp"

#include <cstdio>

namespace modelcompare::report {

std::string format_number(const char* pattern, double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, pattern, value);
  return buffer;
}

std::string number_text(const nlohmann::json& value, const char* pattern) {
  return value.is_number() ? format_number(pattern, value.get<double>()) : "–";
}

std::string money_text(const nlohmann::json& value) {
  if (!value.is_number()) return "–";
  const double usd = value.get<double>();
  return format_number(usd >= 1 ? "$%.2f" : usd >= 0.01 ? "$%.4f" : "$%.6f", usd);
}

}  // namespace modelcompare::report
