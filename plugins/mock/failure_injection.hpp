// Failures the mock injects on purpose, so demos and tests exercise the host's failure paths.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "modelcompare/sdk/chat.hpp"

namespace modelcompare::mock {

enum class InjectedFailure { none, rate_limited, server_error, timeout, malformed };

const char* to_string(InjectedFailure failure);

// The share of requests that fail each way; each in [0, 1], their sum at most 1.
struct FailureRates {
  double rate_limited = 0.0;
  double server_error = 0.0;
  double timeout = 0.0;
  double malformed = 0.0;

  double total() const { return rate_limited + server_error + timeout + malformed; }
};

// Maps a uniform draw in [0, 1) to a failure: the kinds take consecutive slices of [0, 1) in the
// order above, the rest is success.
InjectedFailure pick_failure(const FailureRates& rates, double draw);

// The error kind a real provider reports for this failure.
sdk::ErrorKind error_kind(InjectedFailure failure);

// What a real service says in that case (worded like Azure OpenAI), naming the deployment.
// `waited` is how long the request hung before a timeout.
std::string failure_message(InjectedFailure failure, std::string_view deployment,
                            std::chrono::milliseconds waited);

// The retry hint a rate-limited answer carries (as `retry-after-ms` would).
inline constexpr std::chrono::milliseconds kRetryAfter{1000};

}  // namespace modelcompare::mock
