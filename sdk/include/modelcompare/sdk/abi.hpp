// The plugin ABI: the version integer and the build fingerprint a plugin must match to be loaded.
#pragma once

#include <boost/version.hpp>
#include <cstdint>
#include <nlohmann/json.hpp>

// Types that cross the plugin boundary keep their typeinfo and vtables visible, so dynamic_cast and
// catch work between the host and a plugin built with -fvisibility=hidden.
#define MODELCOMPARE_VISIBLE __attribute__((visibility("default")))

#define MODELCOMPARE_STRINGIFY_(x) #x
#define MODELCOMPARE_STRINGIFY(x) MODELCOMPARE_STRINGIFY_(x)

namespace modelcompare::sdk {

// Bump on ANY change to a type or interface in this SDK that crosses the boundary: a field added,
// removed or reordered, a virtual function added or changed. Plugins must then be rebuilt.
inline constexpr std::uint32_t kAbiVersion = 1;

// C++ types cross the boundary, so everything that decides their layout must match between the
// host and a plugin: compiler family and major version, libstdc++'s string ABI, Boost and
// nlohmann_json versions.
inline constexpr const char* kBuildFingerprint =
    "gcc-" MODELCOMPARE_STRINGIFY(__GNUC__) ";cxx11abi=" MODELCOMPARE_STRINGIFY(
        _GLIBCXX_USE_CXX11_ABI) ";boost=" MODELCOMPARE_STRINGIFY(BOOST_VERSION) ";json=" MODELCOMPARE_STRINGIFY(NLOHMANN_JSON_VERSION_MAJOR) "." MODELCOMPARE_STRINGIFY(NLOHMANN_JSON_VERSION_MINOR) "." MODELCOMPARE_STRINGIFY(NLOHMANN_JSON_VERSION_PATCH);

// The exported alias carries the ABI version in its name, so the host can tell a plugin built for
// another ABI from a file that is no plugin at all without loading either.
#define MODELCOMPARE_PLUGIN_ALIAS_PREFIX "modelcompare_plugin_v"
#define MODELCOMPARE_PLUGIN_ALIAS modelcompare_plugin_v1

}  // namespace modelcompare::sdk
