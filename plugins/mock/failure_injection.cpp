#include "mock/failure_injection.hpp"

namespace modelcompare::mock {

const char* to_string(InjectedFailure failure) {
  switch (failure) {
    case InjectedFailure::none: return "none";
    case InjectedFailure::rate_limited: return "rate_limited";
    case InjectedFailure::server_error: return "server_error";
    case InjectedFailure::timeout: return "timeout";
    case InjectedFailure::malformed: return "malformed";
  }
  return "none";
}

InjectedFailure pick_failure(const FailureRates& rates, double draw) {
  double edge = rates.rate_limited;
  if (draw < edge) return InjectedFailure::rate_limited;
  edge += rates.server_error;
  if (draw < edge) return InjectedFailure::server_error;
  edge += rates.timeout;
  if (draw < edge) return InjectedFailure::timeout;
  edge += rates.malformed;
  if (draw < edge) return InjectedFailure::malformed;
  return InjectedFailure::none;
}

sdk::ErrorKind error_kind(InjectedFailure failure) {
  switch (failure) {
    case InjectedFailure::none: return sdk::ErrorKind::none;
    case InjectedFailure::rate_limited: return sdk::ErrorKind::rate_limited;
    case InjectedFailure::server_error: return sdk::ErrorKind::server_error;
    case InjectedFailure::timeout: return sdk::ErrorKind::timeout;
    case InjectedFailure::malformed: return sdk::ErrorKind::bad_response;
  }
  return sdk::ErrorKind::none;
}

std::string failure_message(InjectedFailure failure, std::string_view deployment,
                            std::chrono::milliseconds waited) {
  const std::string name(deployment);
  switch (failure) {
    case InjectedFailure::none: return {};
    case InjectedFailure::rate_limited:
      return "HTTP 429: Requests to the ChatCompletions_Create Operation under deployment '" +
             name +
             "' have exceeded the call rate limit of your current pricing tier. Please retry "
             "after 1 second. (injected by the mock provider)";
    case InjectedFailure::server_error:
      return "HTTP 500: The server had an error while processing your request. Sorry about "
             "that! (deployment '" +
             name + "'; injected by the mock provider)";
    case InjectedFailure::timeout:
      return "no response from deployment '" + name + "' within " + std::to_string(waited.count()) +
             " ms (injected by the mock provider)";
    case InjectedFailure::malformed:
      return "malformed response from deployment '" + name +
             "': the body is not valid JSON: unexpected end of input after "
             "'{\"id\":\"chatcmpl-mock\","
             "\"choices\":[{' (injected by the mock provider)";
  }
  return {};
}

}  // namespace modelcompare::mock
