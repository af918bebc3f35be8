// A case record reduced to what a summary row reads (report.md's listed cases and failures, the
// exports' counting pass): the answer text, the row hash and the evaluators' details are dropped
// (results.jsonl, results.csv and report.html's shown answers read the full records from run.db).
#pragma once

#include "store/case_record.hpp"

namespace modelcompare::store {

// Keeps the key, status, usage, timings, cost, retries, error, model and times; of `extra` only
// "cached" (else null); of each evaluation only plugin, score, passed and details.judge.usage (the
// tokens an llm-judge spent, which the summary counts).
CaseRecord compact_case(CaseRecord record);

}  // namespace modelcompare::store
