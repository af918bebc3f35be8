#include "report/case_tally.hpp"

#include <algorithm>

#include "store/compact_case.hpp"

namespace modelcompare::report {
namespace {

bool from_cache(const store::CaseRecord& record) {
  return record.extra.is_object() && record.extra.value("cached", false);
}

void add_judge_usage(const nlohmann::json& evaluation, ProviderTally& tally) {
  if (!evaluation.contains("details") || !evaluation["details"].is_object()) return;
  const auto& details = evaluation["details"];
  if (!details.contains("judge") || !details["judge"].is_object()) return;
  const auto& usage = details["judge"].value("usage", nlohmann::json::object());
  if (!usage.is_object()) return;
  tally.judge_prompt_tokens += usage.value("prompt_tokens", std::int64_t{0});
  tally.judge_completion_tokens += usage.value("completion_tokens", std::int64_t{0});
}

}  // namespace

CaseTally::CaseTally(const std::vector<store::CaseRecord>& cases) {
  for (const auto& record : cases) add(record);
}

ProviderTally& CaseTally::provider(const std::string& id) {
  // A run compares a handful of providers: a linear search beats a map here.
  for (auto& [known, tally] : providers_)
    if (known == id) return tally;
  return providers_.emplace_back(id, ProviderTally{}).second;
}

void CaseTally::add(const store::CaseRecord& r) {
  ++cases_;
  auto& tally = provider(r.key.provider);
  ++tally.cases;
  tally.retries += std::size_t(r.retries);
  tally.prompt_tokens += r.usage.prompt_tokens;
  tally.completion_tokens += r.usage.completion_tokens;
  tally.total_tokens += r.usage.total_tokens;
  tally.cached_prompt_tokens += r.usage.cached_prompt_tokens.value_or(0);
  if (from_cache(r)) ++tally.cached;
  if (r.cost_usd) tally.cost_usd = tally.cost_usd.value_or(0) + *r.cost_usd;
  for (const auto& evaluation : r.evaluations) add_judge_usage(evaluation, tally);
  switch (r.status) {
    case store::CaseStatus::ok: {
      ++tally.ok;
      tally.latencies_ms.push_back(r.latency_ms);
      if (r.ttft_ms) tally.ttfts_ms.push_back(*r.ttft_ms);
      const double generating_ms = r.latency_ms - r.ttft_ms.value_or(0);
      if (r.usage.completion_tokens > 0 && generating_ms > 0)
        tally.generated_tokens_per_second.push_back(double(r.usage.completion_tokens) * 1000 /
                                                    generating_ms);
      break;
    }
    case store::CaseStatus::error:
      ++tally.errors;
      ++tally.error_kinds[r.error_kind];
      break;
    case store::CaseStatus::skipped: ++tally.skipped; break;
  }
  scores_.add(r);
  if (listed_cases_.size() < kListedRows) listed_cases_.push_back(store::compact_case(r));
  if (r.status != store::CaseStatus::ok) {
    ++failures_;
    if (listed_failures_.size() < kListedRows) listed_failures_.push_back(store::compact_case(r));
  }
}

template <typename Visit>
void CaseTally::each_case_turn(Visit visit) const {
  // The score table holds every case in (scenario, row, repeat, turn) order: within one row the
  // turns of all its repeats, sorted, are its case turns.
  const auto& cases = scores_.identities();
  for (auto row = cases.begin(); row != cases.end();) {
    std::set<int> turns;
    auto next = row;
    for (; next != cases.end() && next->first.scenario == row->first.scenario &&
           next->first.case_key == row->first.case_key;
         ++next)
      turns.insert(next->first.turn);
    for (int turn : turns)
      if (!visit(CaseIdentity{row->first.scenario, row->first.case_key, 0, turn})) return;
    row = next;
  }
}

std::size_t CaseTally::case_turn_count() const {
  std::size_t count = 0;
  each_case_turn([&](const CaseIdentity&) { return ++count, true; });
  return count;
}

std::set<CaseIdentity> CaseTally::first_case_turns(std::size_t n) const {
  std::set<CaseIdentity> first;
  if (n == 0) return first;
  each_case_turn([&](const CaseIdentity& turn) {
    first.insert(turn);
    return first.size() < n;
  });
  return first;
}

}  // namespace modelcompare::report
