// A comparison as the config file describes it, validated and with every path resolved.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "modelcompare/sdk/chat.hpp"

namespace modelcompare::config {

// A negotiated or regional price (USD per 1M tokens) that overrides the catalog's list price.
struct PriceConfig {
  std::optional<double> input;
  std::optional<double> cached_input;
  std::optional<double> output;
};

struct ProviderConfig {
  std::string id;
  std::string plugin;
  std::string catalog;
  nlohmann::json options = nlohmann::json::object();
  std::optional<PriceConfig> price;
};

// How the report picks a recommendation: the evaluator whose score counts, the score a model
// must reach, and how to choose among those that reach it.
struct DecisionConfig {
  enum class Prefer { cheapest, fastest, best };
  std::string score;  // an evaluator plugin name
  std::optional<double> min;
  std::optional<Prefer> prefer;
};

// One piece of a user message: text (may hold {{provider}}, {{scenario}} and row variables) or an
// image file.
struct PromptPart {
  enum class Kind { text, image };
  Kind kind = Kind::text;
  std::string text;
  std::filesystem::path image;  // absolute; when image_template is set, filled in per row
  std::string image_template;   // the path as written, when it holds {{...}}; empty otherwise
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

// Where a scenario's rows come from: each row is one case (conversation) of the scenario.
struct DatasetConfig {
  enum class Format { csv, jsonl };
  std::filesystem::path file;  // absolute
  Format format = Format::csv;
  std::string pointer;  // e.g. /scenarios/0/dataset, for messages
};

struct ScenarioConfig {
  std::string id;
  std::string description;
  std::string system;
  int repeat = 1;
  std::vector<TurnConfig> turns;
  std::optional<DatasetConfig> dataset;  // "dataset": a CSV or JSONL file
  std::optional<nlohmann::json> vars;    // "vars": rows given inline (an array of objects)
  bool has_rows() const { return dataset || vars; }
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
  std::optional<DecisionConfig> decision;
  std::filesystem::path output_dir;  // absolute
  // The shared response cache (output.cache); empty: <run folders' parent>/cache.db.
  std::filesystem::path cache_file;
  std::filesystem::path source;    // the config file, absolute
  std::filesystem::path base_dir;  // its folder
  std::string hash;                // SHA-256 of the config as written (before ${VAR} expansion)
  nlohmann::json raw;  // the config as written, for the run store (holds no expanded secrets)
};

}  // namespace modelcompare::config
