// The model catalog: every configs/catalog-style *.json file of a list of folders, looked up by
// id ("gpt-4o-2024-08-06") or by bare model name ("gpt-4o", an alias of its newest version).
#pragma once

#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog_entry.hpp"

namespace modelcompare::catalog {

// A model the catalog does not know; the message says what was meant when it can guess.
class UnknownModelError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class ModelCatalog {
 public:
  // Reads every *.json of each existing folder (missing folders are skipped; none existing is an
  // error naming them). An id in an earlier folder hides the same id in later ones. Throws
  // config::ConfigError for a bad file, naming the file and the JSON pointer.
  static ModelCatalog load(const std::vector<std::filesystem::path>& dirs);
  // The catalog of these entries (first of an id wins), aliases derived.
  static ModelCatalog from_entries(std::vector<CatalogEntry> entries);

  // Sorted by id.
  const std::vector<CatalogEntry>& entries() const { return entries_; }
  // Bare model name -> id of its newest version (by version string: ISO dates sort by time).
  const std::map<std::string, std::string>& aliases() const { return aliases_; }
  // The folders the entries were read from, in search order.
  const std::vector<std::filesystem::path>& folders() const { return folders_; }

  // By id or alias, ignoring case; nullptr when unknown.
  const CatalogEntry* try_find(std::string_view id_or_alias) const;
  // Throws UnknownModelError: "unknown model "gpt4o" (did you mean "gpt-4o"?) ...".
  const CatalogEntry& find(std::string_view id_or_alias) const;

 private:
  std::vector<CatalogEntry> entries_;
  std::map<std::string, std::string> aliases_;
  std::vector<std::filesystem::path> folders_;
};

}  // namespace modelcompare::catalog
