#include "token_cache.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace modelcompare::azure_auth {

namespace net = boost::asio;

TokenCache::TokenCache(std::unique_ptr<TokenCredential> credential, sdk::HostServices& host)
    : credential_(std::move(credential)), host_(host) {}

net::awaitable<TokenOutcome> TokenCache::get(const std::string& scope,
                                             const std::string& rejected) {
  Entry& entry = entries_[scope];  // std::map: the reference stays valid
  if (!rejected.empty() && entry.token && entry.token->token == rejected) entry.token.reset();
  while (entry.fetching) {
    const int generation = entry.generation;
    net::steady_timer timer(co_await net::this_coro::executor);
    timer.expires_after(std::chrono::minutes(5));
    auto it = entry.waiters.insert(entry.waiters.end(), &timer);
    co_await timer.async_wait(net::as_tuple(net::use_awaitable));
    entry.waiters.erase(it);
    if (entry.generation != generation && !entry.token) co_return entry.last_failure;
  }
  if (entry.token && entry.token->expires_on - kRefreshMargin > host_.now())
    co_return TokenOutcome::ok(*entry.token);

  entry.fetching = true;
  TokenOutcome outcome = co_await credential_->get_token(scope);
  entry.fetching = false;
  ++entry.generation;
  if (outcome.token) {
    host_.register_secret(outcome.token->token);
    entry.token = outcome.token;
  } else {
    entry.token.reset();
    entry.last_failure = outcome;
  }
  for (auto* waiter : entry.waiters) waiter->cancel();
  co_return outcome;
}

}  // namespace modelcompare::azure_auth
