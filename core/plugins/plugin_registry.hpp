// Every plugin found on the search path, by kind and name; refused files with their reasons.
// Loaded libraries stay loaded until the registry is destroyed at exit (as LLVM and OBS do).
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "modelcompare/sdk/evaluator.hpp"
#include "modelcompare/sdk/metrics.hpp"
#include "modelcompare/sdk/provider.hpp"
#include "plugins/loaded_plugin.hpp"

namespace modelcompare::plugins {

class PluginRegistry {
 public:
  // Scans each folder (not recursively) for *.so files, in order; a missing folder is skipped.
  void scan(const std::vector<std::filesystem::path>& dirs);
  // Loads what `wanted` needs and no more: for each plugin the files modelcompare-<name>.so on the
  // search path, the way plugins are named when built with the SDK, until one holds that plugin
  // of that kind. When one is still not found after that (a plugin file named otherwise), every
  // folder is scanned as by scan(). Loading only what a config uses keeps a run from paying for
  // others' libraries (chart-image-diff's OpenCV and Tesseract take 0.1-0.5 s to load).
  struct Wanted {
    sdk::PluginKind kind;
    std::string name;
  };
  void scan_for(const std::vector<std::filesystem::path>& dirs, const std::vector<Wanted>& wanted);
  // Adds one file (used by scan; public for tests).
  void add_file(const std::filesystem::path& file);

  const std::vector<PluginListing>& listings() const { return listings_; }
  const LoadedPlugin* find(sdk::PluginKind kind, const std::string& name) const;
  std::vector<std::string> names(sdk::PluginKind kind) const;

  // Creates an instance through the plugin's factory. The returned object keeps its library
  // loaded. Throws PluginError for an unknown name (listing the available ones) and for a
  // factory that throws (with the plugin's message).
  std::shared_ptr<sdk::Provider> make_provider(const std::string& name,
                                               const sdk::PluginContext& context) const;
  std::shared_ptr<sdk::Evaluator> make_evaluator(const std::string& name,
                                                 const sdk::PluginContext& context) const;
  std::shared_ptr<sdk::MetricsSource> make_metrics_source(const std::string& name,
                                                          const sdk::PluginContext& context) const;

  // "unknown evaluator plugin 'x' (did you mean 'y'?); available: a, b"
  std::string unknown_plugin_message(sdk::PluginKind kind, const std::string& name) const;

 private:
  template <typename Interface>
  std::shared_ptr<Interface> make(sdk::PluginKind kind, const std::string& name,
                                  const sdk::PluginContext& context) const;

  std::vector<LoadedPlugin> plugins_;
  std::vector<PluginListing> listings_;
};

}  // namespace modelcompare::plugins
