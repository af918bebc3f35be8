#include "plugins/plugin_loader.hpp"

#include <algorithm>
#include <boost/dll/library_info.hpp>
#include <cstring>
#include <fstream>

namespace modelcompare::plugins {
namespace {

namespace dll = boost::dll;

bool is_elf(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  char magic[4] = {};
  return in.read(magic, 4) && std::memcmp(magic,
                                          "\x7f"
                                          "ELF",
                                          4) == 0;
}

LoadOutcome refuse(std::string reason) {
  return {std::nullopt, std::move(reason)};
}

}  // namespace

LoadOutcome load_plugin(const std::filesystem::path& path) {
  if (!is_elf(path)) return refuse("not a shared library (no ELF header)");
  const std::string expected_alias = MODELCOMPARE_STRINGIFY(MODELCOMPARE_PLUGIN_ALIAS);
  try {
    // library_info parses the file without loading it: a foreign file runs none of its code.
    auto aliases = dll::library_info(path).symbols("boostdll");
    if (std::find(aliases.begin(), aliases.end(), expected_alias) == aliases.end()) {
      for (const auto& alias : aliases) {
        if (alias.rfind(MODELCOMPARE_PLUGIN_ALIAS_PREFIX, 0) == 0)
          return refuse("ABI version mismatch: expected v" + std::to_string(sdk::kAbiVersion) +
                        ", found v" + alias.substr(std::strlen(MODELCOMPARE_PLUGIN_ALIAS_PREFIX)));
      }
      return refuse("not a modelcompare plugin (no " + expected_alias + " descriptor exported)");
    }
  } catch (const std::exception& e) {
    return refuse(std::string("not a readable shared library: ") + e.what());
  }

  std::shared_ptr<dll::shared_library> library;
  try {
    library = std::make_shared<dll::shared_library>(
        path, dll::load_mode::rtld_now | dll::load_mode::rtld_local);
  } catch (const std::exception& e) {
    return refuse(std::string("cannot be loaded: ") + e.what());
  }

  const sdk::PluginDescriptor* d = nullptr;
  try {
    auto get = library->get_alias<const sdk::PluginDescriptor*()>(expected_alias);
    d = get();
  } catch (const std::exception& e) {
    return refuse(std::string("descriptor cannot be read: ") + e.what());
  }
  if (!d) return refuse("descriptor is null");
  if (d->struct_size != sizeof(sdk::PluginDescriptor))
    return refuse("malformed descriptor: expected size " +
                  std::to_string(sizeof(sdk::PluginDescriptor)) + ", found " +
                  std::to_string(d->struct_size));
  if (d->abi_version != sdk::kAbiVersion)
    return refuse("ABI version mismatch: expected v" + std::to_string(sdk::kAbiVersion) +
                  ", found v" + std::to_string(d->abi_version));
  if (!d->build_fingerprint || std::strcmp(d->build_fingerprint, sdk::kBuildFingerprint) != 0)
    return refuse(std::string("build mismatch: expected '") + sdk::kBuildFingerprint +
                  "', found '" + (d->build_fingerprint ? d->build_fingerprint : "(null)") + "'");
  const auto kind = static_cast<std::uint32_t>(d->kind);
  if (kind < 1 || kind > 3)
    return refuse("malformed descriptor: unknown plugin kind " + std::to_string(kind));
  if (!d->name || !*d->name) return refuse("malformed descriptor: no name");
  if (!d->version || !d->create || !d->destroy)
    return refuse("malformed descriptor: missing version, create or destroy");
  return {LoadedPlugin{path, std::move(library), d}, {}};
}

}  // namespace modelcompare::plugins
