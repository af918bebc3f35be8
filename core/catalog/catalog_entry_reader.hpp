// Reads one catalog file into a CatalogEntry, refusing anything doubtful with one line that names
// the file and the JSON pointer: wrong types, unknown keys (with a "did you mean"), a null figure
// without a note saying why, a figure without a source.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>

#include "catalog/catalog_entry.hpp"

namespace modelcompare::catalog {

// Throws config::ConfigError.
CatalogEntry read_catalog_entry(const std::filesystem::path& file);

// The same for a document already parsed; `file` names it in errors and must be <id>.json.
CatalogEntry catalog_entry_from_json(const nlohmann::json& document,
                                     const std::filesystem::path& file);

}  // namespace modelcompare::catalog
