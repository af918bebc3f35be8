// UTC timestamps as run.db and the saved series write them, and the minutes usage is counted in.
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace modelcompare::telemetry {

using TimePoint = std::chrono::system_clock::time_point;

// "2026-11-27T23:05:50.123Z" (milliseconds optional); nullopt for anything else.
std::optional<TimePoint> parse_utc(const std::string& text);
// "2026-11-27T23:05:50.123Z"
std::string format_utc(TimePoint time);
// "23:05"
std::string format_hh_mm(TimePoint time);
// The start of the UTC minute holding `time`.
TimePoint minute_of(TimePoint time);
// Seconds since the epoch (what charts put on a time axis).
double epoch_seconds(TimePoint time);

}  // namespace modelcompare::telemetry
