// `modelcompare catalog list | show MODEL | compare MODEL...`: the model catalog's prices and
// published benchmarks, and the portal-style accuracy-vs-cost chart.
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "catalog/catalog_axis.hpp"
#include "catalog/catalog_chart.hpp"
#include "catalog/catalog_search_path.hpp"
#include "catalog/model_catalog.hpp"
#include "charts/gnuplot_chart.hpp"
#include "cli/cli_error.hpp"
#include "cli/commands.hpp"

namespace modelcompare::cli {
namespace {

using catalog::CatalogEntry;
using catalog::ModelCatalog;

constexpr const char* kUsage = R"(usage: modelcompare catalog list [--json] [--catalog-dir DIR]...
       modelcompare catalog show MODEL [--json] [--catalog-dir DIR]...
       modelcompare catalog compare MODEL... [--x AXIS] [--y AXIS] [--out FILE.png|FILE.svg]
                                             [--json] [--catalog-dir DIR]...

The model catalog: per model version its publisher, input modalities, list prices (USD per 1M
input, cached input and output tokens) and published benchmark scores, each with its source.

  list      a table of every model: id, publisher, modalities, $ in/out per 1M, accuracy
  show      every figure of one model, with sources, dates checked and notes
  compare   a table of the models named; with --out, a chart like the Azure AI Foundry
            portal's Compare view (one labelled point per model)

MODEL is an id (gpt-4o-2024-08-06) or a bare model name (gpt-4o), which means its newest version.
Accuracy is the mean of OpenAI simple-evals' MMLU, GPQA, MATH and HumanEval scores (%), shown
only when all four are published. Cost is the portal's estimate, (3 x input + output) / 4 USD
per 1M tokens. "-" marks a figure the catalog does not know; `show` says why.

Axes for --x and --y: accuracy, cost, input-price, output-price, mmlu, gpqa, math, humaneval
(default: --x accuracy --y cost).

The catalog is read from --catalog-dir folders, MODELCOMPARE_CATALOG_PATH (colon-separated),
then share/modelcompare/catalog of the build or install tree; a model id found in an earlier
folder hides the same id in later ones (your own folder can override a price).
Exit codes: 0 success, 2 unknown model or axis, bad catalog file or bad usage.

options)";

std::string money(const std::optional<double>& value) {
  if (!value) return "-";
  // Cents always, more digits only when the price has them: $10.00, $0.075, $0.2625.
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4f", *value);
  std::string text = buffer;
  while (text.size() > 3 && text.back() == '0' && text[text.size() - 3] != '.') text.pop_back();
  return "$" + text;
}

std::string score(const std::optional<double>& value, int decimals = 1) {
  if (!value) return "-";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, *value);
  return buffer;
}

std::string joined(const std::vector<std::string>& items, const char* separator = ", ") {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

std::vector<std::string> aliases_of(const ModelCatalog& catalog, const CatalogEntry& entry) {
  std::vector<std::string> out;
  for (const auto& [alias, id] : catalog.aliases())
    if (id == entry.id) out.push_back(alias);
  return out;
}

nlohmann::json optional_json(const std::optional<double>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json();
}

nlohmann::json entry_json(const ModelCatalog& catalog, const CatalogEntry& e) {
  nlohmann::json benchmarks = {{"source", e.benchmarks.source},
                               {"checked", e.benchmarks.checked},
                               {"notes", e.benchmarks.notes}};
  for (auto b : catalog::kAccuracyBenchmarks)
    benchmarks[std::string(catalog::benchmark_key(b))] = optional_json(e.benchmarks.score(b));
  return {{"id", e.id},
          {"model", e.model},
          {"version", e.version},
          {"aliases", aliases_of(catalog, e)},
          {"publisher", e.publisher},
          {"input_modalities", e.input_modalities},
          {"prices",
           {{"input_per_1m", optional_json(e.prices.input_per_1m)},
            {"cached_input_per_1m", optional_json(e.prices.cached_input_per_1m)},
            {"output_per_1m", optional_json(e.prices.output_per_1m)},
            {"sources", e.prices.sources},
            {"checked", e.prices.checked},
            {"notes", e.prices.notes}}},
          {"benchmarks", benchmarks},
          {"accuracy", optional_json(e.accuracy())},
          {"estimated_cost_per_1m", optional_json(e.portal_cost())},
          {"notes", e.notes},
          {"file", e.file.string()}};
}

// Rows of cells printed as aligned columns (the first row is the header).
void print_table(const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows)
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (widths.size() <= i) widths.push_back(0);
      widths[i] = std::max(widths[i], row[i].size());
    }
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      std::string cell = row[i];
      if (i + 1 < row.size()) cell.resize(widths[i] + 2, ' ');
      line += cell;
    }
    std::printf("%s\n", line.c_str());
  }
}

void print_aliases(const ModelCatalog& catalog) {
  std::vector<std::string> aliases;
  for (const auto& [alias, id] : catalog.aliases()) aliases.push_back(alias + " = " + id);
  if (!aliases.empty()) std::printf("\naliases: %s\n", joined(aliases).c_str());
}

int list(const ModelCatalog& catalog, bool json) {
  if (json) {
    nlohmann::json out = {{"folders", nlohmann::json::array()},
                          {"models", nlohmann::json::array()}};
    for (const auto& folder : catalog.folders()) out["folders"].push_back(folder.string());
    for (const auto& e : catalog.entries()) out["models"].push_back(entry_json(catalog, e));
    std::cout << out.dump(2) << "\n";
    return kSuccess;
  }
  std::vector<std::vector<std::string>> rows = {
      {"ID", "PUBLISHER", "MODALITIES", "$IN/1M", "$OUT/1M", "ACCURACY"}};
  for (const auto& e : catalog.entries())
    rows.push_back({e.id, e.publisher, joined(e.input_modalities, "+"),
                    money(e.prices.input_per_1m), money(e.prices.output_per_1m),
                    score(e.accuracy())});
  print_table(rows);
  print_aliases(catalog);
  std::printf(
      "accuracy: mean of simple-evals MMLU, GPQA, MATH, HumanEval (%%); "
      "\"-\": unknown, see `modelcompare catalog show MODEL`\n");
  return kSuccess;
}

int show(const ModelCatalog& catalog, const std::string& model, bool json) {
  const auto& e = catalog.find(model);
  if (json) {
    std::cout << entry_json(catalog, e).dump(2) << "\n";
    return kSuccess;
  }
  const auto aliases = aliases_of(catalog, e);
  std::printf("%s%s\n", e.id.c_str(),
              aliases.empty() ? "" : ("  (also: " + joined(aliases) + ")").c_str());
  std::printf(
      "  model:       %s\n  version:     %s\n  publisher:   %s\n  modalities:  %s\n"
      "  file:        %s\n",
      e.model.c_str(), e.version.c_str(), e.publisher.c_str(), joined(e.input_modalities).c_str(),
      e.file.c_str());
  std::printf("\nlist prices, USD per 1M tokens%s\n",
              e.prices.checked.empty() ? "" : (" (checked " + e.prices.checked + ")").c_str());
  std::printf("  input:           %s\n", money(e.prices.input_per_1m).c_str());
  std::printf("  cached input:    %s%s\n", money(e.prices.cached_input_per_1m).c_str(),
              !e.prices.cached_input_per_1m && e.prices.input_per_1m
                  ? "  (cached tokens are billed at the input price)"
                  : "");
  std::printf("  output:          %s\n", money(e.prices.output_per_1m).c_str());
  std::printf("  estimated cost:  %s  ((3 x input + output) / 4, the portal's blend)\n",
              money(e.portal_cost()).c_str());
  for (const auto& source : e.prices.sources) std::printf("  source: %s\n", source.c_str());
  if (!e.prices.notes.empty()) std::printf("  notes: %s\n", e.prices.notes.c_str());

  std::printf("\nbenchmarks, %%%s\n", e.benchmarks.checked.empty()
                                          ? ""
                                          : (" (checked " + e.benchmarks.checked + ")").c_str());
  for (auto b : catalog::kAccuracyBenchmarks)
    std::printf("  %-16s %s\n", (std::string(catalog::benchmark_title(b)) + ":").c_str(),
                score(e.benchmarks.score(b)).c_str());
  std::printf("  accuracy:        %s  (mean of MMLU, GPQA, MATH and HumanEval)\n",
              score(e.accuracy(), 2).c_str());
  if (!e.benchmarks.source.empty()) std::printf("  source: %s\n", e.benchmarks.source.c_str());
  if (!e.benchmarks.notes.empty()) std::printf("  notes: %s\n", e.benchmarks.notes.c_str());
  if (!e.notes.empty()) std::printf("\nnotes: %s\n", e.notes.c_str());
  return kSuccess;
}

int compare(const ModelCatalog& catalog, const std::vector<std::string>& names,
            const catalog::CatalogAxis& x, const catalog::CatalogAxis& y, const std::string& out,
            bool json) {
  std::vector<const CatalogEntry*> models;
  std::set<std::string> seen;
  for (const auto& name : names) {
    const auto& entry = catalog.find(name);
    if (seen.insert(entry.id).second) models.push_back(&entry);
  }
  if (!out.empty()) {
    try {
      charts::draw_chart(catalog::compare_chart(models, x, y), out);
    } catch (const std::invalid_argument& e) {
      throw UsageError(std::string("catalog compare: ") + e.what());
    }
  }
  if (json) {
    nlohmann::json doc = {{"x", x.key}, {"y", y.key}, {"models", nlohmann::json::array()}};
    for (const auto* e : models) doc["models"].push_back(entry_json(catalog, *e));
    doc["chart"] = out.empty() ? nlohmann::json() : nlohmann::json(out);
    std::cout << doc.dump(2) << "\n";
    return kSuccess;
  }
  std::vector<std::vector<std::string>> rows = {{"MODEL", "$IN/1M", "$CACHED/1M", "$OUT/1M",
                                                 "COST(3:1)", "MMLU", "GPQA", "MATH", "HUMANEVAL",
                                                 "ACCURACY"}};
  for (const auto* e : models)
    rows.push_back({e->id, money(e->prices.input_per_1m), money(e->prices.cached_input_per_1m),
                    money(e->prices.output_per_1m), money(e->portal_cost()),
                    score(e->benchmarks.mmlu), score(e->benchmarks.gpqa), score(e->benchmarks.math),
                    score(e->benchmarks.humaneval), score(e->accuracy(), 2)});
  print_table(rows);
  std::printf(
      "cost: (3 x input + output) / 4 USD per 1M tokens; accuracy: mean of MMLU, GPQA, "
      "MATH, HumanEval (%%)\n");
  if (!out.empty())
    std::printf("chart (%s vs %s): %s\n", y.key.c_str(), x.key.c_str(), out.c_str());
  return kSuccess;
}

}  // namespace

int catalog_command(const Arguments& args) {
  po::options_description options(kUsage);
  options.add_options()("help,h", "show this help")("json", "print one JSON document")(
      "x", po::value<std::string>()->default_value("accuracy")->value_name("AXIS"),
      "compare: figure on the horizontal axis")(
      "y", po::value<std::string>()->default_value("cost")->value_name("AXIS"),
      "compare: figure on the vertical axis")("out", po::value<std::string>()->value_name("FILE"),
                                              "compare: draw the chart to FILE.png or FILE.svg")(
      "catalog-dir", po::value<std::vector<std::string>>()->composing()->value_name("DIR"),
      "read the catalog from DIR first (repeatable)");
  // The action and its models, positional; kept out of --help's option list.
  po::options_description all;
  all.add(options).add_options()("words", po::value<std::vector<std::string>>());
  po::positional_options_description positional;
  positional.add("words", -1);
  const auto vm = parse_arguments("catalog", args, all, positional);
  std::vector<std::string> words =
      vm.count("words") ? vm["words"].as<std::vector<std::string>>() : std::vector<std::string>{};
  if (vm.count("help") || (!words.empty() && words[0] == "help")) {
    std::cout << options << "\n";
    return kSuccess;
  }
  if (words.empty())
    throw UsageError(
        "catalog: expected list, show MODEL or compare MODEL... (see `modelcompare "
        "catalog --help`)");
  const std::string action = words[0];
  words.erase(words.begin());
  const bool json = vm.count("json") > 0;
  const bool axes_given = !vm["x"].defaulted() || !vm["y"].defaulted();

  if (action != "list" && action != "show" && action != "compare")
    throw UsageError("catalog: unknown action '" + action +
                     "'; expected list, show MODEL or compare MODEL...");
  if (action == "list" && !words.empty())
    throw UsageError("catalog list: takes no model (did you mean `catalog show " + words[0] +
                     "`?)");
  if (action == "show" && words.size() != 1)
    throw UsageError("catalog show: expected exactly one MODEL, found " +
                     std::to_string(words.size()));
  if (action == "compare" && words.empty())
    throw UsageError("catalog compare: expected at least one MODEL");
  if (action != "compare" && (axes_given || vm.count("out")))
    throw UsageError("catalog " + action + ": --x, --y and --out belong to `catalog compare`");

  std::string out;
  if (vm.count("out")) {
    out = vm["out"].as<std::string>();
    const auto extension = std::filesystem::path(out).extension();
    if (extension != ".png" && extension != ".svg")
      throw UsageError("catalog compare: --out " + out + ": a chart is written as .png or .svg");
  }
  const catalog::CatalogAxis* x = nullptr;
  const catalog::CatalogAxis* y = nullptr;
  try {
    x = &catalog::catalog_axis(vm["x"].as<std::string>());
    y = &catalog::catalog_axis(vm["y"].as<std::string>());
  } catch (const std::invalid_argument& e) {
    throw UsageError(std::string("catalog compare: ") + e.what());
  }

  std::vector<std::filesystem::path> explicit_dirs;
  if (vm.count("catalog-dir"))
    for (const auto& dir : vm["catalog-dir"].as<std::vector<std::string>>()) {
      if (!std::filesystem::is_directory(dir))
        throw UsageError("catalog: --catalog-dir " + dir + ": no such folder");
      explicit_dirs.emplace_back(dir);
    }
  const auto catalog = ModelCatalog::load(catalog::catalog_search_path(explicit_dirs));
  if (action == "list") return list(catalog, json);
  if (action == "show") return show(catalog, words[0], json);
  return compare(catalog, words, *x, *y, out, json);
}

}  // namespace modelcompare::cli
