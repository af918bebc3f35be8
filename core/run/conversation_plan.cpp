#include "run/conversation_plan.hpp"

#include <algorithm>
#include <stdexcept>

#include "config/close_match.hpp"

namespace modelcompare::run {

std::vector<Conversation> plan_conversations(const config::Config& config,
                                             const PlanFilter& filter) {
  std::vector<std::string> known;
  for (const auto& p : config.providers) known.push_back(p.id);
  for (const auto& s : config.scenarios) known.push_back(s.id);
  for (const auto& id : filter.only) {
    if (std::find(known.begin(), known.end(), id) != known.end()) continue;
    std::string message = "--only " + id + ": no provider or scenario has that id";
    if (auto guess = config::close_match(id, known)) message += " (did you mean " + *guess + "?)";
    throw std::invalid_argument(message);
  }
  const auto selected = [&](const std::string& id, bool provider) {
    if (filter.only.empty()) return true;
    // --only names providers, scenarios or both; a kind that is not named is not filtered.
    bool kind_named = false;
    for (const auto& only : filter.only) {
      const bool is_provider = std::any_of(config.providers.begin(), config.providers.end(),
                                           [&](const auto& p) { return p.id == only; });
      if (is_provider == provider) kind_named = true;
    }
    return !kind_named ||
           std::find(filter.only.begin(), filter.only.end(), id) != filter.only.end();
  };

  std::vector<Conversation> plan;
  for (std::size_t s = 0; s < config.scenarios.size(); ++s) {
    const auto& scenario = config.scenarios[s];
    if (!selected(scenario.id, false)) continue;
    const int repeats = filter.repeat.value_or(scenario.repeat);
    // Providers interleaved so every model makes progress from the start.
    for (int r = 0; r < repeats; ++r) {
      for (std::size_t p = 0; p < config.providers.size(); ++p) {
        if (!selected(config.providers[p].id, true)) continue;
        Conversation conversation;
        conversation.provider = p;
        conversation.scenario = s;
        conversation.repeat = r;
        conversation.case_key = scenario.id;
        conversation.vars = {
            {"provider", config.providers[p].id}, {"scenario", scenario.id}, {"repeat", r}};
        plan.push_back(std::move(conversation));
      }
    }
  }
  return plan;
}

std::size_t count_cases(const config::Config& config, const std::vector<Conversation>& plan) {
  std::size_t total = 0;
  for (const auto& c : plan) total += config.scenarios[c.scenario].turns.size();
  return total;
}

}  // namespace modelcompare::run
