// Deterministic pseudo-random draws tied to one case, so a run with the same seed behaves the same
// way every time (and a resumed run the same way as the run it continues).
#pragma once

#include <cstdint>
#include <string_view>

#include "modelcompare/sdk/chat.hpp"

namespace modelcompare::mock {

// A number in [0, 1) that depends only on `seed`, the request's identity (provider, scenario,
// case key, turn, repeat) and `purpose`, which keeps draws for different uses independent.
double case_draw(std::uint64_t seed, const sdk::ChatRequest& request, std::string_view purpose);

}  // namespace modelcompare::mock
