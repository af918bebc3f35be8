#include "run/conversation_plan.hpp"

#include <algorithm>
#include <stdexcept>

#include "config/close_match.hpp"
#include "dataset/row_scan.hpp"
#include "dataset/row_source.hpp"

namespace modelcompare::run {

RunPlan plan_run(const config::Config& config, const PlanFilter& filter) {
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

  RunPlan plan;
  plan.shard = filter.shard;
  std::size_t ordinal = 0;  // of the scenario's first conversation
  for (std::size_t p = 0; p < config.providers.size(); ++p)
    if (selected(config.providers[p].id, true)) plan.providers.push_back(p);
  for (std::size_t s = 0; s < config.scenarios.size(); ++s) {
    const auto& scenario = config.scenarios[s];
    if (!selected(scenario.id, false)) continue;
    PlannedScenario planned;
    planned.index = s;
    planned.rows = dataset::scan_rows(scenario, config.source);
    planned.repeats = filter.repeat.value_or(scenario.repeat);
    const std::size_t all = planned.rows * std::size_t(planned.repeats);
    planned.conversations = filter.shard ? filter.shard->share_of(ordinal, all) : all;
    ordinal += all;
    plan.conversations_per_provider += planned.conversations;
    plan.cases += planned.conversations * scenario.turns.size() * plan.providers.size();
    plan.scenarios.push_back(planned);
  }
  plan.conversations = plan.conversations_per_provider * plan.providers.size();
  return plan;
}

ConversationStream::ConversationStream(const config::Config& config, const RunPlan& plan,
                                       std::size_t provider)
    : config_(&config), plan_(&plan), provider_(provider) {}
ConversationStream::~ConversationStream() = default;
ConversationStream::ConversationStream(ConversationStream&&) noexcept = default;

std::optional<Conversation> ConversationStream::next() {
  while (true) {
    if (row_ && repeat_ < plan_->scenarios[scenario_].repeats) {
      if (plan_->shard && !plan_->shard->holds(ordinal_++)) {
        ++repeat_;
        continue;
      }
      Conversation conversation = *row_;
      conversation.repeat = repeat_;
      conversation.vars["repeat"] = repeat_;
      ++repeat_;
      return conversation;
    }
    row_.reset();
    if (scenario_ >= plan_->scenarios.size()) return std::nullopt;
    const auto& planned = plan_->scenarios[scenario_];
    const auto& scenario = config_->scenarios[planned.index];
    if (!rows_) rows_ = dataset::open_rows(scenario, config_->source);
    auto row = rows_->next();
    if (!row) {
      rows_.reset();
      ++scenario_;
      continue;
    }
    Conversation conversation;
    conversation.provider = provider_;
    conversation.scenario = planned.index;
    conversation.case_key = std::move(row->key);
    conversation.row_hash = std::move(row->content_hash);
    // The row's values, then the built-in names, which a column cannot override.
    conversation.vars = std::move(row->values);
    conversation.vars["provider"] = config_->providers[provider_].id;
    conversation.vars["scenario"] = scenario.id;
    row_ = std::move(conversation);
    repeat_ = 0;
  }
}

}  // namespace modelcompare::run
