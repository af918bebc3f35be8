#include "report/score_table.hpp"

#include <algorithm>
#include <set>

namespace modelcompare::report {
namespace {

CaseIdentity identity_of(const store::CaseKey& key) {
  return {key.scenario, key.case_key, key.repeat, key.turn};
}

}  // namespace

ScoreTable::ScoreTable(const std::vector<store::CaseRecord>& cases) {
  std::map<std::pair<std::string, int>, std::set<std::string>> applies;  // (scenario, turn)
  for (const auto& record : cases) {
    for (const auto& evaluation : record.evaluations) {
      const auto name = evaluation.value("plugin", std::string("?"));
      if (std::find(evaluators_.begin(), evaluators_.end(), name) == evaluators_.end())
        evaluators_.push_back(name);
      applies[{record.key.scenario, record.key.turn}].insert(name);
      const double value = evaluation.contains("score") && evaluation["score"].is_number()
                               ? evaluation["score"].get<double>()
                               : 0.0;
      columns_[{record.key.provider, name}][identity_of(record.key)] = {
          value, evaluation.value("passed", false), true};
    }
  }
  for (const auto& record : cases) {
    if (record.status == store::CaseStatus::ok) continue;
    const auto it = applies.find({record.key.scenario, record.key.turn});
    if (it == applies.end()) continue;
    for (const auto& name : it->second)
      columns_[{record.key.provider, name}].emplace(identity_of(record.key), Score{});
  }
}

const ScoreTable::Column* ScoreTable::column(const std::string& provider,
                                             const std::string& evaluator) const {
  const auto it = columns_.find({provider, evaluator});
  return it == columns_.end() ? nullptr : &it->second;
}

std::vector<double> ScoreTable::values(const std::string& provider, const std::string& evaluator,
                                       bool failures_as_zero) const {
  std::vector<double> out;
  if (const auto* scores = column(provider, evaluator))
    for (const auto& [identity, score] : *scores)
      if (score.answered || failures_as_zero) out.push_back(score.value);
  return out;
}

std::optional<RateInterval> ScoreTable::pass_rate(const std::string& provider,
                                                  const std::string& evaluator,
                                                  bool failures_as_zero) const {
  std::size_t passed = 0, n = 0;
  if (const auto* scores = column(provider, evaluator))
    for (const auto& [identity, score] : *scores) {
      if (!score.answered && !failures_as_zero) continue;
      ++n;
      if (score.passed) ++passed;
    }
  return wilson_interval(passed, n);
}

std::optional<MeanInterval> ScoreTable::paired(const std::string& a, const std::string& b,
                                               const std::string& evaluator) const {
  const auto* left = column(a, evaluator);
  const auto* right = column(b, evaluator);
  if (!left || !right) return std::nullopt;
  std::vector<double> xs, ys;
  for (const auto& [identity, score] : *left) {
    const auto other = right->find(identity);
    if (other == right->end()) continue;
    xs.push_back(score.value);
    ys.push_back(other->second.value);
  }
  return paired_difference(xs, ys);
}

}  // namespace modelcompare::report
