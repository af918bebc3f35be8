#include "config/config_loader.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include "config/dotenv.hpp"
#include "config/env_expander.hpp"
#include "config/json_reader.hpp"
#include "config/sha256.hpp"

namespace modelcompare::config {
namespace {

namespace fs = std::filesystem;

std::string read_whole(const fs::path& file) {
  std::error_code ec;
  if (!fs::exists(file, ec)) throw config_error(file, "", "no such file");
  if (fs::is_directory(file, ec)) throw config_error(file, "", "is a folder, not a config file");
  std::ifstream in(file, std::ios::binary);
  if (!in) throw config_error(file, "", "cannot be read (permission denied?)");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// nlohmann reports a byte offset; people want line and column.
std::string line_and_column(const std::string& text, std::size_t byte) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i + 1 < byte && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return std::to_string(line) + ":" + std::to_string(column);
}

// Deeper than any config needs, and shallow enough that copying the value (recursive in
// nlohmann::json) cannot run out of stack: 10,000 nested arrays did, under ASan.
constexpr int kMaxNesting = 100;
struct TooDeep {};

nlohmann::json parse_json(const fs::path& file, const std::string& text) {
  try {
    return nlohmann::json::parse(text,
                                 [](int depth, nlohmann::json::parse_event_t, nlohmann::json&) {
                                   if (depth > kMaxNesting) throw TooDeep{};
                                   return true;
                                 });
  } catch (const TooDeep&) {
    throw ConfigError(file.string() + ": not valid JSON: nested deeper than " +
                      std::to_string(kMaxNesting) + " levels");
  } catch (const nlohmann::json::parse_error& e) {
    std::string reason = e.what();
    // "[json.exception.parse_error.101] parse error at line 3, column 5: syntax error while
    // parsing object - ..." -> keep the part after the location.
    if (const auto colon = reason.find(": "); colon != std::string::npos)
      reason = reason.substr(colon + 2);
    throw ConfigError(file.string() + ":" + line_and_column(text, e.byte) +
                      ": not valid JSON: " + reason);
  } catch (const nlohmann::json::out_of_range& e) {
    // A number beyond a double's range (1e400) is refused by the parser as out_of_range.406.
    std::string reason = e.what();
    if (const auto bracket = reason.find("] "); bracket != std::string::npos)
      reason = reason.substr(bracket + 2);
    throw ConfigError(file.string() + ": not valid JSON: " + reason);
  }
}

void check_id(ObjectReader& reader, const std::string& key, const std::string& id) {
  const bool ok = std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
  });
  if (!ok)
    reader.fail(reader.child_pointer(key),
                "\"" + id + "\" may only use letters, digits, '-', '_' and '.'");
}

void check_readable_file(ObjectReader& reader, const std::string& pointer, const fs::path& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) reader.fail(pointer, "file not found: " + path.string());
  if (!fs::is_regular_file(path, ec)) reader.fail(pointer, "not a file: " + path.string());
  std::ifstream in(path, std::ios::binary);
  if (!in) reader.fail(pointer, "cannot read " + path.string() + " (permission denied?)");
}

void read_generation_params(ObjectReader& reader, sdk::GenerationParams& params) {
  if (auto v = reader.optional_integer("max_tokens", 1, 1'000'000)) params.max_tokens = int(*v);
  if (auto v = reader.optional_number("temperature", 0, 2)) params.temperature = *v;
  if (auto v = reader.optional_number("top_p", 0, 1)) params.top_p = *v;
  if (auto v = reader.optional_integer("seed", INT64_MIN, INT64_MAX)) params.seed = *v;
  if (reader.has("stop")) params.stop = reader.optional_string_array("stop");
}

fs::path resolve_path(const fs::path& base_dir, const std::string& written) {
  const fs::path path(written);
  return path.is_absolute() ? path : (base_dir / path).lexically_normal();
}

std::string lower_extension(const fs::path& file) {
  std::string ext = file.extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

// "dataset" (a CSV or JSONL file) or "vars" (rows inline); the rows themselves are read later,
// streaming, by core/dataset.
void read_rows_source(ObjectReader& reader, const fs::path& base_dir, ScenarioConfig& scenario) {
  if (reader.has("dataset") && reader.has("vars"))
    reader.fail(reader.pointer(), "give either \"dataset\" or \"vars\", not both");
  if (reader.has("dataset")) {
    const std::string pointer = reader.child_pointer("dataset");
    const auto written = reader.required_string("dataset");
    if (written.empty()) reader.fail(pointer, "must name a CSV or JSONL file");
    DatasetConfig dataset;
    dataset.file = resolve_path(base_dir, written);
    dataset.pointer = pointer;
    const auto ext = lower_extension(dataset.file);
    if (ext == ".csv")
      dataset.format = DatasetConfig::Format::csv;
    else if (ext == ".jsonl" || ext == ".ndjson")
      dataset.format = DatasetConfig::Format::jsonl;
    else
      reader.fail(pointer, "\"" + written + "\": a dataset is a .csv or .jsonl file");
    std::error_code ec;
    if (!fs::exists(dataset.file, ec))
      reader.fail(pointer, "dataset not found: " + dataset.file.string());
    check_readable_file(reader, pointer, dataset.file);
    scenario.dataset = dataset;
  }
  if (reader.has("vars")) {
    const auto& rows = reader.array("vars", 1);
    for (std::size_t i = 0; i < rows.size(); ++i)
      if (!rows[i].is_object())
        reader.fail(reader.child_pointer("vars") + "/" + std::to_string(i),
                    "expected an object (one row of variables), found " + describe_type(rows[i]));
    scenario.vars = rows;
  }
}

const std::vector<std::string> kGenerationKeys = {"max_tokens", "temperature", "top_p", "seed",
                                                  "stop"};

std::vector<std::string> with(std::vector<std::string> keys, std::vector<std::string> more) {
  keys.insert(keys.end(), more.begin(), more.end());
  return keys;
}

}  // namespace

bool looks_secret(const std::string& name) {
  std::string upper;
  for (char c : name) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (const char* word : {"KEY", "TOKEN", "SECRET", "PASSWORD", "PASSWD", "CREDENTIAL"})
    if (upper.find(word) != std::string::npos) return true;
  return false;
}

Config load_config(const fs::path& file_in, const LoadOptions& options) {
  const fs::path file = fs::absolute(file_in).lexically_normal();
  const std::string text = read_whole(file);
  const nlohmann::json raw = parse_json(file, text);

  Config config;
  config.source = file;
  config.base_dir = file.parent_path();
  config.raw = raw;
  config.hash = sha256_hex(raw.dump());

  const auto dotenv = read_dotenv(config.base_dir / ".env");
  EnvExpander expander([&](const std::string& name) -> std::optional<std::string> {
    if (options.environment) {
      if (auto v = options.environment(name)) return v;
    } else if (const char* v = std::getenv(name.c_str())) {
      return std::string(v);
    }
    if (auto it = dotenv.find(name); it != dotenv.end()) return it->second;
    return std::nullopt;
  });
  const nlohmann::json doc = expander.expand(
      raw,
      [&](const std::string& pointer, const std::string& message) {
        throw config_error(file, pointer, message);
      },
      [&](const std::string& name, const std::string& value) {
        if (options.on_secret && looks_secret(name)) options.on_secret(value);
      });

  ObjectReader root(doc, "", file);
  root.reject_unknown_keys({"name", "description", "providers", "defaults", "scenarios", "metrics",
                            "decision", "output"});
  config.name = root.required_string("name");
  check_id(root, "name", config.name);
  config.description = root.optional_string("description").value_or("");

  // defaults
  ObjectReader defaults = root.object("defaults");
  defaults.reject_unknown_keys(with(kGenerationKeys, {"repeat", "system"}));
  sdk::GenerationParams default_params;
  read_generation_params(defaults, default_params);
  const int default_repeat = int(defaults.optional_integer("repeat", 1, 100'000).value_or(1));
  const std::string default_system = defaults.optional_string("system").value_or("");

  // providers
  const auto& providers = root.array("providers", 1);
  std::set<std::string> provider_ids;
  for (std::size_t i = 0; i < providers.size(); ++i) {
    ObjectReader reader(providers[i], "/providers/" + std::to_string(i), file);
    reader.reject_unknown_keys({"id", "plugin", "catalog", "options", "price"});
    ProviderConfig provider;
    provider.id = reader.required_string("id");
    check_id(reader, "id", provider.id);
    if (!provider_ids.insert(provider.id).second)
      reader.fail(reader.child_pointer("id"), "duplicate provider id \"" + provider.id + "\"");
    provider.plugin = reader.required_string("plugin");
    provider.catalog = reader.optional_string("catalog").value_or("");
    provider.options = reader.optional_object("options");
    if (reader.has("price")) {
      ObjectReader price = reader.object("price");
      price.reject_unknown_keys({"input", "cached_input", "output"});
      PriceConfig value;
      value.input = price.optional_number("input", 0, 1e6);
      value.cached_input = price.optional_number("cached_input", 0, 1e6);
      value.output = price.optional_number("output", 0, 1e6);
      provider.price = value;
    }
    config.providers.push_back(std::move(provider));
  }

  // scenarios
  const auto& scenarios = root.array("scenarios", 1);
  std::set<std::string> scenario_ids;
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    ObjectReader reader(scenarios[i], "/scenarios/" + std::to_string(i), file);
    reader.reject_unknown_keys(
        {"id", "description", "system", "repeat", "turns", "dataset", "vars"});
    ScenarioConfig scenario;
    scenario.id = reader.required_string("id");
    check_id(reader, "id", scenario.id);
    if (!scenario_ids.insert(scenario.id).second)
      reader.fail(reader.child_pointer("id"), "duplicate scenario id \"" + scenario.id + "\"");
    scenario.description = reader.optional_string("description").value_or("");
    scenario.system = reader.optional_string("system").value_or(default_system);
    scenario.repeat = int(reader.optional_integer("repeat", 1, 100'000).value_or(default_repeat));
    read_rows_source(reader, config.base_dir, scenario);
    const auto& turns = reader.array("turns", 1);
    for (std::size_t t = 0; t < turns.size(); ++t) {
      ObjectReader turn_reader(turns[t], reader.child_pointer("turns") + "/" + std::to_string(t),
                               file);
      TurnConfig turn;
      turn_reader.reject_unknown_keys({"user", "evaluators", "params"});
      const auto& parts = turn_reader.array("user", 1);
      for (std::size_t p = 0; p < parts.size(); ++p) {
        ObjectReader part_reader(parts[p],
                                 turn_reader.child_pointer("user") + "/" + std::to_string(p), file);
        part_reader.reject_unknown_keys({"text", "image"});
        PromptPart part;
        const bool has_text = part_reader.has("text"), has_image = part_reader.has("image");
        if (has_text == has_image)
          part_reader.fail(part_reader.pointer(),
                           "a message part needs exactly one of \"text\" or \"image\"");
        if (has_text) {
          part.text = *part_reader.optional_string("text");
        } else {
          part.kind = PromptPart::Kind::image;
          const auto path = part_reader.required_string("image");
          part.image = resolve_path(config.base_dir, path);
          if (path.find("{{") != std::string::npos)
            part.image_template = path;  // checked row by row, once the rows are read
          else
            check_readable_file(part_reader, part_reader.child_pointer("image"), part.image);
        }
        turn.user.push_back(std::move(part));
      }
      const auto& evaluators = turn_reader.array("evaluators", 0);
      for (std::size_t e = 0; e < evaluators.size(); ++e) {
        const std::string pointer =
            turn_reader.child_pointer("evaluators") + "/" + std::to_string(e);
        ObjectReader eval_reader(evaluators[e], pointer, file);
        eval_reader.reject_unknown_keys({"plugin", "options"});
        EvaluatorConfig evaluator;
        evaluator.plugin = eval_reader.required_string("plugin");
        evaluator.options = eval_reader.optional_object("options");
        evaluator.pointer = pointer;
        turn.evaluators.push_back(std::move(evaluator));
      }
      turn.params = default_params;
      ObjectReader params = turn_reader.object("params");
      params.reject_unknown_keys(kGenerationKeys);
      read_generation_params(params, turn.params);
      scenario.turns.push_back(std::move(turn));
    }
    config.scenarios.push_back(std::move(scenario));
  }

  // metrics
  const auto& metrics = root.array("metrics", 0);
  for (std::size_t i = 0; i < metrics.size(); ++i) {
    ObjectReader reader(metrics[i], "/metrics/" + std::to_string(i), file);
    reader.reject_unknown_keys({"plugin", "options"});
    MetricsConfig metric;
    metric.plugin = reader.required_string("plugin");
    metric.options = reader.optional_object("options");
    config.metrics.push_back(std::move(metric));
  }

  if (root.has("decision")) {
    ObjectReader decision = root.object("decision");
    decision.reject_unknown_keys({"score", "min", "prefer"});
    DecisionConfig value;
    value.score = decision.required_string("score");
    if (value.score.empty())
      decision.fail(decision.child_pointer("score"), "must name an evaluator plugin");
    value.min = decision.optional_number("min", 0, 1);
    if (auto prefer = decision.optional_string("prefer")) {
      if (*prefer == "cheapest")
        value.prefer = DecisionConfig::Prefer::cheapest;
      else if (*prefer == "fastest")
        value.prefer = DecisionConfig::Prefer::fastest;
      else if (*prefer == "best")
        value.prefer = DecisionConfig::Prefer::best;
      else
        decision.fail(decision.child_pointer("prefer"),
                      "must be \"cheapest\", \"fastest\" or \"best\", found \"" + *prefer + "\"");
    }
    config.decision = value;
  }

  ObjectReader output = root.object("output");
  output.reject_unknown_keys({"dir", "cache"});
  config.output_dir = resolve_path(config.base_dir, output.optional_string("dir").value_or("runs"));
  if (auto cache = output.optional_string("cache")) {
    if (cache->empty()) output.fail(output.child_pointer("cache"), "must name a file");
    config.cache_file = resolve_path(config.base_dir, *cache);
  }

  return config;
}

}  // namespace modelcompare::config
