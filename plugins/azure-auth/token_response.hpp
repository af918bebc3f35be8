// Reading the token JSON the Entra endpoints and the Azure CLI return.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "access_token.hpp"

namespace modelcompare::azure_auth {

// {"access_token", "expires_in" | "expires_on"} as the token endpoint and IMDS send them
// (numbers or numeric strings). Throws std::runtime_error saying which field is missing or bad.
AccessToken parse_oauth_token(std::string_view body, std::chrono::system_clock::time_point now);

// `az account get-access-token --output json`: {"accessToken", "expires_on" (POSIX seconds,
// CLI 2.54+) or "expiresOn" (local time "2020-06-29 17:22:16.443545")}.
AccessToken parse_cli_token(std::string_view output);

// Percent-encodes a form or query value.
std::string url_encode(std::string_view text);

}  // namespace modelcompare::azure_auth
