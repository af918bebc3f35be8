// A plugin library the host has opened and checked, or the reason it refused it.
#pragma once

#include <boost/dll/shared_library.hpp>
#include <filesystem>
#include <memory>
#include <string>

#include "modelcompare/sdk/plugin.hpp"

namespace modelcompare::plugins {

struct LoadedPlugin {
  std::filesystem::path path;
  std::shared_ptr<boost::dll::shared_library> library;  // every object the plugin makes holds it
  const sdk::PluginDescriptor* descriptor = nullptr;

  std::string name() const { return descriptor->name; }
  sdk::PluginKind kind() const { return descriptor->kind; }
};

// One entry of `modelcompare plugins`: a usable plugin, or a refused file with its reason.
struct PluginListing {
  std::filesystem::path path;
  bool loaded = false;
  std::string refused_reason;  // when !loaded
  std::string kind, name, version, description;
  unsigned abi_version = 0;
};

}  // namespace modelcompare::plugins
