// Expands ${NAME} and ${NAME:-default} in every string of a JSON document.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace modelcompare::config {

using VariableLookup = std::function<std::optional<std::string>(const std::string& name)>;

class EnvExpander {
 public:
  explicit EnvExpander(VariableLookup lookup) : lookup_(std::move(lookup)) {}

  // Throws ConfigError-style messages through `fail(pointer, message)`; returns the expanded copy.
  // `on_expanded(name, value)` is told about every variable used (secrets get masked by it).
  nlohmann::json expand(
      const nlohmann::json& document,
      const std::function<void(const std::string& pointer, const std::string& message)>& fail,
      const std::function<void(const std::string& name, const std::string& value)>& on_expanded)
      const;

  // Expands one string; `error` is set (and the result meaningless) when a variable is unset.
  std::string expand_string(
      const std::string& text, std::string& error,
      const std::function<void(const std::string&, const std::string&)>& on_expanded) const;

 private:
  VariableLookup lookup_;
};

}  // namespace modelcompare::config
