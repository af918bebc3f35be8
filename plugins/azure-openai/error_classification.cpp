#include "error_classification.hpp"

#include <nlohmann/json.hpp>

namespace modelcompare::azure_openai {
namespace {

using nlohmann::json;

std::string as_text(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number()) return value.dump();
  return {};
}

// Which content-filter categories said "filtered", e.g. "sexual (high), jailbreak".
std::string filtered_categories(const json& results) {
  std::string out;
  if (!results.is_object()) return out;
  for (const auto& [category, verdict] : results.items()) {
    if (!verdict.is_object() || !verdict.value("filtered", false)) continue;
    if (!out.empty()) out += ", ";
    out += category;
    if (auto severity = verdict.find("severity");
        severity != verdict.end() && severity->is_string())
      out += " (" + severity->get<std::string>() + ")";
  }
  return out;
}

std::string printable_start(std::string_view body) {
  std::string out;
  for (const char c : body.substr(0, 200)) out += (c == '\n' || c == '\r') ? ' ' : c;
  return body.size() > 200 ? out + "..." : out;
}

}  // namespace

ClassifiedError classify_http_status(int status, std::string_view body) {
  std::string code;
  std::string message;
  std::string filters;
  bool content_filter = false;
  try {
    const json parsed = json::parse(body);
    const json& error = parsed.contains("error") ? parsed["error"] : parsed;
    if (error.is_object()) {
      code = as_text(error.value("code", json()));
      message = as_text(error.value("message", json()));
      // The live service says "innererror" + "content_filter_result"; the spec says
      // "inner_error" + "content_filter_results". Accept all four spellings.
      for (const char* inner_key : {"innererror", "inner_error"}) {
        const auto inner = error.find(inner_key);
        if (inner == error.end() || !inner->is_object()) continue;
        if (inner->value("code", "") == "ResponsibleAIPolicyViolation") content_filter = true;
        for (const char* results_key : {"content_filter_result", "content_filter_results"})
          if (auto it = inner->find(results_key); it != inner->end())
            filters = filtered_categories(*it);
      }
    } else if (error.is_string()) {
      message = error.get<std::string>();
    }
  } catch (const json::exception&) {
    message = printable_start(body);
  }
  if (code == "content_filter") content_filter = true;

  ClassifiedError out;
  if (status == 401 || status == 403) {
    out.kind = sdk::ErrorKind::auth;
  } else if (status == 404) {
    out.kind = sdk::ErrorKind::not_found;
  } else if (status == 408) {
    out.kind = sdk::ErrorKind::timeout;
    out.retryable = true;
  } else if (status == 429) {
    out.kind = sdk::ErrorKind::rate_limited;
    out.retryable = true;
  } else if (status >= 500) {
    out.kind = sdk::ErrorKind::server_error;
    out.retryable = true;
  } else if (content_filter) {
    out.kind = sdk::ErrorKind::content_filter;
  } else {
    out.kind = sdk::ErrorKind::bad_request;
  }
  out.message = "HTTP " + std::to_string(status);
  if (!code.empty() && code != std::to_string(status)) out.message += " " + code;
  if (!message.empty()) out.message += ": " + message;
  if (!filters.empty()) out.message += " (filtered: " + filters + ")";
  return out;
}

ClassifiedError classify_transport(const sdk::HttpResponse& response) {
  ClassifiedError out;
  out.message = response.error_message;
  switch (response.error) {
    case sdk::TransportError::none: break;
    case sdk::TransportError::timeout: out.kind = sdk::ErrorKind::timeout; break;
    case sdk::TransportError::network:
      // Resets and refused connections are worth another try; the request may not have arrived.
      out.kind = sdk::ErrorKind::network;
      out.retryable = true;
      break;
    case sdk::TransportError::tls: out.kind = sdk::ErrorKind::network; break;
    case sdk::TransportError::too_large:
    case sdk::TransportError::bad_response: out.kind = sdk::ErrorKind::bad_response; break;
  }
  return out;
}

}  // namespace modelcompare::azure_openai
