#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/cli_error.hpp"
#include "cli/commands.hpp"
#include "plugins/plugin_registry.hpp"
#include "plugins/plugin_search_path.hpp"

namespace modelcompare::cli {

int plugins_command(const Arguments& args) {
  po::options_description options(
      "usage: modelcompare plugins [--json] [--plugin-dir DIR]...\n\n"
      "Lists every plugin file found: kind, name, version, ABI and path, or why it was refused.\n"
      "Nothing from a refused file runs.\n\noptions");
  options.add_options()("help,h", "show this help")("json", "print one JSON document");
  add_plugin_dir_option(options);
  const auto vm = parse_arguments("plugins", args, options, {});
  if (vm.count("help")) {
    std::cout << options << "\n";
    return kSuccess;
  }
  std::vector<std::filesystem::path> dirs;
  for (const auto& dir : plugin_dirs(vm)) dirs.emplace_back(dir);
  const auto search_path = plugins::plugin_search_path(dirs);
  plugins::PluginRegistry registry;
  registry.scan(search_path);

  if (vm.count("json")) {
    nlohmann::json out = {{"search_path", nlohmann::json::array()},
                          {"plugins", nlohmann::json::array()}};
    for (const auto& dir : search_path) out["search_path"].push_back(dir.string());
    for (const auto& p : registry.listings()) {
      nlohmann::json entry = {{"path", p.path.string()}, {"loaded", p.loaded}};
      if (!p.kind.empty()) {
        entry["kind"] = p.kind;
        entry["name"] = p.name;
        entry["version"] = p.version;
        entry["abi"] = p.abi_version;
        entry["description"] = p.description;
      }
      entry["refused_reason"] = p.loaded ? nlohmann::json() : nlohmann::json(p.refused_reason);
      out["plugins"].push_back(entry);
    }
    std::cout << out.dump(2) << "\n";
    return kSuccess;
  }
  if (registry.listings().empty()) {
    std::printf("no plugin files found; searched:\n");
    for (const auto& dir : search_path) std::printf("  %s\n", dir.c_str());
    return kSuccess;
  }
  std::printf("%-10s %-20s %-8s %-4s %s\n", "KIND", "NAME", "VERSION", "ABI", "PATH");
  for (const auto& p : registry.listings()) {
    if (p.loaded)
      std::printf("%-10s %-20s %-8s v%-3u %s\n", p.kind.c_str(), p.name.c_str(), p.version.c_str(),
                  p.abi_version, p.path.c_str());
    else
      std::printf("%-10s %-20s %-8s %-4s %s\n           refused: %s\n", "-", "-", "-", "-",
                  p.path.c_str(), p.refused_reason.c_str());
  }
  return kSuccess;
}

}  // namespace modelcompare::cli
