// The value types of an evaluation: one answer in, one score with findings out.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "modelcompare/sdk/chat.hpp"

namespace modelcompare::sdk {

// A file an evaluator made that later evaluators of the same turn (and the report) may use,
// e.g. {"image", "figure-1", ".../imgs/gpt-4o.jpg"} drawn by the answer's code.
struct Artifact {
  std::string kind;  // "image", "code", "text", ...
  std::string name;
  std::filesystem::path path;
};

struct EvaluationInput {
  std::string provider_id;
  std::string scenario_id;
  std::string case_key;
  int turn = 0;
  int repeat = 0;
  std::string response;               // the answer being judged
  std::vector<Message> conversation;  // everything sent, ending with this turn's user message
  nlohmann::json vars = nlohmann::json::object();  // the case's variables (dataset row)
  std::filesystem::path artifacts_dir;             // where this case's files belong
  std::vector<Artifact> artifacts;                 // made by the evaluators before this one
};

struct EvaluationResult {
  double score = 0.0;  // in [0, 1]
  bool passed = false;
  nlohmann::json details = nlohmann::json::object();  // the evaluator's sub-scores and findings
  std::vector<Artifact> artifacts;                    // files this evaluator made
};

}  // namespace modelcompare::sdk
