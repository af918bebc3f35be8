// What every plugin is: a kind, a name, a version and a factory, exported as one descriptor.
#pragma once

#include <boost/dll/alias.hpp>
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "modelcompare/sdk/abi.hpp"

namespace modelcompare::sdk {

class HostServices;

enum class PluginKind : std::uint32_t { provider = 1, evaluator = 2, metrics = 3 };

inline const char* to_string(PluginKind kind) {
  switch (kind) {
    case PluginKind::provider: return "provider";
    case PluginKind::evaluator: return "evaluator";
    case PluginKind::metrics: return "metrics";
  }
  return "unknown";
}

// Thrown by a plugin for anything the user can fix (bad options, a missing file). The host shows
// what() as the one line the user reads, so say what is wrong and where.
class MODELCOMPARE_VISIBLE PluginError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Base of every plugin object. Objects are created and destroyed by the plugin's own factory.
class MODELCOMPARE_VISIBLE Plugin {
 public:
  virtual ~Plugin() = default;
};

// What a factory gets: the instance's options (from the config or the command line), the folder
// that relative paths in those options resolve against, and the host's services.
struct PluginContext {
  std::string instance_id;  // e.g. the provider id from the config, or the evaluator name
  nlohmann::json options = nlohmann::json::object();
  std::filesystem::path base_dir;  // the config file's folder (or the current one)
  HostServices* host = nullptr;    // lives longer than every plugin object

  std::filesystem::path resolve(const std::filesystem::path& p) const {
    return p.is_absolute() || p.empty() ? p : base_dir / p;
  }
};

// C layout, validated field by field by the host before anything else is called.
struct PluginDescriptor {
  std::uint32_t struct_size;      // sizeof(PluginDescriptor) in the plugin's build
  std::uint32_t abi_version;      // kAbiVersion in the plugin's build
  const char* build_fingerprint;  // kBuildFingerprint in the plugin's build
  PluginKind kind;
  const char* name;         // unique per kind; what configs name in "plugin"
  const char* version;      // the plugin's own version, e.g. "1.2.0"
  const char* description;  // one line for `modelcompare plugins`
  // Throws PluginError on bad options. Returns an object of the descriptor's kind.
  Plugin* (*create)(const PluginContext& context);
  void (*destroy)(Plugin* plugin) noexcept;
};

}  // namespace modelcompare::sdk

// Exports a plugin. CLASS must derive from the interface of KIND (Provider, Evaluator or
// MetricsSource) and have a constructor taking `const modelcompare::sdk::PluginContext&`.
//
//   MODELCOMPARE_PLUGIN(evaluator, LengthEvaluator, "length", "0.1.0", "scores answers by length")
#define MODELCOMPARE_PLUGIN(KIND, CLASS, NAME, VERSION, DESCRIPTION)                              \
  namespace modelcompare_plugin_entry {                                                           \
  static ::modelcompare::sdk::Plugin* create(const ::modelcompare::sdk::PluginContext& context) { \
    return new CLASS(context);                                                                    \
  }                                                                                               \
  static void destroy(::modelcompare::sdk::Plugin* plugin) noexcept {                             \
    delete plugin;                                                                                \
  }                                                                                               \
  static const ::modelcompare::sdk::PluginDescriptor descriptor_value{                            \
      sizeof(::modelcompare::sdk::PluginDescriptor),                                              \
      ::modelcompare::sdk::kAbiVersion,                                                           \
      ::modelcompare::sdk::kBuildFingerprint,                                                     \
      ::modelcompare::sdk::PluginKind::KIND,                                                      \
      NAME,                                                                                       \
      VERSION,                                                                                    \
      DESCRIPTION,                                                                                \
      &create,                                                                                    \
      &destroy};                                                                                  \
  const ::modelcompare::sdk::PluginDescriptor* descriptor() {                                     \
    return &descriptor_value;                                                                     \
  }                                                                                               \
  }                                                                                               \
  BOOST_DLL_ALIAS(modelcompare_plugin_entry::descriptor, modelcompare_plugin_v1)
