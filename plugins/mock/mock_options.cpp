#include "mock/mock_options.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <string_view>
#include <vector>

#include "modelcompare/sdk/edit_distance.hpp"

namespace modelcompare::mock {
namespace {

using nlohmann::json;

constexpr std::array kOptionNames = {"responses",    "template",      "ttft_ms",    "latency_ms",
                                     "ms_per_token", "jitter",        "timeout_ms", "failures",
                                     "seed",         "max_in_flight", "model",      "deployment"};
constexpr std::array kFailureNames = {"rate_limited", "server_error", "timeout", "malformed"};

template <std::size_t N>
std::string known_names(const std::array<const char*, N>& names) {
  std::string out;
  for (const char* name : names) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

// "unknown option 'latncy_ms' (did you mean 'latency_ms'?)", or the list of known ones.
// `key` is compared with `names`; `shown` is how the message names it.
template <std::size_t N>
std::string unknown_key(std::string_view what, const std::string& key, const std::string& shown,
                        const std::array<const char*, N>& names) {
  const char* best = nullptr;
  std::size_t best_distance = std::numeric_limits<std::size_t>::max();
  for (const char* name : names) {
    const auto distance = sdk::edit_distance(key, name);
    if (distance < best_distance) {
      best_distance = distance;
      best = name;
    }
  }
  std::string message = "unknown " + std::string(what) + " '" + shown + "'";
  if (best && best_distance <= std::max<std::size_t>(2, key.size() / 3))
    return message + " (did you mean '" + best + "'?)";
  return message + " (known: " + known_names(names) + ")";
}

class OptionReader {
 public:
  explicit OptionReader(const sdk::PluginContext& context)
      : prefix_("mock provider '" + context.instance_id + "': ") {}

  [[noreturn]] void fail(const std::string& message) const {
    throw sdk::PluginError(prefix_ + message);
  }

  std::string string(const json& value, const std::string& key) const {
    if (!value.is_string()) fail("option '" + key + "' must be a string, got " + value.dump());
    return value.get<std::string>();
  }

  std::int64_t integer(const json& value, const std::string& key, std::int64_t min,
                       std::int64_t max) const {
    const bool in_range =
        value.is_number_integer() &&
        !(value.is_number_unsigned() &&
          value.get<std::uint64_t>() >
              static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()));
    if (!in_range || value.get<std::int64_t>() < min || value.get<std::int64_t>() > max) {
      fail("option '" + key + "' must be an integer from " + std::to_string(min) + " to " +
           std::to_string(max) + ", got " + value.dump());
    }
    return value.get<std::int64_t>();
  }

  double number(const json& value, const std::string& key, double min, double max) const {
    if (!value.is_number() || value.get<double>() < min || value.get<double>() > max) {
      fail("option '" + key + "' must be a number from " + json(min).dump() + " to " +
           json(max).dump() + ", got " + value.dump());
    }
    return value.get<double>();
  }

  std::chrono::milliseconds millis(const json& value, const std::string& key) const {
    // An hour is far beyond any simulated latency; a larger value is a typo (seconds vs ms).
    return std::chrono::milliseconds(integer(value, key, 0, 3'600'000));
  }

 private:
  std::string prefix_;
};

FailureRates parse_failures(const json& value, const OptionReader& reader) {
  if (!value.is_object())
    reader.fail("option 'failures' must be an object of rates by kind, got " + value.dump());
  FailureRates rates;
  for (const auto& [kind, rate_value] : value.items()) {
    const std::string key = "failures." + kind;
    if (kind == "rate_limited") {
      rates.rate_limited = reader.number(rate_value, key, 0, 1);
    } else if (kind == "server_error") {
      rates.server_error = reader.number(rate_value, key, 0, 1);
    } else if (kind == "timeout") {
      rates.timeout = reader.number(rate_value, key, 0, 1);
    } else if (kind == "malformed") {
      rates.malformed = reader.number(rate_value, key, 0, 1);
    } else {
      reader.fail(unknown_key("failure kind", kind, key, kFailureNames));
    }
  }
  if (rates.total() > 1.0 + 1e-9)
    reader.fail("option 'failures': the rates add up to " + json(rates.total()).dump() +
                ", more than 1");
  return rates;
}

}  // namespace

MockOptions parse_mock_options(const sdk::PluginContext& context) {
  const OptionReader reader(context);
  const json& options = context.options;
  MockOptions parsed;
  parsed.deployment = context.instance_id;
  if (options.is_null()) return parsed;
  if (!options.is_object()) reader.fail("options must be an object, got " + options.dump());

  for (const auto& [key, value] : options.items()) {
    if (key == "responses") {
      const auto path = reader.string(value, key);
      if (path.empty()) reader.fail("option 'responses' must name a file, got an empty string");
      parsed.responses = context.resolve(path);
    } else if (key == "template") {
      parsed.answer_template = reader.string(value, key);
    } else if (key == "ttft_ms") {
      parsed.ttft = reader.millis(value, key);
    } else if (key == "latency_ms") {
      parsed.latency = reader.millis(value, key);
    } else if (key == "ms_per_token") {
      parsed.ms_per_token = reader.number(value, key, 0, 10'000);
    } else if (key == "jitter") {
      parsed.jitter = reader.number(value, key, 0, 1);
    } else if (key == "timeout_ms") {
      parsed.timeout = reader.millis(value, key);
    } else if (key == "failures") {
      parsed.failures = parse_failures(value, reader);
    } else if (key == "seed") {
      parsed.seed = static_cast<std::uint64_t>(
          reader.integer(value, key, 0, std::numeric_limits<std::int64_t>::max()));
    } else if (key == "max_in_flight") {
      parsed.max_in_flight = static_cast<int>(reader.integer(value, key, 1, 1024));
    } else if (key == "model") {
      parsed.model = reader.string(value, key);
    } else if (key == "deployment") {
      parsed.deployment = reader.string(value, key);
    } else {
      reader.fail(unknown_key("option", key, key, kOptionNames));
    }
  }

  if (parsed.latency && options.contains("ms_per_token"))
    reader.fail("options 'latency_ms' and 'ms_per_token' exclude each other: give one");
  if (parsed.latency && *parsed.latency < parsed.ttft) {
    reader.fail("option 'latency_ms' (" + std::to_string(parsed.latency->count()) +
                ") must not be less than 'ttft_ms' (" + std::to_string(parsed.ttft.count()) +
                "): the first token cannot come after the whole answer");
  }
  return parsed;
}

}  // namespace modelcompare::mock
