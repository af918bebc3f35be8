#include "close_name.hpp"

#include <algorithm>
#include <cctype>
#include <limits>

namespace modelcompare::azure_monitor {
namespace {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      const bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                        std::tolower(static_cast<unsigned char>(b[j - 1]));
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

std::optional<std::string> close_name(std::string_view word,
                                      const std::vector<std::string>& known) {
  const std::string* best = nullptr;
  std::size_t best_distance = std::numeric_limits<std::size_t>::max();
  for (const auto& name : known) {
    const auto distance = edit_distance(word, name);
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
