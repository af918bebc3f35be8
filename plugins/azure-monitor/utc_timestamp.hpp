// ISO 8601 UTC timestamps as Azure Monitor writes and reads them ("2024-05-01T00:01:00Z").
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace modelcompare::azure_monitor {

using TimePoint = std::chrono::system_clock::time_point;

// "2024-05-01T00:01:00Z" (whole seconds, UTC).
std::string format_utc(TimePoint time);

// "2024-05-01T00:01:00Z", with optional fractional seconds and a "Z" or "+hh:mm"/"-hh:mm" offset;
// nullopt when it is not such a timestamp.
std::optional<TimePoint> parse_utc(std::string_view text);

// The start of the `length`-long bucket (counted from the epoch) that holds `time`.
TimePoint floor_to(TimePoint time, std::chrono::seconds length);

}  // namespace modelcompare::azure_monitor
