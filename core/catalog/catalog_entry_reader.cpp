#include "catalog/catalog_entry_reader.hpp"

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>

#include "config/close_match.hpp"
#include "config/config_error.hpp"
#include "config/json_reader.hpp"

namespace modelcompare::catalog {
namespace {

using config::ObjectReader;

const std::vector<std::string> kModalities = {"text", "image", "audio", "video"};

std::string line_and_column(const std::string& text, std::size_t byte) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < std::min(byte, text.size()); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return std::to_string(line) + ":" + std::to_string(column);
}

// A figure that must be present: a number in [min, max], or null when unknown. Returns whether it
// was null through `was_null` so the caller can demand a note.
std::optional<double> nullable_number(ObjectReader& reader, const nlohmann::json& node,
                                      const std::string& key, double min, double max,
                                      bool& was_null) {
  if (!reader.has(key))
    reader.fail(reader.pointer(), "missing required key \"" + key +
                                      "\" (write null when the figure is unknown, and say why "
                                      "in \"notes\")");
  was_null = node.at(key).is_null();
  if (was_null) return std::nullopt;
  return reader.optional_number(key, min, max);
}

void require_date(ObjectReader& reader, const std::string& key) {
  const std::string date = reader.required_string(key);
  static const std::regex iso(R"(\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))");
  if (!std::regex_match(date, iso))
    reader.fail(reader.child_pointer(key), "expected a date as YYYY-MM-DD, found \"" + date + "\"");
}

void require_url(ObjectReader& reader, const std::string& pointer, const std::string& url) {
  if (url.rfind("https://", 0) != 0 && url.rfind("http://", 0) != 0)
    reader.fail(pointer, "expected an http(s) URL, found \"" + url + "\"");
}

// Every null figure needs a reason: the section's notes or the entry's notes.
void require_reason(ObjectReader& reader, const std::vector<std::string>& null_keys,
                    const std::string& section_notes, const std::string& entry_notes) {
  if (null_keys.empty() || !section_notes.empty() || !entry_notes.empty()) return;
  reader.fail(
      reader.child_pointer(null_keys.front()),
      "is null but no \"notes\" say why (write the reason in " + reader.pointer() + "/notes)");
}

PriceSheet read_prices(ObjectReader reader, const nlohmann::json& node,
                       const std::string& entry_notes) {
  PriceSheet prices;
  std::vector<std::string> nulls;
  bool was_null = false;
  const auto figure = [&](const std::string& key) {
    auto value = nullable_number(reader, node, key, 0, 10'000, was_null);
    if (was_null) nulls.push_back(key);
    return value;
  };
  prices.input_per_1m = figure("input_per_1m");
  prices.cached_input_per_1m = figure("cached_input_per_1m");
  prices.output_per_1m = figure("output_per_1m");
  prices.notes = reader.optional_string("notes").value_or("");
  const bool any_figure = prices.input_per_1m || prices.cached_input_per_1m || prices.output_per_1m;
  prices.sources = reader.optional_string_array("sources");
  if (any_figure && prices.sources.empty())
    reader.fail(reader.pointer(),
                "missing required key \"sources\" (the URLs the prices were "
                "checked against)");
  for (std::size_t i = 0; i < prices.sources.size(); ++i)
    require_url(reader, reader.child_pointer("sources") + "/" + std::to_string(i),
                prices.sources[i]);
  if (any_figure || reader.has("checked")) {
    require_date(reader, "checked");
    prices.checked = *reader.optional_string("checked");
  }
  if (prices.cached_input_per_1m && prices.input_per_1m &&
      *prices.cached_input_per_1m > *prices.input_per_1m)
    reader.fail(reader.child_pointer("cached_input_per_1m"),
                "a cached input price above the input price is surely a typo");
  require_reason(reader, nulls, prices.notes, entry_notes);
  reader.reject_unknown_keys(
      {"input_per_1m", "cached_input_per_1m", "output_per_1m", "sources", "checked", "notes"});
  return prices;
}

BenchmarkScores read_benchmarks(ObjectReader reader, const nlohmann::json& node,
                                const std::string& entry_notes) {
  BenchmarkScores scores;
  std::vector<std::string> nulls;
  bool was_null = false, any_figure = false;
  for (Benchmark b : kAccuracyBenchmarks) {
    const std::string key(benchmark_key(b));
    auto value = nullable_number(reader, node, key, 0, 100, was_null);
    if (was_null) nulls.push_back(key);
    any_figure = any_figure || value.has_value();
    switch (b) {
      case Benchmark::mmlu: scores.mmlu = value; break;
      case Benchmark::gpqa: scores.gpqa = value; break;
      case Benchmark::math: scores.math = value; break;
      case Benchmark::humaneval: scores.humaneval = value; break;
    }
  }
  scores.notes = reader.optional_string("notes").value_or("");
  if (any_figure || reader.has("source")) {
    scores.source = reader.required_string("source");
    require_url(reader, reader.child_pointer("source"), scores.source);
  }
  if (any_figure || reader.has("checked")) {
    require_date(reader, "checked");
    scores.checked = *reader.optional_string("checked");
  }
  require_reason(reader, nulls, scores.notes, entry_notes);
  std::vector<std::string> allowed;
  for (Benchmark b : kAccuracyBenchmarks) allowed.emplace_back(benchmark_key(b));
  allowed.insert(allowed.end(), {"source", "checked", "notes"});
  reader.reject_unknown_keys(allowed);
  return scores;
}

const nlohmann::json& required_object(ObjectReader& reader, const nlohmann::json& document,
                                      const std::string& key) {
  if (!reader.has(key)) reader.fail("/", "missing required key \"" + key + "\"");
  return document.at(key);
}

}  // namespace

CatalogEntry catalog_entry_from_json(const nlohmann::json& document,
                                     const std::filesystem::path& file) {
  ObjectReader reader(document, "", file);
  CatalogEntry entry;
  entry.file = file;
  entry.id = reader.required_string("id");
  static const std::regex id_chars(R"([A-Za-z0-9][A-Za-z0-9._-]*)");
  if (!std::regex_match(entry.id, id_chars))
    reader.fail("/id", "\"" + entry.id + "\" may hold only letters, digits, '.', '_' and '-'");
  if (file.stem().string() != entry.id)
    reader.fail("/id", "\"" + entry.id + "\" differs from the file name \"" +
                           file.filename().string() + "\" (name the file <id>.json)");
  entry.model = reader.required_string("model");
  entry.version = reader.required_string("version");
  entry.publisher = reader.required_string("publisher");
  entry.notes = reader.optional_string("notes").value_or("");

  reader.array("input_modalities", 1);
  entry.input_modalities = reader.optional_string_array("input_modalities");
  for (std::size_t i = 0; i < entry.input_modalities.size(); ++i) {
    const auto& modality = entry.input_modalities[i];
    if (std::find(kModalities.begin(), kModalities.end(), modality) != kModalities.end()) continue;
    std::string message = "unknown modality \"" + modality + "\"";
    if (auto guess = config::close_match(modality, kModalities))
      message += " (did you mean \"" + *guess + "\"?)";
    reader.fail("/input_modalities/" + std::to_string(i),
                message + "; expected text, image, audio or video");
  }

  const auto& prices = required_object(reader, document, "prices");
  entry.prices = read_prices(reader.object("prices"), prices, entry.notes);
  const auto& benchmarks = required_object(reader, document, "benchmarks");
  entry.benchmarks = read_benchmarks(reader.object("benchmarks"), benchmarks, entry.notes);
  reader.reject_unknown_keys(
      {"id", "model", "version", "publisher", "input_modalities", "prices", "benchmarks", "notes"});
  return entry;
}

CatalogEntry read_catalog_entry(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw config::config_error(file, "", "cannot read the file");
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    std::string reason = e.what();
    if (const auto colon = reason.find(": "); colon != std::string::npos)
      reason = reason.substr(colon + 2);
    throw config::ConfigError(file.string() + ":" + line_and_column(text, e.byte) +
                              ": not valid JSON: " + reason);
  }
  return catalog_entry_from_json(document, file);
}

}  // namespace modelcompare::catalog
