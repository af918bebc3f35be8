#include "telemetry/utc_minute.hpp"

#include <cstdio>
#include <ctime>

namespace modelcompare::telemetry {

std::optional<TimePoint> parse_utc(const std::string& text) {
  std::tm tm{};
  int millis = 0, consumed = 0;
  const int fields = std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon,
                                 &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &consumed);
  if (fields != 6) return std::nullopt;
  std::string rest = text.substr(static_cast<std::size_t>(consumed));
  if (!rest.empty() && rest[0] == '.') {
    int digits = 0;
    std::size_t i = 1;
    for (; i < rest.size() && rest[i] >= '0' && rest[i] <= '9'; ++i)
      if (digits < 3) {
        millis = millis * 10 + (rest[i] - '0');
        ++digits;
      }
    if (digits == 0) return std::nullopt;
    for (; digits < 3; ++digits) millis *= 10;
    rest = rest.substr(i);
  }
  if (rest != "Z") return std::nullopt;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return std::chrono::system_clock::from_time_t(timegm(&tm)) + std::chrono::milliseconds(millis);
}

std::string format_utc(TimePoint time) {
  const std::time_t seconds =
      std::chrono::system_clock::to_time_t(std::chrono::floor<std::chrono::seconds>(time));
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count() % 1000;
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(millis < 0 ? millis + 1000 : millis));
  return buffer;
}

std::string format_hh_mm(TimePoint time) {
  const std::time_t seconds =
      std::chrono::system_clock::to_time_t(std::chrono::floor<std::chrono::seconds>(time));
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%02d:%02d", tm.tm_hour, tm.tm_min);
  return buffer;
}

TimePoint minute_of(TimePoint time) {
  return std::chrono::floor<std::chrono::minutes>(time);
}

double epoch_seconds(TimePoint time) {
  return std::chrono::duration<double>(time.time_since_epoch()).count();
}

}  // namespace modelcompare::telemetry
