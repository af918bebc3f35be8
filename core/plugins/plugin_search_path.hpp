// Where plugins are looked for, in order: --plugin-dir folders, MODELCOMPARE_PLUGIN_PATH
// (colon-separated), then the build or install tree's plugin folder beside the executable.
#pragma once

#include <filesystem>
#include <vector>

namespace modelcompare::plugins {

std::vector<std::filesystem::path> plugin_search_path(
    const std::vector<std::filesystem::path>& plugin_dirs);

// <prefix>/<libdir>/modelcompare/plugins for an executable in <prefix>/bin.
std::filesystem::path bundled_plugin_dir();

}  // namespace modelcompare::plugins
