// UTC timestamps as the run folder and the store write them.
#pragma once

#include <chrono>
#include <string>

namespace modelcompare::run {

// "2026-11-27T23:05:50.123Z"
std::string iso_utc(std::chrono::system_clock::time_point t);
// "20261127T230550Z", for folder names.
std::string compact_utc(std::chrono::system_clock::time_point t);
// Parses iso_utc's format back; throws std::invalid_argument on anything else.
std::chrono::system_clock::time_point parse_iso_utc(const std::string& text);

}  // namespace modelcompare::run
