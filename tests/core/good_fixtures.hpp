// The folder of the fixture plugins that load (tests/core/fixtures, built beside the tests).
#pragma once

#include <string>

namespace modelcompare::testing {

inline const std::string kGoodFixtures = std::string(MODELCOMPARE_FIXTURE_PLUGIN_DIR) + "/good";

}  // namespace modelcompare::testing
