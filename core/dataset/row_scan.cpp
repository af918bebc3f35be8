#include "dataset/row_scan.hpp"

#include <unordered_map>

#include "dataset/dataset_error.hpp"
#include "dataset/row_source.hpp"
#include "dataset/template_names.hpp"
#include "modelcompare/sdk/prompt_template.hpp"

namespace modelcompare::dataset {
namespace {

std::set<std::string> names_used_by(const config::ScenarioConfig& scenario) {
  std::set<std::string> names = template_names(scenario.system);
  for (const auto& turn : scenario.turns)
    for (const auto& part : turn.user) {
      const auto used = template_names(part.kind == config::PromptPart::Kind::text
                                           ? std::string_view(part.text)
                                           : std::string_view(part.image_template));
      names.insert(used.begin(), used.end());
    }
  for (const auto& builtin : builtin_variables()) names.erase(builtin);
  return names;
}

std::string column_list(const nlohmann::json& values) {
  std::string out;
  for (const auto& [name, ignored] : values.items()) out += (out.empty() ? "" : ", ") + name;
  return out.empty() ? "nothing" : out;
}

}  // namespace

std::size_t scan_rows(const config::ScenarioConfig& scenario,
                      const std::filesystem::path& config_file) {
  const auto needed = names_used_by(scenario);
  if (!scenario.has_rows()) {
    // Without rows only the built-in names are filled in; anything else would reach the model
    // as written.
    if (!needed.empty())
      throw DatasetError(config_file.string() + ": scenario \"" + scenario.id + "\" uses {{" +
                         *needed.begin() +
                         "}}, but it has no \"dataset\" or \"vars\" to provide it");
    return 1;
  }
  auto rows = open_rows(scenario, config_file);
  std::unordered_map<std::string, std::string> seen;  // key -> origin
  std::size_t count = 0;
  while (auto row = rows->next()) {
    ++count;
    for (const auto& name : needed)
      if (!row->values.contains(name))
        throw DatasetError(row->origin + ": scenario \"" + scenario.id + "\" uses {{" + name +
                           "}}, which this row does not provide (it has " +
                           column_list(row->values) + ")");
    if (auto [it, fresh] = seen.emplace(row->key, row->origin); !fresh)
      throw DatasetError(row->origin + ": same case key \"" + row->key + "\" as " + it->second +
                         (row->key.rfind("row-", 0) == 0
                              ? " (the rows are identical; give rows an \"id\" to keep both)"
                              : " (ids must be unique within a scenario)"));
    for (const auto& turn : scenario.turns)
      for (const auto& part : turn.user) {
        if (part.image_template.empty()) continue;
        bool only_row_names = true;
        for (const auto& name : template_names(part.image_template))
          if (builtin_variables().count(name)) only_row_names = false;
        if (!only_row_names) continue;  // differs per provider: checked when it is sent
        const auto written = sdk::render_template(part.image_template, row->values);
        std::filesystem::path path(written);
        if (path.is_relative()) path = (config_file.parent_path() / path).lexically_normal();
        std::error_code ec;
        if (!std::filesystem::is_regular_file(path, ec))
          throw DatasetError(row->origin + ": scenario \"" + scenario.id + "\": image \"" +
                             part.image_template + "\" is " + path.string() +
                             " for this row, which is not a file");
      }
  }
  if (count == 0)
    throw DatasetError((scenario.dataset ? scenario.dataset->file.string() : config_file.string()) +
                       ": scenario \"" + scenario.id + "\" has no rows");
  return count;
}

}  // namespace modelcompare::dataset
