#include "catalog/model_catalog.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "catalog/catalog_entry_reader.hpp"
#include "config/close_match.hpp"
#include "config/config_error.hpp"

namespace modelcompare::catalog {
namespace {

std::string lowered(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::vector<std::filesystem::path> json_files(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  for (const auto& item : std::filesystem::directory_iterator(dir))
    if (item.path().extension() == ".json" && !item.is_directory()) files.push_back(item.path());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

ModelCatalog ModelCatalog::load(const std::vector<std::filesystem::path>& dirs) {
  std::vector<CatalogEntry> entries;
  std::vector<std::filesystem::path> folders;
  for (const auto& dir : dirs) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) continue;
    folders.push_back(dir);
    std::map<std::string, std::filesystem::path> ids_here;  // lowered id -> file
    for (const auto& file : json_files(dir)) {
      CatalogEntry entry = read_catalog_entry(file);
      const auto [where, fresh] = ids_here.emplace(lowered(entry.id), file);
      if (!fresh)
        throw config::config_error(file, "/id",
                                   "\"" + entry.id + "\" is also the id of " +
                                       where->second.string() + " (ids ignore case)");
      entries.push_back(std::move(entry));
    }
  }
  if (folders.empty()) {
    std::string tried;
    for (const auto& dir : dirs) tried += (tried.empty() ? "" : ", ") + dir.string();
    throw config::ConfigError(
        "no model catalog found (looked in: " + (tried.empty() ? "nothing" : tried) +
        "); pass --catalog-dir DIR or set MODELCOMPARE_CATALOG_PATH");
  }
  ModelCatalog catalog = from_entries(std::move(entries));
  catalog.folders_ = std::move(folders);
  return catalog;
}

ModelCatalog ModelCatalog::from_entries(std::vector<CatalogEntry> entries) {
  ModelCatalog catalog;
  std::set<std::string> seen;
  for (auto& entry : entries)
    if (seen.insert(lowered(entry.id)).second) catalog.entries_.push_back(std::move(entry));
  std::sort(catalog.entries_.begin(), catalog.entries_.end(),
            [](const CatalogEntry& a, const CatalogEntry& b) { return a.id < b.id; });
  // Bare name -> newest version; a real id always wins over an alias of the same spelling.
  std::map<std::string, const CatalogEntry*> newest;
  for (const auto& entry : catalog.entries_) {
    if (seen.count(lowered(entry.model))) continue;
    auto& best = newest[entry.model];
    if (!best || entry.version > best->version) best = &entry;
  }
  for (const auto& [model, entry] : newest) catalog.aliases_[model] = entry->id;
  return catalog;
}

const CatalogEntry* ModelCatalog::try_find(std::string_view id_or_alias) const {
  const std::string wanted = lowered(id_or_alias);
  std::string id = wanted;
  for (const auto& [alias, target] : aliases_)
    if (lowered(alias) == wanted) id = lowered(target);
  for (const auto& entry : entries_)
    if (lowered(entry.id) == id) return &entry;
  return nullptr;
}

const CatalogEntry& ModelCatalog::find(std::string_view id_or_alias) const {
  if (const auto* entry = try_find(id_or_alias)) return *entry;
  std::vector<std::string> names;
  for (const auto& entry : entries_) names.push_back(entry.id);
  for (const auto& [alias, target] : aliases_) names.push_back(alias);
  std::string message = "unknown model \"" + std::string(id_or_alias) + "\"";
  if (auto guess = config::close_match(id_or_alias, names))
    message += " (did you mean \"" + *guess + "\"?)";
  message += "; the catalog has " + std::to_string(entries_.size()) +
             " models: see `modelcompare catalog list`";
  throw UnknownModelError(message);
}

}  // namespace modelcompare::catalog
