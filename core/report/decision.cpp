#include "report/decision.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace modelcompare::report {
namespace {

std::string format(const char* pattern, double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, pattern, value);
  return buffer;
}

// Two significant digits for small amounts ($0.0004, $0.0061), cents above a dollar.
std::string money(double usd) {
  if (usd == 0) return "$0";
  if (usd >= 1) return format("$%.2f", usd);
  const int decimals = std::min(8, int(std::ceil(-std::log10(usd))) + 1);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "$%.*f", decimals, usd);
  return buffer;
}

std::string percent(double fraction) {
  return format("%.0f", fraction * 100);
}

std::string signed_score(double value) {
  return format("%+.2f", value);
}

std::string describe(const Standing& s, const std::string& evaluator) {
  std::string text = s.provider;
  if (s.pass)
    text += " passes " + percent(s.pass->rate) + " % [" + percent(s.pass->low) + ", " +
            percent(s.pass->high) + "] of " + std::to_string(s.pass->n) + " cases";
  if (s.score)
    text += std::string(s.pass ? ", " : " ") + "mean " + evaluator + " " +
            format("%.2f", s.score->mean) + " [" + format("%.2f", s.score->low) + ", " +
            format("%.2f", s.score->high) + "]";
  if (s.cost_per_case) text += ", at " + money(*s.cost_per_case) + " per case";
  return text;
}

std::string rule_text(const DecisionRule& rule) {
  std::string text = rule.prefer == "fastest" ? "the fastest model (p50 latency)"
                     : rule.prefer == "best"  ? "the model with the best mean " + rule.score
                                              : std::string("the cheapest model per case");
  if (rule.min)
    text += " whose mean " + rule.score + " score is at least " + format("%.2f", *rule.min);
  return text + " (failures count as 0)";
}

// x − y, whichever way round the comparison was computed.
std::optional<MeanInterval> difference(const std::vector<PairComparison>& comparisons,
                                       const std::string& x, const std::string& y) {
  for (const auto& c : comparisons) {
    if (c.a == x && c.b == y) return c.difference;
    if (c.a == y && c.b == x) {
      MeanInterval flipped = c.difference;
      flipped.mean = -c.difference.mean;
      flipped.low = -c.difference.high;
      flipped.high = -c.difference.low;
      return flipped;
    }
  }
  return std::nullopt;
}

std::string cost_ratio(const Standing& other, const Standing& chosen) {
  if (!other.cost_per_case || !chosen.cost_per_case || *chosen.cost_per_case <= 0) return "";
  const double ratio = *other.cost_per_case / *chosen.cost_per_case;
  if (ratio < 0.5) return " at 1/" + format("%.0f", 1 / ratio) + " of the cost";
  return " at " + format(ratio >= 10 ? "%.0f" : "%.1f", ratio) + "× the cost";
}

const Standing* best_of(const std::vector<const Standing*>& candidates) {
  const Standing* best = nullptr;
  for (const auto* s : candidates)
    if (!best || s->score->mean > best->score->mean) best = s;
  return best;
}

template <typename Key>
const Standing* least_of(const std::vector<const Standing*>& candidates, Key key) {
  const Standing* least = nullptr;
  for (const auto* s : candidates) {
    if (!key(*s)) continue;
    if (!least || *key(*s) < *key(*least) ||
        (*key(*s) == *key(*least) && s->score->mean > least->score->mean))
      least = s;
  }
  return least;
}

}  // namespace

DecisionRule decision_rule_from_config(const nlohmann::json& config, const std::string& fallback) {
  DecisionRule rule;
  rule.score = fallback;
  rule.prefer = "best";
  if (!config.is_object() || !config.contains("decision") || !config["decision"].is_object())
    return rule;
  const auto& decision = config["decision"];
  rule.prefer = "cheapest";
  if (decision.contains("score") && decision["score"].is_string())
    rule.score = decision["score"].get<std::string>();
  if (decision.contains("min") && decision["min"].is_number())
    rule.min = decision["min"].get<double>();
  if (decision.contains("prefer") && decision["prefer"].is_string())
    rule.prefer = decision["prefer"].get<std::string>();
  return rule;
}

std::vector<std::string> pareto_frontier(const std::vector<Standing>& standings) {
  std::vector<std::string> frontier;
  for (const auto& s : standings) {
    if (!s.score) continue;
    bool dominated = false;
    for (const auto& t : standings) {
      if (&t == &s || !t.score) continue;
      if (s.cost_per_case && t.cost_per_case) {
        const bool no_worse =
            t.score->mean >= s.score->mean && *t.cost_per_case <= *s.cost_per_case;
        const bool better = t.score->mean > s.score->mean || *t.cost_per_case < *s.cost_per_case;
        dominated = no_worse && better;
      } else {
        dominated = t.score->mean > s.score->mean;
      }
      if (dominated) break;
    }
    if (!dominated) frontier.push_back(s.provider);
  }
  return frontier;
}

Recommendation recommend(const DecisionRule& rule, const std::vector<Standing>& standings,
                         const std::vector<PairComparison>& comparisons) {
  Recommendation out;
  out.rule = rule;
  out.pareto_frontier = pareto_frontier(standings);
  std::vector<const Standing*> scored, eligible;
  for (const auto& s : standings)
    if (s.score) scored.push_back(&s);
  for (const auto* s : scored)
    if (!rule.min || s->score->mean >= *rule.min) eligible.push_back(s);
  if (scored.empty()) {
    out.separable = false;
    out.rationale = "No answer was scored by " + rule.score + ", so there is nothing to decide on.";
    return out;
  }
  const Standing* best = best_of(scored);
  if (eligible.empty()) {
    out.rationale = "No model reaches the minimum mean " + rule.score + " score of " +
                    format("%.2f", *rule.min) + ". The best is " + describe(*best, rule.score) +
                    ".";
    return out;
  }

  std::string why;
  const Standing* chosen = nullptr;
  if (rule.prefer == "cheapest") {
    chosen = least_of(eligible, [](const Standing& s) { return s.cost_per_case; });
    if (!chosen)
      why =
          " No price is known for these models (no catalog entry or price in the config), so "
          "the best score decides.";
  } else if (rule.prefer == "fastest") {
    chosen = least_of(eligible, [](const Standing& s) { return s.latency_p50_ms; });
    if (chosen) why = " Its p50 latency is " + format("%.0f", *chosen->latency_p50_ms) + " ms.";
  }
  if (!chosen) chosen = best_of(eligible);
  out.chosen = chosen->provider;

  std::string text = "Choose " + chosen->provider + ": " + rule_text(rule) + "." + why + " " +
                     describe(*chosen, rule.score) + ".";
  // Set the choice against the strongest alternative: the best model when another was chosen,
  // else the runner-up.
  const Standing* rival = nullptr;
  if (best != chosen) {
    rival = best;
  } else {
    for (const auto* s : scored)
      if (s != chosen && (!rival || s->score->mean > rival->score->mean)) rival = s;
  }
  if (rival) {
    const auto d = difference(comparisons, rival->provider, chosen->provider);
    text += " " + describe(*rival, rule.score) + ": ";
    if (!d) {
      text += "no cases in common to compare.";
    } else {
      const std::string interval = signed_score(d->mean) + " [" + signed_score(d->low) + ", " +
                                   signed_score(d->high) + "] over " + std::to_string(d->n) +
                                   " paired cases";
      if (d->low > 0) {
        text += "significantly better (" + interval + ")" + cost_ratio(*rival, *chosen) + "; " +
                chosen->provider + " still meets the rule.";
      } else if (d->high < 0) {
        text += "significantly worse (" + interval + ")" + cost_ratio(*rival, *chosen) + ".";
      } else {
        out.separable = false;
        text += "not significantly " + std::string(best == chosen ? "worse" : "better") + " (" +
                interval + ")" + cost_ratio(*rival, *chosen) + ".";
        if (best == chosen)
          text += " With these cases the run cannot separate " + chosen->provider + " from " +
                  rival->provider + ": run more repeats (--repeat) before relying on the order.";
      }
    }
  }
  // Cheaper models the minimum ruled out: name them, so the price of the choice is visible.
  if (rule.min && chosen->cost_per_case)
    for (const auto* s : scored)
      if (s->score->mean < *rule.min && s->cost_per_case &&
          *s->cost_per_case < *chosen->cost_per_case)
        text += " " + s->provider + " is cheaper (" + money(*s->cost_per_case) +
                " per case) but its mean " + rule.score + " " + format("%.2f", s->score->mean) +
                " [" + format("%.2f", s->score->low) + ", " + format("%.2f", s->score->high) +
                "] is below " + format("%.2f", *rule.min) + ".";
  out.rationale = text;
  return out;
}

nlohmann::json to_json(const Recommendation& r) {
  nlohmann::json rule = {{"score", r.rule.score},
                         {"prefer", r.rule.prefer},
                         {"min", r.rule.min ? nlohmann::json(*r.rule.min) : nlohmann::json()}};
  return {{"chosen", r.chosen ? nlohmann::json(*r.chosen) : nlohmann::json()},
          {"rule", rule},
          {"rationale", r.rationale},
          {"separable", r.separable},
          {"pareto_frontier", r.pareto_frontier}};
}

}  // namespace modelcompare::report
