// Which conversations a run holds: every provider × scenario × dataset row × repeat, after --only
// and --repeat. Rows are never all in memory: plan_run counts and checks them in one streaming
// pass, and each provider then pulls its conversations one at a time from a ConversationStream.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "run/shard.hpp"

namespace modelcompare::dataset {
class RowSource;
}

namespace modelcompare::run {

struct Conversation {
  std::size_t provider = 0;  // index into Config::providers
  std::size_t scenario = 0;  // index into Config::scenarios
  int repeat = 0;
  std::string case_key;  // stable identity within the scenario: the row key, else the scenario id
  std::string row_hash;  // the row's content hash; empty for a scenario without rows
  nlohmann::json vars;   // {{provider}}, {{scenario}}, {{repeat}} and the row's values
};

struct PlanFilter {
  std::vector<std::string> only;  // provider or scenario ids; empty: everything
  std::optional<int> repeat;      // overrides every scenario's repeat
  std::optional<Shard> shard;     // --shard: only this slice of every provider's conversations
};

struct PlannedScenario {
  std::size_t index = 0;  // into Config::scenarios
  std::size_t rows = 0;
  int repeats = 1;
  std::size_t conversations = 0;  // per provider, in this shard
};

struct RunPlan {
  std::vector<std::size_t> providers;  // selected, in config order
  std::vector<PlannedScenario> scenarios;
  std::size_t conversations_per_provider = 0;
  std::size_t conversations = 0;
  std::size_t cases = 0;  // turns of all conversations
  std::optional<Shard> shard;
};

// Throws std::invalid_argument when an --only id names no provider or scenario, and
// dataset::DatasetError for a row that cannot be used (see dataset/row_scan.hpp).
RunPlan plan_run(const config::Config& config, const PlanFilter& filter);

// One provider's conversations in plan order (scenario, row, repeat), made as they are pulled;
// with a shard, only the shard's.
class ConversationStream {
 public:
  ConversationStream(const config::Config& config, const RunPlan& plan, std::size_t provider);
  ~ConversationStream();
  ConversationStream(ConversationStream&&) noexcept;

  // The next conversation, or nothing at the end. Throws dataset::DatasetError if a dataset
  // changed under the run so that a row can no longer be read.
  std::optional<Conversation> next();

 private:
  const config::Config* config_;
  const RunPlan* plan_;
  std::size_t provider_;
  std::size_t scenario_ = 0;  // into plan_->scenarios
  std::unique_ptr<dataset::RowSource> rows_;
  std::optional<Conversation> row_;  // the current row's conversation, repeat 0
  int repeat_ = 0;
  std::size_t ordinal_ = 0;  // of the next conversation in the whole plan, for the shard
};

}  // namespace modelcompare::run
