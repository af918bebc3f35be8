// Reads one JSON object of a config with type checks, and knows where it is (a JSON pointer), so
// every error names the exact place: "config.json: /providers/1/id: expected a string, found 42".
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace modelcompare::config {

class ObjectReader {
 public:
  // Fails unless `node` is an object.
  ObjectReader(const nlohmann::json& node, std::string pointer, std::filesystem::path file);

  const std::string& pointer() const { return pointer_; }
  std::string child_pointer(const std::string& key) const;
  bool has(const std::string& key) const;

  std::string required_string(const std::string& key);
  std::optional<std::string> optional_string(const std::string& key);
  std::optional<long long> optional_integer(const std::string& key, long long min, long long max);
  std::optional<double> optional_number(const std::string& key, double min, double max);
  // A JSON object (plugin options), returned as it is.
  nlohmann::json optional_object(const std::string& key);
  // An array with at least `min_items` elements; empty when absent and min_items == 0.
  const nlohmann::json& array(const std::string& key, std::size_t min_items);
  std::vector<std::string> optional_string_array(const std::string& key);
  // A nested object (absent: an empty one).
  ObjectReader object(const std::string& key);

  // Every key not read so far is an error (typos must not silently change a run).
  void reject_unknown_keys(const std::vector<std::string>& allowed) const;

  [[noreturn]] void fail(const std::string& pointer, const std::string& message) const;

 private:
  const nlohmann::json& value(const std::string& key) const;

  const nlohmann::json& node_;
  std::string pointer_;
  std::filesystem::path file_;
};

// One JSON-pointer reference token: "~" -> "~0", "/" -> "~1" (RFC 6901).
std::string escape_pointer_token(const std::string& key);

// "a string", "an integer", ... for messages.
std::string describe_type(const nlohmann::json& value);

}  // namespace modelcompare::config
