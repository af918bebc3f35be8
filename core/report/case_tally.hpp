// A run's cases reduced, one at a time, to what summary.json, report.md, report.html and the
// charts read: per provider the counts, token and cost sums and latencies; every evaluator's score
// per case (ScoreTable); the case turns; the first cases and failures report.md lists. A run of any
// size is held at a few dozen bytes a case (results.jsonl and results.csv stream the records).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "report/score_table.hpp"
#include "store/case_record.hpp"

namespace modelcompare::report {

struct ProviderTally {
  std::size_t cases = 0, ok = 0, errors = 0, skipped = 0, retries = 0, cached = 0;
  std::int64_t prompt_tokens = 0, completion_tokens = 0, total_tokens = 0;
  std::int64_t cached_prompt_tokens = 0;
  // Tokens the llm-judge evaluator spent grading (details.judge.usage), apart from the model's.
  std::int64_t judge_prompt_tokens = 0, judge_completion_tokens = 0;
  std::optional<double> cost_usd;  // over the cases with a cost; none when no case had one
  std::map<std::string, std::size_t> error_kinds;
  // Of the answered cases: latency, time to first token, and generation speed (tokens over the
  // time after the first token, all of it without TTFT).
  std::vector<double> latencies_ms, ttfts_ms, generated_tokens_per_second;
};

class CaseTally {
 public:
  // report.md lists at most this many cases and this many failures.
  static constexpr std::size_t kListedRows = 500;

  CaseTally() = default;
  explicit CaseTally(const std::vector<store::CaseRecord>& cases);

  // `record` as reported: priced, its answer text not needed.
  void add(const store::CaseRecord& record);

  std::size_t cases() const { return cases_; }
  std::size_t failures() const { return failures_; }
  // By provider id, in the order the providers first appear.
  const std::vector<std::pair<std::string, ProviderTally>>& providers() const { return providers_; }
  const ScoreTable& scores() const { return scores_; }
  // The distinct (scenario, row, turn) of the cases, report.html's case groups: how many, and the
  // first `n` in case order (as identities of repeat 0).
  std::size_t case_turn_count() const;
  std::set<CaseIdentity> first_case_turns(std::size_t n) const;
  // The first kListedRows cases and failures in the order added, compact (store/compact_case.hpp).
  const std::vector<store::CaseRecord>& listed_cases() const { return listed_cases_; }
  const std::vector<store::CaseRecord>& listed_failures() const { return listed_failures_; }

 private:
  ProviderTally& provider(const std::string& id);
  // Visits the case turns in case order until `visit` returns false.
  template <typename Visit>
  void each_case_turn(Visit visit) const;

  std::size_t cases_ = 0, failures_ = 0;
  std::vector<std::pair<std::string, ProviderTally>> providers_;
  ScoreTable scores_;
  std::vector<store::CaseRecord> listed_cases_, listed_failures_;
};

}  // namespace modelcompare::report
