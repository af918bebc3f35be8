#include "sandbox/credential_filter.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace modelcompare::sandbox {

bool looks_like_credential(std::string_view name) {
  std::string upper(name);
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  static constexpr std::array<std::string_view, 6> kWords = {"KEY",      "TOKEN",  "SECRET",
                                                             "PASSWORD", "PASSWD", "CREDENTIAL"};
  for (auto word : kWords)
    if (upper.find(word) != std::string::npos) return true;
  return upper.starts_with("AZURE_") || upper.starts_with("OPENAI_");
}

}  // namespace modelcompare::sandbox
