#include "mock/case_draw.hpp"

#include <string>

namespace modelcompare::mock {
namespace {

// FNV-1a: stable across platforms and library versions, unlike std::hash.
class Fnv1a {
 public:
  void add(std::string_view bytes) {
    for (unsigned char c : bytes) {
      hash_ ^= c;
      hash_ *= 0x100000001b3ULL;
    }
    // A separator, so ("ab", "c") and ("a", "bc") differ.
    hash_ ^= 0xff;
    hash_ *= 0x100000001b3ULL;
  }
  void add(std::uint64_t value) { add(std::to_string(value)); }
  std::uint64_t value() const { return hash_; }

 private:
  std::uint64_t hash_ = 0xcbf29ce484222325ULL;
};

// splitmix64's finaliser spreads FNV's weak low bits over the whole word.
std::uint64_t mix(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace

double case_draw(std::uint64_t seed, const sdk::ChatRequest& request, std::string_view purpose) {
  Fnv1a hash;
  hash.add(seed);
  hash.add(purpose);
  hash.add(request.provider_id);
  hash.add(request.scenario_id);
  hash.add(request.case_key);
  hash.add(static_cast<std::uint64_t>(request.turn));
  hash.add(static_cast<std::uint64_t>(request.repeat));
  return static_cast<double>(mix(hash.value()) >> 11) * 0x1.0p-53;
}

}  // namespace modelcompare::mock
