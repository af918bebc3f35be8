// A time written as the tests write it: at("2024-05-01T10:03:00Z").
#pragma once

#include "utc_timestamp.hpp"

namespace modelcompare::azure_monitor {

inline TimePoint at(const char* text) {
  return parse_utc(text).value();
}

}  // namespace modelcompare::azure_monitor
