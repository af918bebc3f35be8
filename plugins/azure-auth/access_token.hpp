// An Entra ID access token and what getting one can end in.
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace modelcompare::azure_auth {

struct AccessToken {
  std::string token;  // a secret
  std::chrono::system_clock::time_point expires_on;
};

struct TokenOutcome {
  std::optional<AccessToken> token;
  // The credential does not apply here (its variables are not set, no IMDS, no az): the chain
  // tries the next one. Otherwise `error` is final.
  bool unavailable = false;
  std::string error;  // one line, never containing a secret

  static TokenOutcome ok(AccessToken token) { return {std::move(token), false, {}}; }
  static TokenOutcome not_here(std::string why) { return {std::nullopt, true, std::move(why)}; }
  static TokenOutcome failed(std::string why) { return {std::nullopt, false, std::move(why)}; }
};

}  // namespace modelcompare::azure_auth
