// Masks secrets (API keys, bearer tokens) in any text before it is logged, stored or shown.
#pragma once

#include <mutex>
#include <set>
#include <string>
#include <string_view>

namespace modelcompare::plugins {

class SecretRedactor {
 public:
  static constexpr std::string_view kMask = "***";

  // Values shorter than 4 characters are not masked (they would mask ordinary text).
  void add(std::string_view secret);
  // Known secrets replaced by ***, and anything after "Bearer " or "api-key: " as well.
  std::string redact(std::string_view text) const;
  bool empty() const;

 private:
  mutable std::mutex mutex_;
  std::set<std::string, std::greater<>> secrets_;  // longest-first among shared prefixes
};

// The process-wide redactor every log sink and writer goes through.
SecretRedactor& global_redactor();

}  // namespace modelcompare::plugins
