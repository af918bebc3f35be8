#include "chart_scorer.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <vector>

#include "modelcompare/sdk/prompt_template.hpp"

namespace modelcompare::code_correctness {
namespace {

using nlohmann::json;

std::string normalized(std::string text) {
  std::string out;
  bool space = false;
  for (unsigned char c : text) {
    if (std::isspace(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(std::tolower(c));
  }
  return out;
}

std::string fixed(double value, int digits = 3) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, value);
  return buffer;
}

std::string quoted(const std::string& text) {
  return "\"" + text + "\"";
}

// Matched entries over expected plus unexpected ones: missing and extra both cost.
double overlap_score(const std::vector<std::string>& drawn,
                     const std::vector<std::string>& expected, std::vector<std::string>& findings,
                     const std::string& what) {
  std::vector<bool> used(drawn.size(), false);
  int matched = 0;
  for (const auto& want : expected) {
    bool found = false;
    for (std::size_t i = 0; i < drawn.size() && !found; ++i) {
      if (!used[i] && normalized(drawn[i]) == normalized(want)) used[i] = found = true;
    }
    if (found)
      ++matched;
    else
      findings.push_back(what + ": " + quoted(want) + " missing");
  }
  int extra = 0;
  for (std::size_t i = 0; i < drawn.size(); ++i) {
    if (!used[i]) {
      ++extra;
      findings.push_back(what + ": unexpected " + quoted(drawn[i]));
    }
  }
  const auto denominator = expected.size() + static_cast<std::size_t>(extra);
  return denominator == 0 ? 1.0 : static_cast<double>(matched) / static_cast<double>(denominator);
}

struct DrawnSlice {
  std::string label;
  double fraction = 0;
  std::optional<Rgb> color;
};

std::vector<std::string> strings(const json& array) {
  std::vector<std::string> out;
  if (array.is_array())
    for (const auto& item : array)
      if (item.is_string()) out.push_back(item.get<std::string>());
  return out;
}

struct FigureView {
  std::vector<std::string> kinds;
  std::vector<std::string> titles;
  std::vector<DrawnSlice> slices;
  std::vector<std::string> wedge_labels;
  std::vector<std::string> autopct;
  std::optional<std::vector<std::string>> legend;
  std::vector<std::string> saved;  // paths the code asked for
  int index = 0;
};

FigureView view_of(const json& figure) {
  FigureView view;
  view.index = figure.value("index", 0);
  if (const auto s = figure.value("suptitle", ""); !s.empty()) view.titles.push_back(s);
  for (const auto& legend : figure.value("legends", json::array())) {
    if (!view.legend) view.legend.emplace();
    for (const auto& entry : strings(legend)) view.legend->push_back(entry);
  }
  for (const auto& save : figure.value("saves", json::array()))
    view.saved.push_back(save.value("requested", ""));
  for (const auto& axes : figure.value("axes", json::array())) {
    for (const auto& kind : strings(axes.value("kinds", json::array())))
      if (std::find(view.kinds.begin(), view.kinds.end(), kind) == view.kinds.end())
        view.kinds.push_back(kind);
    if (const auto t = axes.value("title", ""); !t.empty()) view.titles.push_back(t);
    if (axes.contains("legend") && axes["legend"].is_array()) {
      if (!view.legend) view.legend.emplace();
      for (const auto& entry : strings(axes["legend"])) view.legend->push_back(entry);
    }
    if (axes.contains("pie")) {
      const auto& pie = axes["pie"];
      for (const auto& wedge : pie.value("wedges", json::array())) {
        DrawnSlice slice;
        slice.label = wedge.value("label", "");
        slice.fraction = wedge.value("fraction", 0.0);
        if (wedge.contains("color")) slice.color = parse_color(wedge["color"]);
        view.slices.push_back(slice);
      }
      for (const auto& label : strings(pie.value("labels", json::array())))
        view.wedge_labels.push_back(label);
      for (const auto& text : strings(pie.value("autopct", json::array())))
        view.autopct.push_back(text);
    }
  }
  // legend(labels) on an unlabelled pie names the wedges in order.
  if (view.legend) {
    std::size_t next = 0;
    const bool unlabelled = std::all_of(view.slices.begin(), view.slices.end(),
                                        [](const DrawnSlice& s) { return s.label.empty(); });
    if (unlabelled)
      for (auto& slice : view.slices)
        if (next < view.legend->size()) slice.label = (*view.legend)[next++];
  }
  return view;
}

struct Criteria {
  std::map<std::string, double> scores;
  std::vector<std::string> findings;
  double total = 0;
};

double weight_of(const std::string& criterion) {
  return criterion == "data" ? 2.0 : 1.0;
}

// Pairs each expected slice with a drawn one: by label, then (for unlabelled wedges) in order.
std::vector<int> match_slices(const std::vector<ExpectedSlice>& expected,
                              const std::vector<DrawnSlice>& drawn,
                              std::vector<std::string>& findings) {
  std::vector<int> match(expected.size(), -1);
  std::vector<bool> used(drawn.size(), false);
  for (std::size_t e = 0; e < expected.size(); ++e)
    for (std::size_t d = 0; d < drawn.size(); ++d)
      if (!used[d] && match[e] < 0 && normalized(drawn[d].label) == normalized(expected[e].label)) {
        match[e] = static_cast<int>(d);
        used[d] = true;
      }
  const bool any_labelled =
      std::any_of(drawn.begin(), drawn.end(), [](const DrawnSlice& s) { return !s.label.empty(); });
  if (!any_labelled && !drawn.empty()) {
    findings.push_back("the wedges carry no labels: slices matched in drawing order");
    for (std::size_t e = 0; e < expected.size() && e < drawn.size(); ++e) {
      match[e] = static_cast<int>(e);
      used[e] = true;
    }
  }
  return match;
}

Criteria score_figure(const Expectation& expectation, const FigureView& view,
                      const ExecutionReport& execution, const std::string& saves_path) {
  Criteria c;
  auto& f = c.findings;
  c.scores["runs"] = execution.ran() ? 1.0 : 0.0;
  if (!execution.ran())
    f.push_back("the code did not run to its end: " + execution.status +
                (execution.error.empty() ? "" : " (" + execution.error + ")"));
  if (expectation.chart) {
    const bool drawn =
        std::find(view.kinds.begin(), view.kinds.end(), *expectation.chart) != view.kinds.end();
    c.scores["chart"] = drawn ? 1.0 : 0.0;
    if (!drawn) {
      std::string kinds;
      for (const auto& k : view.kinds) kinds += (kinds.empty() ? "" : ", ") + k;
      f.push_back("chart: " + *expectation.chart + " expected, drew " +
                  (kinds.empty() ? std::string("nothing recognisable") : kinds));
    }
  }
  if (expectation.has_slices) {
    const auto match = match_slices(expectation.slices, view.slices, f);
    double data_ok = 0, color_ok = 0;
    int colors_expected = 0;
    for (std::size_t e = 0; e < expectation.slices.size(); ++e) {
      const auto& want = expectation.slices[e];
      if (want.color) ++colors_expected;
      if (match[e] < 0) {
        f.push_back(want.label + ": no such slice drawn");
        continue;
      }
      const auto& got = view.slices[static_cast<std::size_t>(match[e])];
      if (want.fraction) {
        const double diff = std::fabs(got.fraction - *want.fraction);
        if (diff <= expectation.fraction_tolerance + 1e-9)
          data_ok += 1;
        else
          f.push_back(want.label + ": " + fixed(got.fraction) + " drawn, " + fixed(*want.fraction) +
                      " expected");
      } else {
        data_ok += 1;  // present is all that was asked
      }
      if (want.color) {
        if (!got.color) {
          f.push_back(want.label + ": colour unknown");
        } else {
          const double d = color_distance(*got.color, *want.color);
          if (d <= expectation.color_tolerance + 1e-9)
            color_ok += 1;
          else
            f.push_back(want.label + ": colour " + to_hex(*got.color) + " drawn, " +
                        want.color_text + " (" + to_hex(*want.color) + ") expected, distance " +
                        fixed(d, 2));
        }
      }
    }
    int extra = 0;
    for (std::size_t d = 0; d < view.slices.size(); ++d) {
      if (std::find(match.begin(), match.end(), static_cast<int>(d)) == match.end()) {
        ++extra;
        f.push_back("extra slice " + quoted(view.slices[d].label) + " (" +
                    fixed(view.slices[d].fraction) + ")");
      }
    }
    c.scores["data"] = data_ok / static_cast<double>(expectation.slices.size() + extra);
    if (colors_expected > 0) c.scores["colors"] = color_ok / colors_expected;
  }
  if (expectation.wedge_labels) {
    if (*expectation.wedge_labels) {
      std::vector<std::string> expected;
      for (const auto& s : expectation.slices) expected.push_back(s.label);
      if (expected.empty()) {
        c.scores["labels"] = view.wedge_labels.empty() ? 0.0 : 1.0;
        if (view.wedge_labels.empty()) f.push_back("labels: the wedges are not labelled");
      } else {
        c.scores["labels"] = overlap_score(view.wedge_labels, expected, f, "wedge label");
      }
    } else {
      c.scores["labels"] = view.wedge_labels.empty() ? 1.0 : 0.0;
      if (!view.wedge_labels.empty())
        f.push_back("labels: wedge labels drawn (" + std::to_string(view.wedge_labels.size()) +
                    ") where none were expected");
    }
  }
  if (expectation.title) {
    const bool found = std::any_of(
        view.titles.begin(), view.titles.end(),
        [&](const std::string& t) { return normalized(t) == normalized(*expectation.title); });
    c.scores["title"] = found ? 1.0 : 0.0;
    if (!found)
      f.push_back("title: " + (view.titles.empty() ? std::string("none") : quoted(view.titles[0])) +
                  " drawn, " + quoted(*expectation.title) + " expected");
  }
  if (expectation.check_legend) {
    if (!expectation.legend) {
      c.scores["legend"] = view.legend ? 0.0 : 1.0;
      if (view.legend) f.push_back("legend: drawn where none was expected");
    } else if (!view.legend) {
      c.scores["legend"] = 0.0;
      f.push_back("legend: none drawn");
    } else {
      c.scores["legend"] = overlap_score(*view.legend, *expectation.legend, f, "legend");
    }
  }
  if (expectation.saves) {
    namespace fs = std::filesystem;
    const auto want = fs::path(saves_path).lexically_normal();
    bool asked = false;
    for (const auto& s : view.saved) asked = asked || fs::path(s).lexically_normal() == want;
    std::error_code ec;
    const auto file = execution.job_dir / want;
    const bool exists =
        fs::is_regular_file(fs::symlink_status(file, ec)) && fs::file_size(file, ec) > 0;
    c.scores["saves"] = asked && exists ? 1.0 : 0.0;
    if (!asked) {
      std::string saved;
      for (const auto& s : view.saved) saved += (saved.empty() ? "" : ", ") + s;
      f.push_back("saves: " + saves_path + " expected, " +
                  (saved.empty() ? std::string("the figure was never saved") : "saved " + saved));
    } else if (!exists) {
      f.push_back("saves: " + saves_path + " was not written");
    }
  }
  double weighted = 0, weights = 0;
  for (const auto& [criterion, score] : c.scores) {
    weighted += weight_of(criterion) * score;
    weights += weight_of(criterion);
  }
  c.total = weights > 0 ? weighted / weights : 0;
  return c;
}

json figure_summary(const FigureView& view) {
  json slices = json::array();
  for (const auto& s : view.slices) {
    json slice = {{"label", s.label}, {"fraction", std::round(s.fraction * 1000) / 1000}};
    if (s.color) slice["color"] = to_hex(*s.color);
    slices.push_back(slice);
  }
  json out = {{"index", view.index},
              {"kinds", view.kinds},
              {"titles", view.titles},
              {"slices", slices},
              {"wedge_labels", view.wedge_labels},
              {"autopct", view.autopct},
              {"saved", view.saved}};
  out["legend"] = view.legend ? json(*view.legend) : json(nullptr);
  return out;
}

}  // namespace

Scorecard score_chart(const Expectation& expectation, const ExecutionReport& execution,
                      const std::string& provider) {
  const std::string saves_path =
      expectation.saves ? sdk::render_template(*expectation.saves, {{"provider", provider}}) : "";
  std::vector<FigureView> views;
  for (const auto& figure : execution.figures) views.push_back(view_of(figure));

  Scorecard card;
  Criteria best;
  const FigureView* chosen = nullptr;
  if (views.empty()) {
    // Nothing drawn: every criterion that was asked for fails.
    best = score_figure(expectation, FigureView{}, execution, saves_path);
    for (auto& [criterion, score] : best.scores) score = criterion == "runs" ? score : 0.0;
    best.findings.push_back("no figure was drawn");
    best.total = 0;
  } else {
    for (const auto& view : views) {
      auto criteria = score_figure(expectation, view, execution, saves_path);
      if (!chosen || criteria.total > best.total) {
        best = std::move(criteria);
        chosen = &view;
      }
    }
  }
  card.score = std::clamp(best.total, 0.0, 1.0);
  card.passed = card.score + 1e-9 >= expectation.pass;
  for (const auto& [criterion, score] : best.scores) card.details[criterion] = score;
  card.details["findings"] = best.findings;
  if (chosen) card.details["figure"] = figure_summary(*chosen);
  card.details["figures_drawn"] = views.size();
  return card;
}

}  // namespace modelcompare::code_correctness
