// Where the catalog is read from, in order: --catalog-dir folders, MODELCOMPARE_CATALOG_PATH
// (colon-separated), then the build or install tree's <prefix>/share/modelcompare/catalog.
// An entry in an earlier folder hides the entry with the same id in a later one, so a folder of
// your own can override a price (a negotiated or regional one) and add models.
#pragma once

#include <filesystem>
#include <vector>

namespace modelcompare::catalog {

// <prefix>/share/modelcompare/catalog for an executable in <prefix>/bin (empty when unknown).
std::filesystem::path bundled_catalog_dir();

// MODELCOMPARE_CATALOG_PATH's folders, then the bundled folder: what `modelcompare catalog` and a
// run read when no --catalog-dir is given.
std::vector<std::filesystem::path> default_catalog_dirs();

// `explicit_dirs` (from --catalog-dir) first, then default_catalog_dirs().
std::vector<std::filesystem::path> catalog_search_path(
    const std::vector<std::filesystem::path>& explicit_dirs);

}  // namespace modelcompare::catalog
