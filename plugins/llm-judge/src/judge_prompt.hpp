// What the judge is sent: the rubric, the conversation the answer replies to, the answer, and the
// images to compare (the reference and what the answer's code drew); and the follow-up that asks
// again when a reply carries no readable grade.
#pragma once

#include <string>
#include <vector>

#include "judge_options.hpp"
#include "modelcompare/sdk/chat.hpp"
#include "modelcompare/sdk/evaluation.hpp"

namespace modelcompare::llm_judge {

struct JudgePrompt {
  std::vector<sdk::Message> messages;
  std::vector<std::string> images;  // what was attached, e.g. "reference: /…/demo.png"
};

// Throws sdk::PluginError when an image to attach cannot be (the reference file vanished).
JudgePrompt build_judge_prompt(const JudgeOptions& options, const sdk::EvaluationInput& input);

// The user message that asks again, naming what was wrong with the reply.
sdk::Message ask_again(const std::string& problem, int scale);

}  // namespace modelcompare::llm_judge
