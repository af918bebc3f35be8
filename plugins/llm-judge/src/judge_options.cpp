#include "judge_options.hpp"

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

#include "modelcompare/sdk/edit_distance.hpp"

namespace modelcompare::llm_judge {
namespace {

using nlohmann::json;

const std::vector<std::string>& known_options() {
  static const std::vector<std::string> known = {
      "judge",      "rubric",          "rubric_file",         "scale",
      "pass",       "reference_image", "attach_drawn_images", "max_images",
      "max_tokens", "temperature",     "timeout_seconds"};
  return known;
}

[[noreturn]] void option_error(const std::string& key, const std::string& what) {
  throw sdk::PluginError("llm-judge: option '" + key + "' " + what);
}

std::string string_option(const json& options, const std::string& key) {
  const auto& value = options[key];
  if (!value.is_string() || value.get<std::string>().empty())
    option_error(key, "must be a non-empty string, got " + value.dump());
  return value.get<std::string>();
}

// Numbers may come as JSON numbers (configs) or as text (`--option k=v` that did not parse).
double number_option(const json& options, const std::string& key, double min, double max,
                     bool whole) {
  const auto& value = options[key];
  double number = NAN;
  if (value.is_number()) {
    number = value.get<double>();
  } else if (value.is_string()) {
    const auto text = value.get<std::string>();
    char* end = nullptr;
    number = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size()) number = NAN;
  }
  char range[96];
  std::snprintf(range, sizeof range, "%s from %g to %g", whole ? "a whole number" : "a number", min,
                max);
  if (!(number >= min && number <= max) || (whole && number != std::floor(number)))
    option_error(key, std::string("must be ") + range + ", got " + value.dump());
  return number;
}

bool bool_option(const json& options, const std::string& key) {
  const auto& value = options[key];
  if (value.is_boolean()) return value.get<bool>();
  if (value == "true") return true;
  if (value == "false") return false;
  option_error(key, "must be true or false, got " + value.dump());
}

}  // namespace

JudgeOptions parse_judge_options(const sdk::PluginContext& context) {
  const auto& options = context.options;
  if (!options.is_object()) throw sdk::PluginError("llm-judge: options must be an object");
  for (const auto& [key, value] : options.items()) {
    const auto& known = known_options();
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    std::string message = "llm-judge: unknown option '" + key + "'", closest, list;
    std::size_t best = 3;
    for (const auto& name : known) {
      if (const auto d = sdk::edit_distance(key, name); d < best) best = d, closest = name;
      list += (list.empty() ? "" : ", ") + name;
    }
    if (!closest.empty()) message += " (did you mean '" + closest + "'?)";
    throw sdk::PluginError(message + "; known: " + list);
  }

  JudgeOptions parsed;
  parsed.base_dir = context.base_dir;
  if (!options.contains("judge"))
    throw sdk::PluginError(
        "llm-judge: option 'judge' is missing: the id of the provider in the "
        "config that grades the answers (e.g. \"gpt-4o\")");
  parsed.judge = string_option(options, "judge");

  const bool has_text = options.contains("rubric"), has_file = options.contains("rubric_file");
  if (has_text == has_file)
    throw sdk::PluginError(has_text ? "llm-judge: give 'rubric' or 'rubric_file', not both"
                                    : "llm-judge: option 'rubric' is missing: what a good answer "
                                      "does, as text (or 'rubric_file', a file beside the config)");
  if (has_text) {
    parsed.rubric = string_option(options, "rubric");
  } else {
    const std::string written = string_option(options, "rubric_file");
    std::ifstream in(context.resolve(written), std::ios::binary);
    if (!in) option_error("rubric_file", "'" + written + "': no such file");
    std::ostringstream text;
    text << in.rdbuf();
    parsed.rubric = text.str();
    if (parsed.rubric.find_first_not_of(" \t\r\n") == std::string::npos)
      option_error("rubric_file", "'" + written + "' is empty");
  }

  if (options.contains("scale")) parsed.scale = int(number_option(options, "scale", 1, 100, true));
  if (options.contains("pass")) parsed.pass = number_option(options, "pass", 0, 1, false);
  if (options.contains("reference_image"))
    parsed.reference_image = string_option(options, "reference_image");
  if (options.contains("attach_drawn_images"))
    parsed.attach_drawn_images = bool_option(options, "attach_drawn_images");
  if (options.contains("max_images"))
    parsed.max_images = int(number_option(options, "max_images", 0, 8, true));
  if (options.contains("max_tokens"))
    parsed.max_tokens = int(number_option(options, "max_tokens", 16, 32768, true));
  if (options.contains("temperature"))
    parsed.temperature = number_option(options, "temperature", 0, 2, false);
  if (options.contains("timeout_seconds"))
    parsed.timeout = std::chrono::seconds(
        std::int64_t(number_option(options, "timeout_seconds", 1, 3600, true)));
  return parsed;
}

}  // namespace modelcompare::llm_judge
