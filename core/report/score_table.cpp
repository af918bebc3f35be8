#include "report/score_table.hpp"

#include <algorithm>

namespace modelcompare::report {

ScoreTable::ScoreTable(const std::vector<store::CaseRecord>& cases) {
  for (const auto& record : cases) add(record);
}

void ScoreTable::add(const store::CaseRecord& record) {
  const auto& key = record.key;
  const auto index = identities_
                         .emplace(CaseIdentity{key.scenario, key.case_key, key.repeat, key.turn},
                                  std::uint32_t(identities_.size()))
                         .first->second;
  const Turn turn{key.scenario, key.turn};
  for (const auto& evaluation : record.evaluations) {
    const auto name = evaluation.value("plugin", std::string("?"));
    if (std::find(evaluators_.begin(), evaluators_.end(), name) == evaluators_.end())
      evaluators_.push_back(name);
    const double value = evaluation.contains("score") && evaluation["score"].is_number()
                             ? evaluation["score"].get<double>()
                             : 0.0;
    // A real score replaces the 0 an unanswered case of the same identity may have put there.
    put(key.provider, name, index, {value, evaluation.value("passed", false), true}, false);
    if (applies_[turn].insert(name).second) {
      // The evaluator applies to this turn from now on: the cases without an answer seen so far
      // count as 0 on it too.
      if (const auto it = unanswered_.find(turn); it != unanswered_.end())
        for (const auto& earlier : it->second) put(earlier.provider, name, earlier.index, {}, true);
    }
  }
  if (record.status == store::CaseStatus::ok) return;
  unanswered_[turn].push_back({key.provider, index});
  if (const auto it = applies_.find(turn); it != applies_.end())
    for (const auto& name : it->second) put(key.provider, name, index, {}, true);
}

void ScoreTable::put(const std::string& provider, const std::string& evaluator, std::uint32_t index,
                     const Score& score, bool keep) {
  auto& column = columns_[{provider, evaluator}];
  if (column.size() <= index) column.resize(std::max<std::size_t>(index + 1, identities_.size()));
  auto& entry = column[index];
  if (keep && entry.present) return;
  entry = {score.value, score.passed, score.answered, true};
}

const ScoreTable::Column* ScoreTable::column(const std::string& provider,
                                             const std::string& evaluator) const {
  const auto it = columns_.find({provider, evaluator});
  return it == columns_.end() ? nullptr : &it->second;
}

// A column's scores in case order: `visit(index, score)` for each case it has.
template <typename Visit>
void ScoreTable::each(const Column& column, Visit visit) const {
  for (const auto& [identity, index] : identities_)
    if (index < column.size() && column[index].present) visit(index, column[index].score());
}

std::vector<double> ScoreTable::values(const std::string& provider, const std::string& evaluator,
                                       bool failures_as_zero) const {
  std::vector<double> out;
  if (const auto* scores = column(provider, evaluator))
    each(*scores, [&](std::uint32_t, const Score& score) {
      if (score.answered || failures_as_zero) out.push_back(score.value);
    });
  return out;
}

std::optional<RateInterval> ScoreTable::pass_rate(const std::string& provider,
                                                  const std::string& evaluator,
                                                  bool failures_as_zero) const {
  std::size_t passed = 0, n = 0;
  if (const auto* scores = column(provider, evaluator))
    each(*scores, [&](std::uint32_t, const Score& score) {
      if (!score.answered && !failures_as_zero) return;
      ++n;
      if (score.passed) ++passed;
    });
  return wilson_interval(passed, n);
}

std::optional<MeanInterval> ScoreTable::paired(const std::string& a, const std::string& b,
                                               const std::string& evaluator) const {
  const auto* left = column(a, evaluator);
  const auto* right = column(b, evaluator);
  if (!left || !right) return std::nullopt;
  std::vector<double> xs, ys;
  each(*left, [&](std::uint32_t index, const Score& score) {
    if (index >= right->size() || !(*right)[index].present) return;
    xs.push_back(score.value);
    ys.push_back((*right)[index].value);
  });
  return paired_difference(xs, ys);
}

}  // namespace modelcompare::report
