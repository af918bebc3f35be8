// One deterministic slice of a run (`run --shard K/N`), so that N machines can share a comparison
// and `merge` can join their run folders. The unit is a conversation: its turns depend on each
// other, so they stay on one shard. Each provider's conversations are dealt round-robin in plan
// order (scenario, row, repeat), so every shard gets an even share of every provider and, for
// the same config, the same conversations every time.
#pragma once

#include <cstddef>
#include <string>

namespace modelcompare::run {

struct Shard {
  std::size_t index = 0;  // 0-based; printed and parsed 1-based, as K
  std::size_t count = 1;  // N

  // Whether the conversation at `ordinal` (its position in its provider's plan order) is ours.
  bool holds(std::size_t ordinal) const { return ordinal % count == index; }
  // How many of the ordinals [first, first + n) are ours.
  std::size_t share_of(std::size_t first, std::size_t n) const;

  std::string to_string() const;  // "K/N"
  bool operator==(const Shard&) const = default;
};

// Parses "K/N" with 1 <= K <= N. Throws std::invalid_argument with the line to show, e.g.
// "--shard 5/4: K must be between 1 and N (4)".
Shard parse_shard(const std::string& text);

}  // namespace modelcompare::run
