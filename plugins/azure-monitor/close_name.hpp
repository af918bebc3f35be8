// "Did you mean ...?" for a mistyped option name.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace modelcompare::azure_monitor {

// The known name closest to `word` by edit distance, when it is close enough to be a typo, else
// a known name that `word` begins (a unit suffix left off).
std::optional<std::string> close_name(std::string_view word, const std::vector<std::string>& known);

}  // namespace modelcompare::azure_monitor
