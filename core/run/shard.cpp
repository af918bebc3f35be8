#include "run/shard.hpp"

#include <charconv>
#include <stdexcept>

namespace modelcompare::run {
namespace {

// The whole of `text` as a positive number, or 0.
std::size_t positive_number(const std::string& text) {
  std::size_t value = 0;
  const auto* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  return error == std::errc() && stop == end ? value : 0;
}

}  // namespace

std::size_t Shard::share_of(std::size_t first, std::size_t n) const {
  // Ours below x: ceil((x - index) / count) for x > index.
  const auto ours_below = [&](std::size_t x) {
    return x > index ? (x - index - 1) / count + 1 : 0;
  };
  return ours_below(first + n) - ours_below(first);
}

std::string Shard::to_string() const {
  return std::to_string(index + 1) + "/" + std::to_string(count);
}

Shard parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  const std::string prefix = "--shard " + text + ": ";
  if (slash == std::string::npos)
    throw std::invalid_argument(prefix + "expected K/N, e.g. 2/4 for the second of four shards");
  const std::size_t k = positive_number(text.substr(0, slash));
  const std::size_t n = positive_number(text.substr(slash + 1));
  if (n == 0) throw std::invalid_argument(prefix + "N must be a whole number of at least 1");
  if (k == 0 || k > n)
    throw std::invalid_argument(prefix + "K must be a whole number between 1 and N (" +
                                std::to_string(n) + ")");
  return Shard{k - 1, n};
}

}  // namespace modelcompare::run
