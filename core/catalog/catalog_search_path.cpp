#include "catalog/catalog_search_path.hpp"

#include <cstdlib>
#include <sstream>
#include <string>

namespace modelcompare::catalog {

std::filesystem::path bundled_catalog_dir() {
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  return exe.parent_path().parent_path() / MODELCOMPARE_DATA_INSTALL_DIR / "catalog";
}

std::vector<std::filesystem::path> default_catalog_dirs() {
  std::vector<std::filesystem::path> dirs;
  if (const char* env = std::getenv("MODELCOMPARE_CATALOG_PATH")) {
    std::stringstream list(env);
    std::string item;
    while (std::getline(list, item, ':'))
      if (!item.empty()) dirs.emplace_back(item);
  }
  if (auto bundled = bundled_catalog_dir(); !bundled.empty()) dirs.push_back(bundled);
  return dirs;
}

std::vector<std::filesystem::path> catalog_search_path(
    const std::vector<std::filesystem::path>& explicit_dirs) {
  auto dirs = explicit_dirs;
  for (auto& dir : default_catalog_dirs()) dirs.push_back(std::move(dir));
  return dirs;
}

}  // namespace modelcompare::catalog
