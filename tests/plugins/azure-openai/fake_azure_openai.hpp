// A fake Azure OpenAI endpoint on 127.0.0.1 for the provider's tests. It checks the wire format
// of every request (path and api-version for the API style, auth header, body shape, image data
// URLs) and answers from a script; replies for Azure's real bodies and quirks are built here.
#pragma once

#include <deque>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "fake_http_server.hpp"

namespace modelcompare::testing {

struct FakeAzureExpectations {
  std::string api = "azure";               // azure, azure-v1, model-inference, openai
  std::string deployment = "gpt-4o";       // empty: any (api "azure" only)
  std::string api_version = "2024-10-21";  // empty: none expected
  std::string api_key;                     // expected in api-key (azure) or Bearer (others)
  std::string bearer_token;                // expected as Authorization: Bearer (entra)
  bool stream = true;
};

class FakeAzureOpenAi {
 public:
  explicit FakeAzureOpenAi(FakeAzureExpectations expect,
                           std::optional<TlsFiles> tls = std::nullopt);

  // Replies used in order, one per request; when none are left, `fallback` answers
  // (by default a plain success in the mode the client asked for).
  void script(std::vector<ScriptedReply> replies);
  void set_fallback(FakeHttpServer::Handler fallback);

  std::string endpoint() const { return server_.base_url(); }
  std::vector<ReceivedRequest> requests() const { return server_.requests(); }
  std::vector<nlohmann::json> bodies() const;
  // Every way a request broke the wire format, e.g. "request 2: api-version missing".
  std::vector<std::string> problems() const;
  int connections() const { return server_.connections_accepted(); }
  void expect_bearer(std::string token);

 private:
  ScriptedReply answer(const ReceivedRequest& request);
  void check(const ReceivedRequest& request, int index);

  FakeAzureExpectations expect_;
  mutable std::mutex mutex_;
  std::deque<ScriptedReply> script_;
  FakeHttpServer::Handler fallback_;
  std::vector<std::string> problems_;
  int count_ = 0;
  FakeHttpServer server_;  // last: it calls answer() until it is gone
};

namespace azure_replies {

// A whole chat.completion with usage (cached and reasoning details, nulls in them), filters,
// system_fingerprint and Azure's response headers.
ScriptedReply completion(const std::string& content, int prompt_tokens = 1156,
                         int completion_tokens = 80);
// A stream with Azure's quirks: first event with empty choices and prompt_filter_results,
// role-only delta, content pieces with filter results and unknown fields, the finish event,
// a content-filter event after it, the usage event (when `usage`), [DONE].
ScriptedReply stream(const std::vector<std::string>& pieces, bool usage = true,
                     std::chrono::milliseconds gap = std::chrono::milliseconds(0));
ScriptedReply too_many_requests(Headers headers);
ScriptedReply server_error();
ScriptedReply content_filter_400();  // the live body: innererror + content_filter_result
ScriptedReply unauthorized_401();
ScriptedReply deployment_not_found_404();
ScriptedReply bad_request_400(const std::string& message);

}  // namespace azure_replies
}  // namespace modelcompare::testing
