#include "plugins/plugin_registry.hpp"

#include <algorithm>

#include "config/close_match.hpp"
#include "plugins/plugin_loader.hpp"

namespace modelcompare::plugins {

void PluginRegistry::scan(const std::vector<std::filesystem::path>& dirs) {
  for (const auto& dir : dirs) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) continue;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
      if (entry.path().extension() == ".so") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const auto& file : files) add_file(file);
  }
}

void PluginRegistry::scan_for(const std::vector<std::filesystem::path>& dirs,
                              const std::vector<Wanted>& wanted) {
  const auto loaded = [&](const Wanted& plugin) { return find(plugin.kind, plugin.name); };
  for (const auto& plugin : wanted) {
    if (loaded(plugin)) continue;
    for (const auto& dir : dirs) {
      const auto file = dir / ("modelcompare-" + plugin.name + ".so");
      std::error_code ec;
      if (!std::filesystem::is_regular_file(file, ec)) continue;
      add_file(file);
      if (loaded(plugin)) break;
    }
  }
  if (!std::all_of(wanted.begin(), wanted.end(), loaded)) scan(dirs);
}

void PluginRegistry::add_file(const std::filesystem::path& file) {
  PluginListing listing;
  listing.path = std::filesystem::absolute(file).lexically_normal();
  for (const auto& seen : listings_)
    if (seen.path == listing.path) return;  // the same folder named twice
  auto outcome = load_plugin(listing.path);
  if (!outcome.plugin) {
    listing.refused_reason = outcome.refused_reason;
    listings_.push_back(std::move(listing));
    return;
  }
  const auto* d = outcome.plugin->descriptor;
  listing.kind = sdk::to_string(d->kind);
  listing.name = d->name;
  listing.version = d->version;
  listing.description = d->description ? d->description : "";
  listing.abi_version = d->abi_version;
  if (const auto* first = find(d->kind, d->name)) {
    listing.refused_reason = "duplicate " + listing.kind + " plugin name '" + listing.name +
                             "' (already loaded from " + first->path.string() + ")";
  } else {
    listing.loaded = true;
    plugins_.push_back(std::move(*outcome.plugin));
  }
  listings_.push_back(std::move(listing));
}

const LoadedPlugin* PluginRegistry::find(sdk::PluginKind kind, const std::string& name) const {
  for (const auto& plugin : plugins_)
    if (plugin.kind() == kind && plugin.name() == name) return &plugin;
  return nullptr;
}

std::vector<std::string> PluginRegistry::names(sdk::PluginKind kind) const {
  std::vector<std::string> out;
  for (const auto& plugin : plugins_)
    if (plugin.kind() == kind) out.push_back(plugin.name());
  std::sort(out.begin(), out.end());
  return out;
}

std::string PluginRegistry::unknown_plugin_message(sdk::PluginKind kind,
                                                   const std::string& name) const {
  const auto available = names(kind);
  std::string message = std::string("unknown ") + sdk::to_string(kind) + " plugin '" + name + "'";
  if (auto guess = config::close_match(name, available))
    message += " (did you mean '" + *guess + "'?)";
  if (available.empty()) {
    message += "; no " + std::string(sdk::to_string(kind)) +
               " plugins were found (see `modelcompare plugins`)";
  } else {
    message += "; available: ";
    for (std::size_t i = 0; i < available.size(); ++i) message += (i ? ", " : "") + available[i];
  }
  return message;
}

template <typename Interface>
std::shared_ptr<Interface> PluginRegistry::make(sdk::PluginKind kind, const std::string& name,
                                                const sdk::PluginContext& context) const {
  const LoadedPlugin* plugin = find(kind, name);
  if (!plugin) throw sdk::PluginError(unknown_plugin_message(kind, name));
  sdk::Plugin* raw = nullptr;
  try {
    raw = plugin->descriptor->create(context);
  } catch (const std::exception& e) {
    // Copy the message now, while the library that threw is certainly still loaded.
    throw sdk::PluginError(std::string(e.what()));
  } catch (...) {
    throw sdk::PluginError("plugin '" + name + "' failed to start (unknown exception)");
  }
  if (!raw) throw sdk::PluginError("plugin '" + name + "' returned no object");
  auto* typed = dynamic_cast<Interface*>(raw);
  if (!typed) {
    plugin->descriptor->destroy(raw);
    throw sdk::PluginError("plugin '" + name + "' made an object of the wrong kind");
  }
  auto destroy = plugin->descriptor->destroy;
  return std::shared_ptr<Interface>(typed, [library = plugin->library, destroy, raw](Interface*) {
    destroy(raw);  // runs while `library` still pins the .so
  });
}

std::shared_ptr<sdk::Provider> PluginRegistry::make_provider(
    const std::string& name, const sdk::PluginContext& context) const {
  return make<sdk::Provider>(sdk::PluginKind::provider, name, context);
}

std::shared_ptr<sdk::Evaluator> PluginRegistry::make_evaluator(
    const std::string& name, const sdk::PluginContext& context) const {
  return make<sdk::Evaluator>(sdk::PluginKind::evaluator, name, context);
}

std::shared_ptr<sdk::MetricsSource> PluginRegistry::make_metrics_source(
    const std::string& name, const sdk::PluginContext& context) const {
  return make<sdk::MetricsSource>(sdk::PluginKind::metrics, name, context);
}

}  // namespace modelcompare::plugins
