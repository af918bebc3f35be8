// Reading a string out of Azure's JSON answers, which leave fields out or null as they please.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace modelcompare::azure_monitor {

// The string at `key` of `object`; empty when `object` is no object or the field is missing or
// not a string.
inline std::string text_field(const nlohmann::json& object, const char* key) {
  if (object.is_object() && object.contains(key) && object[key].is_string())
    return object[key].get<std::string>();
  return {};
}

}  // namespace modelcompare::azure_monitor
