// A time written as the tests write it: at("2026-11-27T10:00:20.000Z").
#pragma once

#include <string>

#include "telemetry/utc_minute.hpp"

namespace modelcompare::telemetry {

inline TimePoint at(const std::string& text) {
  return parse_utc(text).value();
}

}  // namespace modelcompare::telemetry
