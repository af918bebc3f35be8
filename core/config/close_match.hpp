// "Did you mean ...?" for typos in keys and names.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace modelcompare::config {

// The candidate nearest to `word` by edit distance, if it is near enough to be a likely typo.
std::optional<std::string> close_match(std::string_view word,
                                       const std::vector<std::string>& candidates);

}  // namespace modelcompare::config
