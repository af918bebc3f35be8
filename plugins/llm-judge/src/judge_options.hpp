// The llm-judge's options, checked once when the evaluator is made.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

#include "modelcompare/sdk/plugin.hpp"

namespace modelcompare::llm_judge {

struct JudgeOptions {
  std::string judge;   // a provider id of the config
  std::string rubric;  // the text (from `rubric` or the file `rubric_file`); may hold {{vars}}
  int scale = 10;      // the judge grades from 0 to scale
  double pass = 0.7;   // score (points / scale) needed to pass
  std::string reference_image;      // as written; may hold {{vars}}
  std::filesystem::path base_dir;   // what reference_image resolves against
  bool attach_drawn_images = true;  // images made by the evaluators before this one
  int max_images = 1;               // drawn images attached, at most
  int max_tokens = 800;             // for the judge's reply
  double temperature = 0;
  std::chrono::seconds timeout{300};  // per judge request, waiting on the host
};

// Throws sdk::PluginError, one line naming the option: "llm-judge: option 'scale' must be ...".
// Does not look the judge up (the evaluator does, through the host).
JudgeOptions parse_judge_options(const sdk::PluginContext& context);

}  // namespace modelcompare::llm_judge
