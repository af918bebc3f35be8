#include "retry_delay.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <ctime>
#include <iomanip>
#include <sstream>
#include <string>

namespace modelcompare::azure_openai {
namespace {

using std::chrono::milliseconds;

std::optional<double> parse_number(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0 || !std::isfinite(value))
    return std::nullopt;
  return value;
}

milliseconds from_ms(double ms) {
  return milliseconds(static_cast<long long>(std::ceil(ms)));
}

}  // namespace

std::optional<milliseconds> parse_reset_duration(std::string_view text) {
  if (auto seconds = parse_number(text)) return from_ms(*seconds * 1000);
  // Go-style durations as OpenAI sends them: "1m30s", "6m0s", "250ms", "1.5s".
  double total_ms = 0;
  std::size_t pos = 0;
  bool any = false;
  while (pos < text.size()) {
    std::size_t digits = pos;
    while (digits < text.size() &&
           (std::isdigit(static_cast<unsigned char>(text[digits])) || text[digits] == '.'))
      ++digits;
    if (digits == pos) return std::nullopt;
    const auto value = parse_number(text.substr(pos, digits - pos));
    if (!value) return std::nullopt;
    std::size_t unit_end = digits;
    while (unit_end < text.size() && std::isalpha(static_cast<unsigned char>(text[unit_end])))
      ++unit_end;
    const auto unit = text.substr(digits, unit_end - digits);
    if (unit == "ms")
      total_ms += *value;
    else if (unit == "s")
      total_ms += *value * 1000;
    else if (unit == "m")
      total_ms += *value * 60'000;
    else if (unit == "h")
      total_ms += *value * 3'600'000;
    else
      return std::nullopt;
    any = true;
    pos = unit_end;
  }
  if (!any) return std::nullopt;
  return from_ms(total_ms);
}

std::optional<std::chrono::system_clock::time_point> parse_http_date(std::string_view text) {
  std::tm tm{};
  std::istringstream in{std::string(text)};
  in.imbue(std::locale::classic());
  in >> std::get_time(&tm, "%a, %d %b %Y %H:%M:%S");
  if (in.fail()) return std::nullopt;
  std::string zone;
  in >> zone;
  if (zone != "GMT" && zone != "UTC") return std::nullopt;
  return std::chrono::system_clock::from_time_t(timegm(&tm));
}

std::optional<milliseconds> server_retry_delay(const sdk::HttpResponse& response,
                                               std::chrono::system_clock::time_point now) {
  for (const char* name : {"retry-after-ms", "x-ms-retry-after-ms"})
    if (auto value = response.header(name))
      if (auto ms = parse_number(*value)) return from_ms(*ms);
  if (auto value = response.header("retry-after")) {
    if (auto seconds = parse_number(*value)) return from_ms(*seconds * 1000);
    if (auto when = parse_http_date(*value))
      return std::max(milliseconds(0), std::chrono::duration_cast<milliseconds>(*when - now));
  }
  for (const char* name : {"x-rate-limit-reset-tokens", "x-ratelimit-reset-tokens"})
    if (auto value = response.header(name))
      if (auto delay = parse_reset_duration(*value)) return delay;
  return std::nullopt;
}

Backoff::Backoff(milliseconds initial, milliseconds cap)
    : initial_(initial), cap_(cap), random_(std::random_device{}()) {}

milliseconds Backoff::delay(int retry) {
  const double base =
      std::min(static_cast<double>(cap_.count()),
               static_cast<double>(initial_.count()) * std::pow(2.0, std::min(retry, 30)));
  std::uniform_real_distribution<double> jitter(0.75, 1.0);
  return milliseconds(static_cast<long long>(base * jitter(random_)));
}

}  // namespace modelcompare::azure_openai
