// Something that can get an Entra ID access token for a scope.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <string>

#include "access_token.hpp"

namespace modelcompare::azure_auth {

class TokenCredential {
 public:
  virtual ~TokenCredential() = default;
  virtual std::string name() const = 0;
  // `scope` e.g. "https://cognitiveservices.azure.com/.default".
  virtual boost::asio::awaitable<TokenOutcome> get_token(const std::string& scope) = 0;
};

}  // namespace modelcompare::azure_auth
