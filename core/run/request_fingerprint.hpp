// The response cache's key for one request: everything that decides the answer (provider plugin,
// its options without secrets, the provider id, the whole conversation with images by content,
// the generation parameters, the repeat index), hashed.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "config/config.hpp"
#include "modelcompare/sdk/chat.hpp"

namespace modelcompare::run {

// Options with every key that names a secret (api_key, token, password, ...) removed, at any
// depth, so rotating a key keeps the cache and no secret feeds the fingerprint.
nlohmann::json options_without_secrets(const nlohmann::json& options);

// 64 hex digits.
std::string request_fingerprint(const config::ProviderConfig& provider,
                                const sdk::ChatRequest& request);

}  // namespace modelcompare::run
