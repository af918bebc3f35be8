// Tokens per scope, reused until two minutes before they expire; one fetch at a time per scope.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <list>
#include <map>
#include <memory>
#include <string>

#include "modelcompare/sdk/host_services.hpp"
#include "token_credential.hpp"

namespace modelcompare::azure_auth {

class TokenCache {
 public:
  static constexpr std::chrono::minutes kRefreshMargin{2};

  // Every token obtained is registered with `host` as a secret, so logs and reports mask it.
  TokenCache(std::unique_ptr<TokenCredential> credential, sdk::HostServices& host);

  // A cached token while it has more than kRefreshMargin left, else a fresh one. `rejected` is a
  // token the service just refused (401): it is dropped, once, however many requests report it.
  // Used from coroutines on one io_context thread; concurrent callers share one fetch.
  boost::asio::awaitable<TokenOutcome> get(const std::string& scope,
                                           const std::string& rejected = {});

 private:
  struct Entry {
    std::optional<AccessToken> token;
    bool fetching = false;
    int generation = 0;         // fetches finished
    TokenOutcome last_failure;  // of the last fetch, handed to those who waited for it
    std::list<boost::asio::steady_timer*> waiters;
  };
  std::unique_ptr<TokenCredential> credential_;
  sdk::HostServices& host_;
  std::map<std::string, Entry> entries_;
};

}  // namespace modelcompare::azure_auth
