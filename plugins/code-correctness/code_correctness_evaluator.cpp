#include "code_correctness_evaluator.hpp"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <set>

#include "chart_scorer.hpp"
#include "code_extractor.hpp"
#include "harness_location.hpp"
#include "job_files.hpp"
#include "python_candidates.hpp"

namespace modelcompare::code_correctness {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr std::size_t kMaxImageBytes = 32u << 20;

[[noreturn]] void option_error(const std::string& key, const std::string& what) {
  throw sdk::PluginError("code-correctness: option '" + key + "' " + what);
}

std::string string_option(const json& options, const std::string& key) {
  if (!options.contains(key)) return {};
  if (!options[key].is_string()) option_error(key, "must be a string, got " + options[key].dump());
  return options[key].get<std::string>();
}

std::string plain(double number) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", number);
  return buffer;
}

// Numbers may arrive as JSON numbers (configs) or strings (--option key=value).
std::optional<double> number_option(const json& options, const std::string& key, double min,
                                    double max) {
  if (!options.contains(key)) return std::nullopt;
  const auto& value = options[key];
  double number = 0;
  if (value.is_number()) {
    number = value.get<double>();
  } else if (value.is_string()) {
    const auto text = value.get<std::string>();
    char* end = nullptr;
    number = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size())
      option_error(key, "must be a number, got \"" + text + "\"");
  } else {
    option_error(key, "must be a number, got " + value.dump());
  }
  if (!(number >= min && number <= max))
    option_error(key,
                 "must be between " + plain(min) + " and " + plain(max) + ", got " + plain(number));
  return number;
}

std::string safe_name(std::string text) {
  for (char& c : text)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') c = '_';
  return text.empty() ? std::string("answer") : text;
}

}  // namespace

CodeCorrectnessEvaluator::CodeCorrectnessEvaluator(const sdk::PluginContext& context)
    : host_(context.host) {
  const auto& options = context.options;
  if (!options.is_object()) throw sdk::PluginError("code-correctness: options must be an object");
  static const std::set<std::string> known = {"expect",    "provider",        "python",
                                              "harness",   "timeout_seconds", "cpu_seconds",
                                              "memory_mb", "file_size_mb",    "processes"};
  for (const auto& [key, value] : options.items()) {
    if (!known.contains(key)) {
      std::string list;
      for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
      throw sdk::PluginError("code-correctness: unknown option '" + key + "' (known: " + list +
                             ")");
    }
  }
  if (const auto expect = string_option(options, "expect"); !expect.empty()) {
    try {
      expectation_ = load_expectation(context.resolve(expect));
    } catch (const std::invalid_argument& e) {
      throw sdk::PluginError(std::string("code-correctness: ") + e.what());
    }
  }
  provider_override_ = string_option(options, "provider");

  if (const auto timeout = number_option(options, "timeout_seconds", 0.1, 3600))
    limits_.timeout = std::chrono::milliseconds(static_cast<long long>(*timeout * 1000));
  limits_.cpu_seconds = static_cast<int>(std::ceil(limits_.timeout.count() / 1000.0)) + 1;
  if (const auto cpu = number_option(options, "cpu_seconds", 1, 3600))
    limits_.cpu_seconds = static_cast<int>(*cpu);
  if (const auto memory = number_option(options, "memory_mb", 64, 1 << 20))
    limits_.memory_bytes = static_cast<std::uint64_t>(*memory) << 20;
  if (const auto size = number_option(options, "file_size_mb", 1, 1 << 20))
    limits_.file_size_bytes = static_cast<std::uint64_t>(*size) << 20;
  if (const auto processes = number_option(options, "processes", 4, 4096))
    limits_.processes = static_cast<int>(*processes);

  if (const auto harness = string_option(options, "harness"); !harness.empty()) {
    harness_ = context.resolve(harness);
  } else {
    harness_ = this_library_folder() / kHarnessFileName;
  }
  if (!fs::is_regular_file(harness_))
    throw sdk::PluginError("code-correctness: the harness " + harness_.string() +
                           " is missing (it is installed beside the plugin library)");

  const auto candidates = python_candidates(
      string_option(options, "python"), std::getenv("MODELCOMPARE_PYTHON"), std::getenv("PATH"));
  pythons_ = candidates.paths;
  python_source_ = candidates.source;
  if (python_source_ != "default" && access(pythons_.front().c_str(), X_OK) != 0)
    throw sdk::PluginError("code-correctness: " + python_source_ + " names " +
                           pythons_.front().string() + ", which is not an executable file");
}

CodeCorrectnessEvaluator::~CodeCorrectnessEvaluator() = default;

ForkServer& CodeCorrectnessEvaluator::server() {
  std::lock_guard lock(start_mutex_);
  if (server_) return *server_;
  if (!host_) throw sdk::PluginError("code-correctness: no host services to run code with");
  // The first interpreter that can import matplotlib and start the harness wins.
  std::string tried;
  for (const auto& python : pythons_) {
    auto server = std::make_unique<ForkServer>(host_->sandbox(), python, harness_, limits_);
    try {
      server->start();
      host_->logger().info("code-correctness: running answers with " + python.string() + " (" +
                           server->isolation() + ")");
      server_ = std::move(server);
      return *server_;
    } catch (const std::exception& e) {
      tried += std::string(tried.empty() ? "" : "; ") + e.what();
    }
  }
  throw sdk::PluginError("code-correctness: no usable Python with matplotlib (" + python_source_ +
                         "): " + tried + ". Set the option python or MODELCOMPARE_PYTHON");
}

sdk::EvaluationResult CodeCorrectnessEvaluator::evaluate(const sdk::EvaluationInput& input) {
  sdk::EvaluationResult result;
  const auto extracted = extract_code(input.response);
  json code_details = {{"blocks", extracted.blocks}, {"choice", extracted.choice}};
  if (extracted.code.empty()) {
    result.details = {
        {"runs", 0.0}, {"findings", json::array({"no code found"})}, {"code", code_details}};
    return result;
  }
  const std::string provider = provider_override_.empty() ? input.provider_id : provider_override_;
  auto& runner = server();
  const auto execution = runner.execute(extracted.code);
  if (execution.status == "sandbox_error")
    throw sdk::PluginError("code-correctness: " + execution.error);

  const Expectation expectation = expectation_.value_or(Expectation{});
  auto card = score_chart(expectation, execution, provider);

  // Keep the code and what it drew beside the case: the scored figure's PNG first (lossless,
  // present even when the code saved nothing or saved a PDF), then the files the code saved.
  fs::path destination = input.artifacts_dir;
  if (destination.empty())
    destination =
        host_->scratch_dir() / "code-correctness" / safe_name(provider + "-" + input.case_key);
  std::error_code ec;
  fs::create_directories(destination, ec);
  {
    std::ofstream code_file(destination / "answer.py", std::ios::binary | std::ios::trunc);
    code_file << extracted.code;
  }
  result.artifacts.push_back({"code", "answer.py", destination / "answer.py"});
  json images = json::array();
  const int scored = card.details.contains("figure") ? card.details["figure"].value("index", 0) : 0;
  std::vector<sdk::Artifact> figure_images, saved_images;
  for (const auto& figure : execution.figures) {
    const int index = figure.value("index", 0);
    const auto png =
        figure.contains("png") && figure["png"].is_string() ? figure["png"].get<std::string>() : "";
    if (const auto file = job_file(execution.job_dir, png); !png.empty() && file) {
      const auto name = safe_name(provider.empty() ? "figure" : provider) + "-figure-" +
                        std::to_string(index) + ".png";
      const auto target = destination / "figures" / name;
      if (copy_job_file(*file, target, kMaxImageBytes)) {
        sdk::Artifact artifact{"image", "figure-" + std::to_string(index), target};
        if (index == scored)
          figure_images.insert(figure_images.begin(), artifact);
        else
          figure_images.push_back(artifact);
      }
    }
    for (const auto& save : figure.value("saves", json::array())) {
      if (!save.contains("path") || !save["path"].is_string()) continue;
      const auto relative = fs::path(save["path"].get<std::string>()).lexically_normal();
      if (const auto file = job_file(execution.job_dir, relative)) {
        const auto target = destination / relative;
        if (copy_job_file(*file, target, kMaxImageBytes))
          saved_images.push_back({"image", relative.string(), target});
      }
    }
  }
  for (auto* list : {&figure_images, &saved_images})
    for (auto& artifact : *list) {
      images.push_back(artifact.path.string());
      result.artifacts.push_back(std::move(artifact));
    }
  runner.discard(execution);

  result.score = card.score;
  result.passed = card.passed;
  result.details = std::move(card.details);
  result.details["execution"] = execution.to_json();
  result.details["code"] = code_details;
  result.details["images"] = images;
  if (!expectation_) result.details["findings"].push_back("no expectation file: only runs checked");
  return result;
}

}  // namespace modelcompare::code_correctness
