// Turns an HTTP failure into the SDK's error kinds, with the server's own message.
#pragma once

#include <string>
#include <string_view>

#include "modelcompare/sdk/chat.hpp"
#include "modelcompare/sdk/http.hpp"

namespace modelcompare::azure_openai {

struct ClassifiedError {
  sdk::ErrorKind kind = sdk::ErrorKind::none;
  std::string message;  // e.g. "HTTP 404 DeploymentNotFound: The API deployment ... does not exist"
  bool retryable = false;
};

// A response with a status outside 2xx. Reads Azure's and OpenAI's error bodies
// ({"error":{"code","message","innererror":{"content_filter_result"}}}) and falls back to the
// body's start when it is not JSON.
ClassifiedError classify_http_status(int status, std::string_view body);

// A response that never completed (timeout, reset, TLS, oversize, malformed).
ClassifiedError classify_transport(const sdk::HttpResponse& response);

}  // namespace modelcompare::azure_openai
