#include "config/close_match.hpp"

#include <algorithm>
#include <cctype>

#include "modelcompare/sdk/edit_distance.hpp"

namespace modelcompare::config {

std::optional<std::string> close_match(std::string_view word,
                                       const std::vector<std::string>& candidates) {
  std::optional<std::string> best;
  std::size_t best_distance = 0;
  for (const auto& candidate : candidates) {
    const std::size_t distance = sdk::edit_distance(word, candidate);
    if (!best || distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  // A third of the longer word, at least 1 and at most 3 edits, counts as a typo.
  const std::size_t allowed =
      best ? std::clamp<std::size_t>(std::max(word.size(), best->size()) / 3, 1, 3) : 0;
  if (best && best_distance <= allowed) return best;
  return std::nullopt;
}

}  // namespace modelcompare::config
