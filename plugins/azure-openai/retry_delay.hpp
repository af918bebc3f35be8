// How long to wait before retrying: what the server asks for, else exponential backoff.
#pragma once

#include <chrono>
#include <optional>
#include <random>
#include <string_view>

#include "modelcompare/sdk/http.hpp"

namespace modelcompare::azure_openai {

// The wait the server asked for, in order: retry-after-ms (ms), x-ms-retry-after-ms (ms),
// retry-after (seconds, fractions allowed, or an HTTP-date relative to `now`),
// x-rate-limit-reset-tokens / x-ratelimit-reset-tokens (seconds, or "1m30s", "250ms").
std::optional<std::chrono::milliseconds> server_retry_delay(
    const sdk::HttpResponse& response, std::chrono::system_clock::time_point now);

// "55", "1.5", "1m30s", "250ms", "2h" as a duration; nullopt when it is none of these.
std::optional<std::chrono::milliseconds> parse_reset_duration(std::string_view text);

// An HTTP-date ("Wed, 21 Oct 2015 07:28:00 GMT"); nullopt when it is not one.
std::optional<std::chrono::system_clock::time_point> parse_http_date(std::string_view text);

// Exponential backoff with jitter: initial * 2^retry, at most `cap`, times a factor in (0.75, 1].
class Backoff {
 public:
  Backoff(std::chrono::milliseconds initial, std::chrono::milliseconds cap);
  std::chrono::milliseconds delay(int retry);  // retry counts from 0

 private:
  std::chrono::milliseconds initial_;
  std::chrono::milliseconds cap_;
  std::mt19937 random_;
};

}  // namespace modelcompare::azure_openai
