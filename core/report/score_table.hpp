// Every evaluator's score per provider and case, lined up so that two providers can be compared
// case by case (paired) and a case without an answer can count as 0 on the evaluators of its turn.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "report/statistics.hpp"
#include "store/case_record.hpp"

namespace modelcompare::report {

// The same case for every provider: scenario, row, repeat and turn.
struct CaseIdentity {
  std::string scenario;
  std::string case_key;
  int repeat = 0;
  int turn = 0;
  auto tie() const { return std::tie(scenario, case_key, repeat, turn); }
  bool operator<(const CaseIdentity& other) const { return tie() < other.tie(); }
};

class ScoreTable {
 public:
  // An evaluator applies to a (scenario, turn) when it scored any provider's answer there; a case
  // of that turn without an answer then scores 0 and does not pass.
  explicit ScoreTable(const std::vector<store::CaseRecord>& cases);

  struct Score {
    double value = 0;
    bool passed = false;
    bool answered = false;  // false: no answer, counted as 0
  };
  using Column = std::map<CaseIdentity, Score>;

  // Evaluator names in the order they first appear.
  const std::vector<std::string>& evaluators() const { return evaluators_; }

  std::vector<double> values(const std::string& provider, const std::string& evaluator,
                             bool failures_as_zero) const;
  std::optional<RateInterval> pass_rate(const std::string& provider, const std::string& evaluator,
                                        bool failures_as_zero) const;
  // score(a) − score(b) over the cases both providers have (failures count as 0).
  std::optional<MeanInterval> paired(const std::string& a, const std::string& b,
                                     const std::string& evaluator) const;

 private:
  const Column* column(const std::string& provider, const std::string& evaluator) const;

  std::vector<std::string> evaluators_;
  std::map<std::pair<std::string, std::string>, Column> columns_;  // (provider, evaluator)
};

}  // namespace modelcompare::report
