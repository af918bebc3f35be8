#include "check_kind.hpp"

#include <array>

#include "modelcompare/sdk/edit_distance.hpp"
#include "modelcompare/sdk/plugin.hpp"

namespace modelcompare::text_checks {
namespace {

constexpr std::array kAll = {CheckKind::contains,    CheckKind::icontains,   CheckKind::regex,
                             CheckKind::equals,      CheckKind::starts_with, CheckKind::is_json,
                             CheckKind::json_schema, CheckKind::max_length};

}  // namespace

const char* to_string(CheckKind kind) {
  switch (kind) {
    case CheckKind::contains: return "contains";
    case CheckKind::icontains: return "icontains";
    case CheckKind::regex: return "regex";
    case CheckKind::equals: return "equals";
    case CheckKind::starts_with: return "starts-with";
    case CheckKind::is_json: return "is-json";
    case CheckKind::json_schema: return "json-schema";
    case CheckKind::max_length: return "max-length";
  }
  return "unknown";
}

CheckKind parse_check_kind(std::string_view name, const std::string& where) {
  std::string known, closest;
  std::size_t best = 3;  // suggest only names within two edits
  for (const auto kind : kAll) {
    const std::string candidate = to_string(kind);
    if (candidate == name) return kind;
    if (!known.empty()) known += ", ";
    known += candidate;
    if (const auto distance = sdk::edit_distance(name, candidate); distance < best) {
      best = distance;
      closest = candidate;
    }
  }
  std::string message = where + " '" + std::string(name) + "' is not a check";
  if (!closest.empty()) message += " (did you mean '" + closest + "'?)";
  throw sdk::PluginError(message + "; known: " + known);
}

}  // namespace modelcompare::text_checks
