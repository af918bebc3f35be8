// What one chat completion request looks like on the wire for the configured API style.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "modelcompare/sdk/chat.hpp"
#include "modelcompare/sdk/http.hpp"
#include "provider_options.hpp"

namespace modelcompare::azure_openai {

std::string chat_completions_url(const ProviderOptions& options);

// The JSON body: the whole conversation, generation parameters, streaming switches.
// Throws sdk::PluginError for requests the API cannot take (e.g. temperature > 1 on
// model-inference, an image that is no image).
nlohmann::json chat_completions_body(const ProviderOptions& options,
                                     const sdk::ChatRequest& request);

// Content type and accept headers; authentication is added by the caller.
sdk::HttpHeaders chat_completions_headers(const ProviderOptions& options);

}  // namespace modelcompare::azure_openai
