// A JSON Schema file, loaded and checked once, that answers are validated against (draft 7, by
// Debian's valijson). Only references inside the file ("#/definitions/...") are followed.
#pragma once

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace valijson {
class Schema;
}

namespace modelcompare::text_checks {

class JsonSchema {
 public:
  // Throws sdk::PluginError "<where> <path> is not a JSON Schema: <why>" for a missing file, a
  // file that is not JSON, or JSON that is not a schema (an array, an object without a single
  // schema keyword, a bad keyword value, a reference outside the file or in a loop).
  static JsonSchema load(const std::filesystem::path& file, const std::string& shown_path,
                         const std::string& where);

  // Empty when `document` is valid; else one line per violation, most specific first, e.g.
  // "/items/0/price: expected number, got string" (at most `limit`, then "... and N more").
  std::vector<std::string> violations(const nlohmann::json& document, std::size_t limit = 5) const;

 private:
  nlohmann::json source_;
  std::shared_ptr<const valijson::Schema> compiled_;  // read-only after load: shared by threads
};

}  // namespace modelcompare::text_checks
