// Which conversations a run holds: every provider × scenario × repeat (× dataset row, later),
// after --only and --repeat.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "config/config.hpp"

namespace modelcompare::run {

struct Conversation {
  std::size_t provider = 0;  // index into Config::providers
  std::size_t scenario = 0;  // index into Config::scenarios
  int repeat = 0;
  std::string case_key;  // stable identity within the scenario
  nlohmann::json vars;   // {{provider}}, {{scenario}}, ... for templates
};

struct PlanFilter {
  std::vector<std::string> only;  // provider or scenario ids; empty: everything
  std::optional<int> repeat;      // overrides every scenario's repeat
};

// Throws std::invalid_argument when an --only id names no provider or scenario.
std::vector<Conversation> plan_conversations(const config::Config& config,
                                             const PlanFilter& filter);

// Cases (turns) the plan holds.
std::size_t count_cases(const config::Config& config, const std::vector<Conversation>& plan);

}  // namespace modelcompare::run
