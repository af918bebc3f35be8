#include "report/html_report.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "modelcompare/sdk/base64.hpp"
#include "report/number_text.hpp"
#include "report/score_table.hpp"

namespace modelcompare::report {
namespace {

namespace fs = std::filesystem;
constexpr std::uintmax_t kMaxInlineImageBytes = 4u << 20;
constexpr std::size_t kMaxResponseChars = 20000;

std::string interval(const nlohmann::json& value, const char* pattern = "%.2f", double scale = 1) {
  if (!value.is_object() || !value.contains("ci95")) return "–";
  const double mean =
      value.contains("mean") ? value["mean"].get<double>() : value["rate"].get<double>();
  return format_number(pattern, mean * scale) + " <small>[" +
         format_number(pattern, value["ci95"][0].get<double>() * scale) + ", " +
         format_number(pattern, value["ci95"][1].get<double>() * scale) + "]</small>";
}

std::string mime_of(const fs::path& path) {
  auto extension = path.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(), ::tolower);
  if (extension == ".png") return "image/png";
  if (extension == ".jpg" || extension == ".jpeg") return "image/jpeg";
  if (extension == ".gif") return "image/gif";
  if (extension == ".webp") return "image/webp";
  if (extension == ".svg") return "image/svg+xml";
  return "";
}

// An <img> with the file inlined, or a note saying why not.
std::string inline_image(const fs::path& path, const std::string& caption) {
  std::error_code error;
  const auto size = fs::file_size(path, error);
  const auto mime = mime_of(path);
  std::string body;
  if (error || mime.empty()) {
    body = "<p class=missing>(no picture: " + html_escape(path.filename().string()) + ")</p>";
  } else if (size > kMaxInlineImageBytes) {
    body = "<p class=missing>(" + html_escape(path.filename().string()) + " is over 4 MB; see " +
           html_escape(path.string()) + ")</p>";
  } else {
    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), {});
    body = "<img alt=\"" + html_escape(caption) + "\" src=\"data:" + mime + ";base64," +
           sdk::base64_encode(bytes) + "\">";
  }
  return "<figure>" + body + "<figcaption>" + html_escape(caption) + "</figcaption></figure>";
}

// Pictures an evaluator worked on: code-correctness's `images` (what the code drew) and
// chart-image-diff's `candidate`; the `reference` separately.
void collect_images(const nlohmann::json& evaluations, std::vector<fs::path>& drawn,
                    std::optional<fs::path>& reference) {
  const auto add = [&](const nlohmann::json& value) {
    if (!value.is_string()) return;
    const fs::path path = value.get<std::string>();
    if (!mime_of(path).empty() && std::find(drawn.begin(), drawn.end(), path) == drawn.end())
      drawn.push_back(path);
  };
  for (const auto& evaluation : evaluations) {
    const auto& details = evaluation.value("details", nlohmann::json::object());
    if (!details.is_object()) continue;
    if (details.contains("images") && details["images"].is_array())
      for (const auto& image : details["images"]) add(image);
    if (details.contains("candidate")) add(details["candidate"]);
    if (!reference && details.contains("reference") && details["reference"].is_string())
      reference = fs::path(details["reference"].get<std::string>());
  }
}

const nlohmann::json* scenario_config(const nlohmann::json& config, const std::string& id) {
  if (!config.is_object() || !config.contains("scenarios") || !config["scenarios"].is_array())
    return nullptr;
  for (const auto& scenario : config["scenarios"])
    if (scenario.is_object() && scenario.value("id", std::string()) == id) return &scenario;
  return nullptr;
}

std::string prompt_html(const HtmlReportInput& input, const CaseIdentity& identity) {
  const auto* scenario = scenario_config(input.config, identity.scenario);
  if (!scenario || !scenario->contains("turns") || !(*scenario)["turns"].is_array() ||
      identity.turn >= int((*scenario)["turns"].size()))
    return "<p class=missing>(prompt not in the stored config)</p>";
  const auto& turn = (*scenario)["turns"][std::size_t(identity.turn)];
  std::string html = "<div class=prompt>";
  if (turn.contains("user") && turn["user"].is_array())
    for (const auto& part : turn["user"]) {
      if (part.contains("text") && part["text"].is_string())
        html += "<p>" + html_escape(part["text"].get<std::string>()) + "</p>";
      if (part.contains("image") && part["image"].is_string()) {
        const std::string written = part["image"].get<std::string>();
        if (written.find("{{") != std::string::npos)
          html += "<p class=missing>(image " + html_escape(written) + ", filled per row)</p>";
        else
          html += inline_image(input.config_dir / written, "prompt image " + written);
      }
    }
  return html + "</div>";
}

std::string evaluations_html(const nlohmann::json& evaluations) {
  std::string html;
  for (const auto& e : evaluations) {
    const bool passed = e.value("passed", false);
    html += "<div class=evaluation><b>" + html_escape(e.value("plugin", std::string("?"))) +
            "</b> " + number_text(e.value("score", nlohmann::json()), "%.2f") +
            " <span class=" + (passed ? "pass>passed" : "fail>not passed") + "</span>";
    const auto& details = e.value("details", nlohmann::json::object());
    if (details.is_object() && details.contains("findings") && details["findings"].is_array() &&
        !details["findings"].empty()) {
      html += "<ul>";
      for (const auto& finding : details["findings"])
        if (finding.is_string()) html += "<li>" + html_escape(finding.get<std::string>()) + "</li>";
      html += "</ul>";
    }
    html += "</div>";
  }
  return html;
}

std::string answer_html(const store::CaseRecord& r) {
  std::string html;
  html += "<p class=meta>repeat " + std::to_string(r.key.repeat + 1) + " · " +
          store::to_string(r.status) + " · " + format_number("%.0f ms", r.latency_ms) + " · " +
          std::to_string(r.usage.total_tokens) + " tokens" +
          (r.cost_usd ? " · " + money_text(*r.cost_usd) : std::string()) +
          (r.extra.is_object() && r.extra.value("cached", false) ? " · from cache" : "") + "</p>";
  if (r.status != store::CaseStatus::ok) {
    html += "<p class=fail>" + html_escape(r.error.empty() ? "no answer" : r.error) + "</p>";
    return html;
  }
  std::string response = r.response;
  if (response.size() > kMaxResponseChars)
    response = response.substr(0, kMaxResponseChars) + "\n… (cut; whole answer in results.jsonl)";
  html += "<pre>" + html_escape(response) + "</pre>";
  std::vector<fs::path> drawn;
  std::optional<fs::path> reference;
  collect_images(r.evaluations, drawn, reference);
  if (!drawn.empty()) {
    html += "<div class=pictures>";
    html += inline_image(drawn.front(), "drawn by the answer's code");
    if (reference) html += inline_image(*reference, "reference");
    html += "</div>";
  }
  return html + evaluations_html(r.evaluations);
}

}  // namespace

std::string html_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string html_report(const HtmlReportInput& input) {
  const auto& summary = input.summary;
  const std::string name = summary.value("name", std::string("run"));
  std::ostringstream html;
  html << "<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8>"
       << "<meta name=viewport content=\"width=device-width, initial-scale=1\">"
       << "<title>" << html_escape(name) << " · modelcompare</title><style>"
       << "body{font:15px/1.45 system-ui,sans-serif;max-width:1280px;margin:1.5em auto;padding:0 "
          "1em;"
          "color:#1d1d1f}"
       << "h1{font-size:1.6em}h2{margin-top:1.8em;border-bottom:1px solid #ddd}"
       << "table{border-collapse:collapse;margin:.6em 0}td,th{border:1px solid #ddd;padding:.3em "
          ".55em;text-align:right;vertical-align:top}th{background:#f4f4f6}td:first-child,"
          "th:first-child{text-align:left}"
       << "#recommendation{background:#eef6ee;border:2px solid #4a8a4a;border-radius:8px;padding:"
          ".8em 1.2em}#recommendation.undecided{background:#fff6e6;border-color:#c98a1b}"
       << ".chosen{font-size:1.5em;font-weight:600}small{color:#666}"
       << ".charts img{max-width:100%;border:1px solid #eee}.charts figure{margin:1em 0}"
       << ".case{border-top:2px solid #ccc;margin-top:1.4em}.answers{display:grid;grid-template-"
          "columns:repeat(auto-fit,minmax(360px,1fr));gap:1em}.answer{background:#fafafa;padding:"
          ".5em .8em;border-radius:6px;min-width:0}"
       << "pre{white-space:pre-wrap;word-break:break-word;background:#fff;border:1px solid #e3e3e3;"
          "padding:.5em;max-height:28em;overflow:auto;font-size:12.5px}"
       << ".pictures{display:flex;gap:.6em;flex-wrap:wrap}.pictures figure{margin:0;flex:1 1 45%}"
          ".pictures img,.prompt img{max-width:100%;max-height:340px;border:1px solid #ddd}"
       << "figcaption{font-size:.85em;color:#555}.pass{color:#23743b}.fail{color:#b3261e}"
          ".missing{color:#888;font-style:italic}.meta{color:#555;font-size:.9em}"
       << "</style></head><body>\n";
  html << "<h1>" << html_escape(name) << "</h1><p class=meta>Started "
       << html_escape(summary.value("started_at", std::string("?"))) << ", state "
       << html_escape(summary.value("state", std::string("?"))) << ", "
       << input.case_count.value_or(input.cases.size())
       << " cases. Generated by modelcompare from run.db.</p>\n";

  // The answer first.
  const auto& recommendation = summary.value("recommendation", nlohmann::json());
  if (recommendation.is_object()) {
    const bool decided = recommendation["chosen"].is_string();
    html << "<section id=recommendation" << (decided ? "" : " class=undecided")
         << "><h2 style=\"border:0;margin-top:.2em\">Recommendation</h2><p class=chosen>"
         << (decided ? html_escape(recommendation["chosen"].get<std::string>())
                     : std::string("No model chosen"))
         << "</p><p>" << html_escape(recommendation.value("rationale", std::string()))
         << "</p><p class=meta>Pareto frontier over (mean score, cost per case): ";
    const auto& frontier = recommendation.value("pareto_frontier", nlohmann::json::array());
    for (std::size_t i = 0; i < frontier.size(); ++i)
      html << (i ? ", " : "") << html_escape(frontier[i].get<std::string>());
    html << ".</p></section>\n";
  } else {
    html << "<section id=recommendation class=undecided><h2>Recommendation</h2><p>No evaluator "
            "scored any answer, so there is nothing to decide on.</p></section>\n";
  }

  // Summary table.
  std::vector<std::string> evaluators;
  for (const auto& p : summary["providers"])
    for (const auto& [evaluator, ignored] : p["evaluators"].items())
      if (std::find(evaluators.begin(), evaluators.end(), evaluator) == evaluators.end())
        evaluators.push_back(evaluator);
  html << "<h2>Summary</h2><p class=meta>Scores: mean with a 95 % bootstrap interval; pass rates "
          "with a 95 % Wilson interval; both count a case without an answer as 0.</p><table><tr>"
          "<th>provider</th><th>cases</th><th>failed</th>";
  for (const auto& e : evaluators)
    html << "<th>" << html_escape(e) << " score</th><th>" << html_escape(e) << " passed %</th>";
  html << "<th>cost / case</th><th>total cost</th><th>tokens in / out</th><th>latency p50 / p90 / "
          "p99 ms</th><th>TTFT p50 ms</th><th>tokens/s p50</th><th>from cache</th></tr>\n";
  for (const auto& p : summary["providers"]) {
    html << "<tr><td>" << html_escape(p["id"].get<std::string>()) << "</td><td>" << p["cases"]
         << "</td><td>" << p["failures"] << "</td>";
    for (const auto& e : evaluators) {
      const auto& scores = p["evaluators"].value(e, nlohmann::json());
      html << "<td>" << (scores.is_object() ? interval(scores["failures_as_zero"]) : "–")
           << "</td><td>"
           << (scores.is_object() ? interval(scores["pass_failures_as_zero"], "%.0f", 100) : "–")
           << "</td>";
    }
    const auto& latency = p["latency_ms"];
    html << "<td>" << money_text(p.value("cost_per_case_usd", nlohmann::json())) << "</td><td>"
         << money_text(p["cost_usd"]) << "</td><td>" << p["tokens"]["prompt"] << " / "
         << p["tokens"]["completion"] << "</td><td>" << number_text(latency["p50"]) << " / "
         << number_text(latency["p90"]) << " / " << number_text(latency["p99"]) << "</td><td>"
         << number_text(p["ttft_ms"]["p50"]) << "</td><td>"
         << number_text(p.value("generated_tokens_per_second", nlohmann::json::object())
                            .value("p50", nlohmann::json()),
                        "%.1f")
         << "</td><td>" << p.value("cached_answers", 0) << "</td></tr>\n";
  }
  html << "</table>\n";

  const auto& comparisons = summary.value("comparisons", nlohmann::json::array());
  if (!comparisons.empty()) {
    html << "<h2>Paired comparisons</h2><p class=meta>Mean of score(A) − score(B) over the cases "
            "both answered, 95 % paired-bootstrap interval. A beats B only when the interval "
            "excludes 0.</p><table><tr><th>evaluator</th><th>A</th><th>B</th><th>cases</th>"
            "<th>A − B</th><th>verdict</th></tr>\n";
    for (const auto& c : comparisons)
      html << "<tr><td>" << html_escape(c["evaluator"].get<std::string>()) << "</td><td>"
           << html_escape(c["a"].get<std::string>()) << "</td><td>"
           << html_escape(c["b"].get<std::string>()) << "</td><td>" << c["n"] << "</td><td>"
           << format_number("%+.3f", c["mean_difference"].get<double>()) << " <small>["
           << format_number("%+.3f", c["ci95"][0].get<double>()) << ", "
           << format_number("%+.3f", c["ci95"][1].get<double>()) << "]</small></td><td>"
           << html_escape(c["verdict"].get<std::string>()) << "</td></tr>\n";
    html << "</table>\n";
  }

  const auto& server = summary.value("server_tokens", nlohmann::json());
  if (server.is_object() && server.contains("deployments")) {
    html << "<h2>Tokens: ours and the server's</h2><table><tr><th>deployment</th><th>source</th>"
            "<th>prompt (ours / server)</th><th>generated (ours / server)</th><th>total "
            "difference</th></tr>\n";
    for (const auto& d : server["deployments"]) {
      const auto& local = d.value("local", nlohmann::json::object());
      const auto& theirs = d.value("server", nlohmann::json::object());
      const auto& diff = d.value("difference", nlohmann::json::object());
      const auto cell = [](const nlohmann::json& o, const char* key) {
        return o.is_object() && o.contains(key) && o[key].is_number() ? o[key].dump() : "–";
      };
      const auto& total = diff.is_object() ? diff.value("total_tokens", nlohmann::json()) : nullptr;
      html << "<tr><td>" << html_escape(d.value("deployment", std::string("?"))) << "</td><td>"
           << html_escape(d.value("source", std::string("?"))) << "</td><td>"
           << cell(local, "prompt_tokens") << " / " << cell(theirs, "prompt_tokens") << "</td><td>"
           << cell(local, "generated_tokens") << " / " << cell(theirs, "generated_tokens")
           << "</td><td>" << cell(total, "absolute") << " ("
           << (total.is_object() ? number_text(total.value("percent", nlohmann::json()), "%.1f %%")
                                 : "–")
           << ")</td></tr>\n";
    }
    html << "</table>\n";
  }

  // Charts, in reading order; any other chart in charts/ after them.
  std::vector<fs::path> charts;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(input.run_dir / "charts", error))
    if (entry.path().extension() == ".png") charts.push_back(entry.path());
  const std::vector<std::string> order = {"catalog-accuracy-vs-cost", "score-vs-cost",
                                          "tokens-over-time", "latency"};
  const auto rank = [&](const fs::path& path) {
    const auto stem = path.stem().string();
    for (std::size_t i = 0; i < order.size(); ++i)
      if (stem.rfind(order[i], 0) == 0) return i;
    return order.size();
  };
  std::sort(charts.begin(), charts.end(), [&](const fs::path& a, const fs::path& b) {
    return std::make_pair(rank(a), a.filename()) < std::make_pair(rank(b), b.filename());
  });
  if (!charts.empty()) {
    html << "<h2>Charts</h2><div class=charts>";
    for (const auto& chart : charts) html << inline_image(chart, chart.stem().string());
    html << "</div>\n";
  }

  // Cases: the prompt once, then each provider's answers side by side (first repeat open).
  // Only the shown groups hold their records; the others are only counted (a large run has one
  // group per row and turn).
  std::set<CaseIdentity> all_groups;
  for (const auto& r : input.cases)
    all_groups.insert({r.key.scenario, r.key.case_key, 0, r.key.turn});
  const std::size_t group_count = input.case_turn_count.value_or(all_groups.size());
  std::vector<CaseIdentity> group_order(
      all_groups.begin(),
      std::next(all_groups.begin(),
                std::ptrdiff_t(std::min(all_groups.size(), input.max_case_groups))));
  std::set<CaseIdentity>().swap(all_groups);
  std::map<CaseIdentity, std::map<std::string, std::vector<const store::CaseRecord*>>> groups;
  for (const auto& identity : group_order) groups[identity];
  for (const auto& r : input.cases)
    if (auto it = groups.find({r.key.scenario, r.key.case_key, 0, r.key.turn}); it != groups.end())
      it->second[r.key.provider].push_back(&r);
  html << "<h2>Cases</h2>";
  if (group_count > input.max_case_groups)
    html << "<p class=meta>The first " << input.max_case_groups << " of " << group_count
         << " case turns; every case is in results.jsonl and results.csv.</p>";
  std::vector<std::string> providers;
  for (const auto& p : summary["providers"]) providers.push_back(p["id"].get<std::string>());
  for (std::size_t g = 0; g < group_order.size(); ++g) {
    const auto& identity = group_order[g];
    const auto& by_provider = groups[identity];
    html << "<section class=case><h3>" << html_escape(identity.scenario)
         << (identity.case_key != identity.scenario ? " · " + html_escape(identity.case_key) : "")
         << " · turn " << identity.turn + 1 << "</h3>" << prompt_html(input, identity)
         << "<div class=answers>";
    for (const auto& provider : providers) {
      const auto it = by_provider.find(provider);
      if (it == by_provider.end()) continue;
      html << "<div class=answer><h4>" << html_escape(provider) << "</h4>";
      const auto& records = it->second;
      html << answer_html(*records.front());
      if (records.size() > 1) {
        html << "<details><summary>" << records.size() - 1 << " more repeat"
             << (records.size() > 2 ? "s" : "") << "</summary>";
        for (std::size_t i = 1; i < records.size(); ++i) html << answer_html(*records[i]);
        html << "</details>";
      }
      html << "</div>";
    }
    html << "</div></section>\n";
  }
  html << "</body></html>\n";
  return html.str();
}

}  // namespace modelcompare::report
