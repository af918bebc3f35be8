#include <stdlib.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/cli_error.hpp"
#include "cli/commands.hpp"
#include "modelcompare/sdk/evaluator.hpp"
#include "plugins/plugin_registry.hpp"
#include "plugins/plugin_search_path.hpp"
#include "plugins/run_host_services.hpp"
#include "run/image_mime_type.hpp"

namespace modelcompare::cli {
namespace {

namespace fs = std::filesystem;

// KEY=VALUE, where VALUE is JSON when it parses as JSON (numbers, booleans, objects) and a
// string otherwise.
std::pair<std::string, nlohmann::json> parse_option(const std::string& text) {
  const auto equals = text.find('=');
  if (equals == std::string::npos || equals == 0)
    throw UsageError("evaluate: --option " + text + ": expected KEY=VALUE");
  const std::string key = text.substr(0, equals), value = text.substr(equals + 1);
  auto parsed = nlohmann::json::parse(value, nullptr, false);
  if (parsed.is_discarded() || parsed.is_string()) return {key, value};
  return {key, parsed};
}

std::string read_candidate(const fs::path& path) {
  std::error_code ec;
  if (!fs::exists(path, ec))
    throw UsageError("evaluate: --candidate " + path.string() + ": no such file");
  if (!fs::is_regular_file(path, ec))
    throw UsageError("evaluate: --candidate " + path.string() + ": not a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError("evaluate: --candidate " + path.string() + ": cannot be read");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

bool looks_like_image_name(const fs::path& path) {
  std::string extension = path.extension().string();
  for (auto& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return extension == ".png" || extension == ".jpg" || extension == ".jpeg" ||
         extension == ".gif" || extension == ".webp" || extension == ".bmp";
}

fs::path make_artifacts_dir() {
  std::string pattern = (fs::temp_directory_path() / "modelcompare-evaluate-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot create " + pattern);
  return pattern;
}

}  // namespace

int evaluate_command(const Arguments& args) {
  po::options_description options(
      "usage: modelcompare evaluate PLUGIN --candidate FILE [--option KEY=VALUE]... [--json]\n\n"
      "Scores one candidate with an evaluator plugin, as a run would score an answer. FILE is an\n"
      "answer (markdown or code) or, for image evaluators, a PNG/JPEG. Options are the plugin's\n"
      "own (see docs/plugins/); relative paths resolve against the current folder. Two are\n"
      "the host's: provider=NAME and scenario=NAME fill {{provider}} and {{scenario}}.\n"
      "Exit 0 when the candidate passes, 1 when it does not, 2 for bad input.\n\noptions");
  options.add_options()("help,h", "show this help")("candidate", po::value<std::string>(),
                                                    "the answer or image to score")(
      "option", po::value<std::vector<std::string>>()->composing(),
      "KEY=VALUE for the plugin (repeatable)")(
      "artifacts", po::value<std::string>(),
      "keep files the evaluator makes (e.g. drawn charts) here (default: a new folder in /tmp)")(
      "json", "print one JSON document {plugin, score, passed, details}")(
      "plugin", po::value<std::string>(), "the evaluator plugin");
  add_plugin_dir_option(options);
  po::positional_options_description positional;
  positional.add("plugin", 1);
  const auto vm = parse_arguments("evaluate", args, options, positional);
  if (vm.count("help")) {
    std::cout << options << "\n";
    return kSuccess;
  }
  if (!vm.count("plugin"))
    throw UsageError("evaluate: missing PLUGIN (see `modelcompare evaluate --help`)");
  if (!vm.count("candidate"))
    throw UsageError("evaluate: missing --candidate FILE (see `modelcompare evaluate --help`)");
  const std::string plugin = vm["plugin"].as<std::string>();
  const fs::path candidate = fs::absolute(vm["candidate"].as<std::string>());
  const std::string bytes = read_candidate(candidate);

  sdk::EvaluationInput input;
  input.provider_id = "candidate";
  input.scenario_id = "evaluate";
  input.case_key = "evaluate";
  nlohmann::json plugin_options = nlohmann::json::object();
  if (vm.count("option")) {
    for (const auto& text : vm["option"].as<std::vector<std::string>>()) {
      auto [key, value] = parse_option(text);
      if (key == "provider" || key == "scenario") {
        if (!value.is_string()) value = value.dump();
        (key == "provider" ? input.provider_id : input.scenario_id) = value.get<std::string>();
      } else {
        plugin_options[key] = value;
      }
    }
  }
  input.vars = {{"provider", input.provider_id}, {"scenario", input.scenario_id}};
  if (run::image_mime_type(bytes) || looks_like_image_name(candidate)) {
    // An image (or a file named like one, so a broken image gets the plugin's own error): image
    // evaluators take it as their candidate picture.
    plugin_options["candidate"] = candidate.string();
    input.artifacts.push_back({"image", "candidate", candidate});
  } else {
    input.response = bytes;
  }
  input.artifacts_dir = vm.count("artifacts") ? fs::absolute(vm["artifacts"].as<std::string>())
                                              : make_artifacts_dir();
  fs::create_directories(input.artifacts_dir);

  std::vector<fs::path> dirs;
  for (const auto& dir : plugin_dirs(vm)) dirs.emplace_back(dir);
  plugins::PluginRegistry registry;
  registry.scan_for(plugins::plugin_search_path(dirs), {{sdk::PluginKind::evaluator, plugin}});
  plugins::HostEnvironmentOptions host_options;
  host_options.dotenv_dir = fs::current_path();
  plugins::HostEnvironment host(host_options);

  sdk::PluginContext context;
  context.instance_id = plugin;
  context.options = plugin_options;
  context.base_dir = fs::current_path();
  context.host = &host.services_for(plugin);
  std::shared_ptr<sdk::Evaluator> evaluator;
  try {
    evaluator = registry.make_evaluator(plugin, context);
  } catch (const std::exception& e) {
    throw UsageError("evaluate: " + std::string(e.what()));
  }
  sdk::EvaluationResult result;
  try {
    result = evaluator->evaluate(input);
  } catch (const std::exception& e) {
    throw UsageError("evaluate: " + plugin + ": " + e.what());
  }
  const double score = std::clamp(result.score, 0.0, 1.0);
  if (vm.count("json")) {
    const nlohmann::json out = {{"plugin", plugin},
                                {"score", score},
                                {"passed", result.passed},
                                {"details", result.details}};
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else {
    std::printf("%s: score %.3f, %s\n", plugin.c_str(), score,
                result.passed ? "passed" : "not passed");
    std::cout << result.details.dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
              << "\n";
    if (!result.artifacts.empty()) {
      std::printf("files:\n");
      for (const auto& artifact : result.artifacts)
        std::printf("  %s %s\n", artifact.kind.c_str(), artifact.path.c_str());
    }
  }
  return result.passed ? kSuccess : kCasesFailed;
}

}  // namespace modelcompare::cli
