// Reads the grade out of a judge's reply. The documented formats, tried in this order:
//   1. a line `SCORE: 7/10` (the last such line; `**Score:** 7 / 10`, `Score = 7` also do);
//   2. a JSON object with a numeric "score" (the whole reply or a fenced ```json block), with an
//      optional "reason".
#pragma once

#include <optional>
#include <string>

namespace modelcompare::llm_judge {

struct Grade {
  double points = 0;   // in [0, scale]
  std::string reason;  // the reply without the score line, or the JSON's "reason"
};

struct GradeReading {
  std::optional<Grade> grade;
  std::string problem;  // when !grade: why, in one line ("no line SCORE: N/10", "12 is above 10")
};

GradeReading read_grade(const std::string& reply, int scale);

// A number as the judge's findings show it: "7", "0.5", "12.25" (%g).
std::string plain_number(double number);

}  // namespace modelcompare::llm_judge
