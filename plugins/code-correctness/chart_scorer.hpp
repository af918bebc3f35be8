// Scores what an answer's code drew against an expectation file.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "execution_report.hpp"
#include "expectation.hpp"

namespace modelcompare::code_correctness {

struct Scorecard {
  double score = 0;
  bool passed = false;
  // One sub-score per checked criterion (runs, chart, data, labels, colors, title, legend,
  // saves), "findings" a person can read, and "figure": the drawn chart that was scored.
  nlohmann::json details = nlohmann::json::object();
};

// The score is the weighted mean of the checked criteria (data counts twice); with several
// figures the best-matching one is scored. `provider` fills {{provider}} in "saves".
Scorecard score_chart(const Expectation& expectation, const ExecutionReport& execution,
                      const std::string& provider);

}  // namespace modelcompare::code_correctness
