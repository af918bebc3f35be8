#include "report/markdown_report.hpp"

#include <set>
#include <sstream>

#include "report/number_text.hpp"

namespace modelcompare::report {
namespace {

std::string more_rows(std::size_t shown, std::size_t total) {
  return "\n" + std::to_string(shown) + " of " + std::to_string(total) +
         " rows shown; every case is in results.csv and results.jsonl.\n";
}

std::string score_cell(const nlohmann::json& interval) {
  if (!interval.is_object()) return "–";
  const auto& ci = interval["ci95"];
  return number_text(interval["mean"], "%.2f") + " [" + number_text(ci[0], "%.2f") + ", " +
         number_text(ci[1], "%.2f") + "]";
}

// Keeps a table cell on one line.
std::string cell(std::string text, std::size_t limit = 120) {
  for (auto& c : text)
    if (c == '\n' || c == '\r') c = ' ';
  std::string out;
  for (char c : text) out += c == '|' ? std::string("\\|") : std::string(1, c);
  if (out.size() > limit) out = out.substr(0, limit) + "…";
  return out;
}

}  // namespace

std::string markdown_report(const nlohmann::json& summary, const CaseTally& cases) {
  std::ostringstream md;
  md << "# " << summary.value("name", std::string("run")) << "\n\n";
  md << "Started " << summary.value("started_at", std::string("?")) << ", state "
     << summary.value("state", std::string("?")) << ", " << cases.cases() << " cases.\n\n";

  const auto& recommendation = summary.value("recommendation", nlohmann::json());
  md << "## Recommendation\n\n";
  if (recommendation.is_object()) {
    md << "**"
       << (recommendation["chosen"].is_string() ? recommendation["chosen"].get<std::string>()
                                                : std::string("No model chosen"))
       << "**. " << recommendation.value("rationale", std::string()) << "\n";
  } else {
    md << "No evaluator scored any answer, so there is nothing to decide on.\n";
  }
  md << "\n";

  md << "## Providers\n\n"
     << "| provider | cases | ok | errors | skipped | retries | prompt tokens | completion tokens "
        "| cost per case | latency p50 / p90 / p99 ms | TTFT p50 ms |\n"
     << "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|\n";
  std::set<std::string> evaluators;
  for (const auto& p : summary["providers"]) {
    const auto& latency = p["latency_ms"];
    md << "| " << cell(p["id"].get<std::string>()) << " | " << p["cases"] << " | " << p["ok"]
       << " | " << p["errors"] << " | " << p["skipped"] << " | " << p["retries"] << " | "
       << p["tokens"]["prompt"] << " | " << p["tokens"]["completion"] << " | "
       << money_text(p.value("cost_per_case_usd", nlohmann::json())) << " | "
       << number_text(latency["p50"]) << " / " << number_text(latency["p90"]) << " / "
       << number_text(latency["p99"]) << " | " << number_text(p["ttft_ms"]["p50"]) << " |\n";
    for (const auto& [name, ignored] : p["evaluators"].items()) evaluators.insert(name);
  }

  if (!evaluators.empty()) {
    md << "\n## Scores\n\nMean score with its 95 % bootstrap interval over the answers that came "
          "back, then counting a case without an answer as 0; passes over the evaluated answers, "
          "and the pass rate (failures as 0) with its 95 % Wilson interval.\n\n| provider |";
    for (const auto& name : evaluators)
      md << " " << name << " | " << name << " (failures as 0) | " << name << " passed | pass % |";
    md << "\n|---|";
    for (std::size_t i = 0; i < evaluators.size(); ++i) md << "---|---|---:|---|";
    md << "\n";
    for (const auto& p : summary["providers"]) {
      md << "| " << cell(p["id"].get<std::string>()) << " |";
      for (const auto& name : evaluators) {
        if (!p["evaluators"].contains(name)) {
          md << " – | – | – | – |";
          continue;
        }
        const auto& e = p["evaluators"][name];
        const auto& rate = e.value("pass_failures_as_zero", nlohmann::json());
        md << " " << score_cell(e["over_answers"]) << " | " << score_cell(e["failures_as_zero"])
           << " | " << e["passed"] << "/" << e["evaluated"] << " | "
           << (rate.is_object() ? number_text(rate["rate"].get<double>() * 100) + " [" +
                                      number_text(rate["ci95"][0].get<double>() * 100) + ", " +
                                      number_text(rate["ci95"][1].get<double>() * 100) + "]"
                                : std::string("–"))
           << " |";
      }
      md << "\n";
    }
  }

  const auto& comparisons = summary.value("comparisons", nlohmann::json::array());
  if (!comparisons.empty()) {
    md << "\n## Paired comparisons\n\nMean of score(A) − score(B) over the cases both answered, "
          "with its 95 % paired-bootstrap interval; A beats B only when the interval excludes 0."
          "\n\n| evaluator | A | B | cases | A − B [95 %] | verdict "
          "|\n|---|---|---|---:|---|---|\n";
    for (const auto& c : comparisons)
      md << "| " << cell(c["evaluator"].get<std::string>()) << " | "
         << cell(c["a"].get<std::string>()) << " | " << cell(c["b"].get<std::string>()) << " | "
         << c["n"] << " | " << number_text(c["mean_difference"], "%+.3f") << " ["
         << number_text(c["ci95"][0], "%+.3f") << ", " << number_text(c["ci95"][1], "%+.3f")
         << "] | " << cell(c["verdict"].get<std::string>()) << " |\n";
  }

  const auto& server = summary.value("server_tokens", nlohmann::json());
  if (server.is_object() && server.contains("deployments") && server["deployments"].is_array()) {
    md << "\n## Tokens: ours and the server's\n\n| deployment | source | prompt (ours / server) | "
          "generated (ours / server) | total difference |\n|---|---|---:|---:|---:|\n";
    for (const auto& d : server["deployments"]) {
      const auto& local = d.value("local", nlohmann::json::object());
      const auto& theirs = d.value("server", nlohmann::json::object());
      const auto& difference = d.value("difference", nlohmann::json::object());
      const auto value = [](const nlohmann::json& o, const char* key) {
        return o.is_object() && o.contains(key) ? number_text(o[key]) : std::string("–");
      };
      const auto total =
          difference.is_object() ? difference.value("total_tokens", nlohmann::json()) : nullptr;
      md << "| " << cell(d.value("deployment", std::string("?"))) << " | "
         << cell(d.value("source", std::string("?"))) << " | " << value(local, "prompt_tokens")
         << " / " << value(theirs, "prompt_tokens") << " | " << value(local, "generated_tokens")
         << " / " << value(theirs, "generated_tokens") << " | " << value(total, "absolute") << " ("
         << (total.is_object() ? number_text(total.value("percent", nlohmann::json()), "%+.1f")
                               : "–")
         << " %) |\n";
    }
  }

  // Tables of at most CaseTally::kListedRows rows: report.md stays readable and small for a run of
  // thousands of cases, whose every case is in results.csv and results.jsonl.
  if (cases.failures() > 0) {
    md << "\n## Failures\n\n| provider | scenario | repeat | turn | status | error |\n"
       << "|---|---|---:|---:|---|---|\n";
    for (const auto& c : cases.listed_failures())
      md << "| " << cell(c.key.provider) << " | " << cell(c.key.case_key) << " | "
         << c.key.repeat + 1 << " | " << c.key.turn + 1 << " | " << store::to_string(c.status)
         << " | " << cell(c.error, 200) << " |\n";
    if (cases.failures() > cases.listed_failures().size())
      md << more_rows(cases.listed_failures().size(), cases.failures());
  }

  md << "\n## Cases\n\n| provider | scenario | repeat | turn | status | latency ms | tokens | "
        "scores |\n|---|---|---:|---:|---|---:|---:|---|\n";
  for (const auto& c : cases.listed_cases()) {
    std::string scores;
    for (const auto& e : c.evaluations)
      scores += (scores.empty() ? "" : ", ") + e.value("plugin", std::string("?")) + " " +
                number_text(e.value("score", nlohmann::json()), "%.2f") +
                (e.value("passed", false) ? " ✓" : " ✗");
    md << "| " << cell(c.key.provider) << " | " << cell(c.key.case_key) << " | " << c.key.repeat + 1
       << " | " << c.key.turn + 1 << " | " << store::to_string(c.status) << " | "
       << number_text(c.latency_ms) << " | " << c.usage.total_tokens << " | " << cell(scores)
       << " |\n";
  }
  if (cases.cases() > cases.listed_cases().size())
    md << more_rows(cases.listed_cases().size(), cases.cases());
  return md.str();
}

}  // namespace modelcompare::report
