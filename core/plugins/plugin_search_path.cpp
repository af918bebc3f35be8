#include "plugins/plugin_search_path.hpp"

#include <unistd.h>

#include <cstdlib>
#include <sstream>
#include <string>

namespace modelcompare::plugins {

std::filesystem::path bundled_plugin_dir() {
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  return exe.parent_path().parent_path() / MODELCOMPARE_PLUGIN_INSTALL_DIR;
}

std::vector<std::filesystem::path> plugin_search_path(
    const std::vector<std::filesystem::path>& plugin_dirs) {
  std::vector<std::filesystem::path> dirs = plugin_dirs;
  if (const char* env = std::getenv("MODELCOMPARE_PLUGIN_PATH")) {
    std::stringstream list(env);
    std::string item;
    while (std::getline(list, item, ':'))
      if (!item.empty()) dirs.emplace_back(item);
  }
  if (auto bundled = bundled_plugin_dir(); !bundled.empty()) dirs.push_back(bundled);
  return dirs;
}

}  // namespace modelcompare::plugins
