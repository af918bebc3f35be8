// A comparison as the config file describes it, validated and with every path resolved.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "modelcompare/sdk/chat.hpp"

namespace modelcompare::config {

struct ProviderConfig {
  std::string id;
  std::string plugin;
  std::string catalog;
  nlohmann::json options = nlohmann::json::object();
};

// One piece of a user message: text (may hold {{provider}} / {{scenario}}) or an image file.
struct PromptPart {
  enum class Kind { text, image };
  Kind kind = Kind::text;
  std::string text;
  std::filesystem::path image;  // absolute
};

struct EvaluatorConfig {
  std::string plugin;
  nlohmann::json options = nlohmann::json::object();
  std::string pointer;  // where it sits in the config, e.g. /scenarios/0/turns/1/evaluators/0
};

struct TurnConfig {
  std::vector<PromptPart> user;
  std::vector<EvaluatorConfig> evaluators;
  sdk::GenerationParams params;  // defaults merged with the turn's own
};

struct ScenarioConfig {
  std::string id;
  std::string description;
  std::string system;
  int repeat = 1;
  std::vector<TurnConfig> turns;
};

struct MetricsConfig {
  std::string plugin;
  nlohmann::json options = nlohmann::json::object();
};

struct Config {
  std::string name;
  std::string description;
  std::vector<ProviderConfig> providers;
  std::vector<ScenarioConfig> scenarios;
  std::vector<MetricsConfig> metrics;
  std::filesystem::path output_dir;  // absolute
  std::filesystem::path source;      // the config file, absolute
  std::filesystem::path base_dir;    // its folder
  std::string hash;                  // SHA-256 of the config as written (before ${VAR} expansion)
  nlohmann::json raw;  // the config as written, for the run store (holds no expanded secrets)
};

}  // namespace modelcompare::config
