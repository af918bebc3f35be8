// How long Azure asks a throttled client (429, or Monitor's 529) to wait.
#pragma once

#include <chrono>
#include <optional>

#include "modelcompare/sdk/http.hpp"

namespace modelcompare::azure_monitor {

// Retry-After in seconds ("17", "0.5") or as an HTTP-date relative to `now`; nullopt when the
// header is missing or unreadable.
std::optional<std::chrono::milliseconds> retry_after(const sdk::HttpResponse& response,
                                                     std::chrono::system_clock::time_point now);

}  // namespace modelcompare::azure_monitor
