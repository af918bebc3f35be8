// The mock provider's options, read and checked from a provider's "options" object.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "mock/failure_injection.hpp"
#include "modelcompare/sdk/plugin.hpp"

namespace modelcompare::mock {

// Used when neither the responses file nor the `template` option has an answer for a case.
inline constexpr const char* kDefaultTemplate =
    "Mock answer from {{provider}} for scenario {{scenario}}, turn {{turn}}, repeat {{repeat}}. "
    "I received {{messages}} messages ({{images}} images); the last one says: {{prompt}}";

struct MockOptions {
  std::optional<std::filesystem::path> responses;  // resolved against the config's folder
  std::optional<std::string> answer_template;      // option "template"
  std::chrono::milliseconds ttft{0};
  std::optional<std::chrono::milliseconds> latency;  // total; else ttft + ms_per_token × tokens
  double ms_per_token = 0.0;
  double jitter = 0.0;                               // ± share of the latency, per case
  std::optional<std::chrono::milliseconds> timeout;  // how long an injected timeout hangs
  FailureRates failures;
  std::uint64_t seed = 0;
  int max_in_flight = 4;
  std::string model = "mock";
  std::string deployment;  // defaults to the provider id
};

// Throws PluginError with one line naming the provider and the option at fault.
MockOptions parse_mock_options(const sdk::PluginContext& context);

}  // namespace modelcompare::mock
