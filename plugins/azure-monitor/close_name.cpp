#include "close_name.hpp"

#include <algorithm>
#include <cctype>
#include <limits>

#include "modelcompare/sdk/edit_distance.hpp"

namespace modelcompare::azure_monitor {

std::optional<std::string> close_name(std::string_view word,
                                      const std::vector<std::string>& known) {
  const std::string* best = nullptr;
  std::size_t best_distance = std::numeric_limits<std::size_t>::max();
  for (const auto& name : known) {
    const auto distance = sdk::edit_distance(word, name);
    if (distance < best_distance) {
      best_distance = distance;
      best = &name;
    }
  }
  if (best && best_distance <= std::max<std::size_t>(2, word.size() / 3)) return *best;
  // A name with its unit left off ("poll_interval" for "poll_interval_seconds").
  if (word.size() >= 4)
    for (const auto& name : known)
      if (name.size() > word.size() && name.compare(0, word.size(), word) == 0) return name;
  return std::nullopt;
}

}  // namespace modelcompare::azure_monitor
