#include "report/results_csv.hpp"

#include <algorithm>
#include <cstdio>

namespace modelcompare::report {
namespace {

// Appends `text` as one CSV field: quoted, with quotes doubled, when it holds a comma, a quote or a
// line break.
void append_field(std::string& line, const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) {
    line += text;
    return;
  }
  line.reserve(line.size() + text.size() + 2);
  line += '"';
  for (char c : text) {
    if (c == '"') line += '"';
    line += c;
  }
  line += '"';
}

std::string field(const std::string& text) {
  std::string out;
  append_field(out, text);
  return out;
}

std::string number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6g", value);
  return buffer;
}

std::string number_or_empty(const std::optional<double>& value) {
  return value ? number(*value) : "";
}

}  // namespace

std::vector<std::string> evaluator_columns(const std::vector<store::CaseRecord>& cases) {
  std::vector<std::string> evaluators;
  for (const auto& record : cases)
    for (const auto& evaluation : record.evaluations) {
      const auto name = evaluation.value("plugin", std::string("?"));
      if (std::find(evaluators.begin(), evaluators.end(), name) == evaluators.end())
        evaluators.push_back(name);
    }
  return evaluators;
}

std::string results_csv_header(const std::vector<std::string>& evaluators) {
  std::string csv =
      "provider,scenario,case_key,repeat,turn,status,model,prompt_tokens,completion_tokens,"
      "total_tokens,cached_prompt_tokens,latency_ms,ttft_ms,cost_usd,retries,cached,error_kind,"
      "error,started_at,finished_at";
  for (const auto& name : evaluators)
    csv += "," + field(name + " score") + "," + field(name + " passed");
  return csv + ",response\r\n";
}

std::string results_csv_row(const store::CaseRecord& r,
                            const std::vector<std::string>& evaluators) {
  const bool cached = r.extra.is_object() && r.extra.value("cached", false);
  std::vector<std::string> row = {
      r.key.provider,
      r.key.scenario,
      r.key.case_key,
      std::to_string(r.key.repeat + 1),
      std::to_string(r.key.turn + 1),
      store::to_string(r.status),
      r.model,
      std::to_string(r.usage.prompt_tokens),
      std::to_string(r.usage.completion_tokens),
      std::to_string(r.usage.total_tokens),
      r.usage.cached_prompt_tokens ? std::to_string(*r.usage.cached_prompt_tokens) : "",
      r.status == store::CaseStatus::skipped ? "" : number(r.latency_ms),
      number_or_empty(r.ttft_ms),
      number_or_empty(r.cost_usd),
      std::to_string(r.retries),
      cached ? "true" : "false",
      r.error_kind,
      r.error,
      r.started_at,
      r.finished_at};
  for (const auto& name : evaluators) {
    std::string score, passed;
    for (const auto& evaluation : r.evaluations) {
      if (evaluation.value("plugin", std::string("?")) != name) continue;
      if (evaluation.contains("score") && evaluation["score"].is_number())
        score = number(evaluation["score"].get<double>());
      passed = evaluation.value("passed", false) ? "true" : "false";
    }
    row.push_back(score);
    row.push_back(passed);
  }
  row.push_back(r.response);
  std::string line;
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (i) line += ',';
    append_field(line, row[i]);
  }
  return line + "\r\n";
}

std::string results_csv(const std::vector<store::CaseRecord>& cases) {
  const auto evaluators = evaluator_columns(cases);
  std::string csv = results_csv_header(evaluators);
  for (const auto& record : cases) csv += results_csv_row(record, evaluators);
  return csv;
}

}  // namespace modelcompare::report
