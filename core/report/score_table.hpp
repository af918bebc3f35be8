// Every evaluator's score per provider and case, lined up so that two providers can be compared
// case by case (paired) and a case without an answer can count as 0 on the evaluators of its turn.
// Filled one case at a time, so a run's cases need not be held in memory.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
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
  ScoreTable() = default;
  explicit ScoreTable(const std::vector<store::CaseRecord>& cases);

  // An evaluator applies to a (scenario, turn) when it scored any provider's answer there; a case
  // of that turn without an answer then scores 0 and does not pass, whichever came first.
  void add(const store::CaseRecord& record);

  struct Score {
    double value = 0;
    bool passed = false;
    bool answered = false;  // false: no answer, counted as 0
  };

  // Evaluator names in the order they first appear.
  const std::vector<std::string>& evaluators() const { return evaluators_; }
  // Every case added, each once, in case order (with its index in the columns).
  const std::map<CaseIdentity, std::uint32_t>& identities() const { return identities_; }

  std::vector<double> values(const std::string& provider, const std::string& evaluator,
                             bool failures_as_zero) const;
  std::optional<RateInterval> pass_rate(const std::string& provider, const std::string& evaluator,
                                        bool failures_as_zero) const;
  // score(a) − score(b) over the cases both providers have (failures count as 0).
  std::optional<MeanInterval> paired(const std::string& a, const std::string& b,
                                     const std::string& evaluator) const;

 private:
  struct Entry {  // a Score and whether the case has one: 16 bytes
    double value = 0;
    bool passed = false;
    bool answered = false;
    bool present = false;
    Score score() const { return {value, passed, answered}; }
  };
  // One provider's scores on one evaluator, by case index: a few bytes a case, however many cases.
  using Column = std::vector<Entry>;
  using Turn = std::pair<std::string, int>;  // (scenario, turn)
  struct Unanswered {
    std::string provider;
    std::uint32_t index;
  };

  const Column* column(const std::string& provider, const std::string& evaluator) const;
  template <typename Visit>
  void each(const Column& column, Visit visit) const;
  // Sets the score unless `keep` and the column already has one.
  void put(const std::string& provider, const std::string& evaluator, std::uint32_t index,
           const Score& score, bool keep);

  std::vector<std::string> evaluators_;
  std::map<CaseIdentity, std::uint32_t> identities_;
  std::map<std::pair<std::string, std::string>, Column> columns_;  // (provider, evaluator)
  std::map<Turn, std::set<std::string>> applies_;                  // evaluators of a turn
  std::map<Turn, std::vector<Unanswered>> unanswered_;             // cases without an answer
};

}  // namespace modelcompare::report
