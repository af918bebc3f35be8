// A provider answers chat requests: a model behind an API, or the local mock.
#pragma once

#include <boost/asio/awaitable.hpp>

#include "modelcompare/sdk/chat.hpp"
#include "modelcompare/sdk/plugin.hpp"

namespace modelcompare::sdk {

class MODELCOMPARE_VISIBLE Provider : public Plugin {
 public:
  // Runs on the host's io_context. Failures the user should see per case (HTTP errors, timeouts)
  // come back in ChatResult::error; a thrown exception fails the case as a plugin error.
  // Implementations handle their own rate limits and retries (the host calls concurrently, up to
  // the provider's max_in_flight).
  virtual boost::asio::awaitable<ChatResult> complete(const ChatRequest& request) = 0;

  // How many requests the host may have in flight at once for this provider.
  virtual int max_in_flight() const { return 4; }

  // The deployment or model name the server knows this provider by (for server-side metrics).
  virtual std::string deployment() const { return {}; }
};

}  // namespace modelcompare::sdk
