#include "judge_prompt.hpp"

#include "image_part.hpp"
#include "modelcompare/sdk/prompt_template.hpp"

namespace modelcompare::llm_judge {
namespace {

std::string score_line(int scale) {
  return "SCORE: N/" + std::to_string(scale);
}

// Earlier turns as a transcript: the judge needs them to grade "add a legend to the plot".
std::string transcript(const std::vector<sdk::Message>& conversation) {
  std::string out;
  for (const auto& message : conversation) {
    if (message.role == sdk::Role::system) continue;
    out += message.role == sdk::Role::user ? "[user]\n" : "[assistant]\n";
    out += message.text();
    for (const auto& part : message.content)
      if (part.kind == sdk::ContentPart::Kind::image)
        out += "\n[image: " + std::filesystem::path(part.image_source).filename().string() + "]";
    out += "\n\n";
  }
  return out;
}

}  // namespace

JudgePrompt build_judge_prompt(const JudgeOptions& options, const sdk::EvaluationInput& input) {
  JudgePrompt prompt;
  const std::string scale = std::to_string(options.scale);
  prompt.messages.push_back(
      {sdk::Role::system,
       {sdk::ContentPart::from_text(
           "You are a strict, impartial grader. You grade one answer of an AI assistant against "
           "a rubric. Judge only what the rubric asks; do not reward length or politeness. "
           "Explain your reasons in a few sentences, then end your reply with one line of the "
           "form `" +
           score_line(options.scale) +
           "`, where N is a whole number from 0 (useless) "
           "to " +
           scale + " (fully meets the rubric).")}});

  sdk::Message user{sdk::Role::user, {}};
  std::string text = "## Rubric\n" + sdk::render_template(options.rubric, input.vars) + "\n\n";
  if (!input.conversation.empty())
    text += "## The conversation the answer replies to\n" + transcript(input.conversation);
  text += "## The answer to grade\n" + input.response + "\n";
  user.content.push_back(sdk::ContentPart::from_text(std::move(text)));

  if (!options.reference_image.empty()) {
    std::filesystem::path path = sdk::render_template(options.reference_image, input.vars);
    if (path.is_relative() && !options.base_dir.empty()) path = options.base_dir / path;
    user.content.push_back(
        sdk::ContentPart::from_text("## Reference image (what the answer is meant to reproduce)"));
    user.content.push_back(image_part(path, "llm-judge: option 'reference_image'"));
    prompt.images.push_back("reference: " + path.string());
  }
  if (options.attach_drawn_images) {
    int attached = 0;
    for (const auto& artifact : input.artifacts) {
      if (artifact.kind != "image" || attached == options.max_images) continue;
      user.content.push_back(sdk::ContentPart::from_text("## Image drawn by the answer's code (" +
                                                         artifact.name + ")"));
      user.content.push_back(image_part(artifact.path, "llm-judge: the answer's image"));
      prompt.images.push_back("drawn: " + artifact.path.string());
      ++attached;
    }
    if (attached == 0 && !options.reference_image.empty())
      user.content.push_back(sdk::ContentPart::from_text(
          "## Image drawn by the answer's code\n(none: the answer's code drew nothing, or it was "
          "not run)"));
  }
  user.content.push_back(sdk::ContentPart::from_text("Grade the answer now. End with the line `" +
                                                     score_line(options.scale) + "`."));
  prompt.messages.push_back(std::move(user));
  return prompt;
}

sdk::Message ask_again(const std::string& problem, int scale) {
  return {sdk::Role::user,
          {sdk::ContentPart::from_text("I could not read a grade in your reply: " + problem +
                                       ". Reply again with your grade: a short reason, then a "
                                       "last line exactly like `" +
                                       score_line(scale) + "` with N a whole number from 0 to " +
                                       std::to_string(scale) + ".")}};
}

}  // namespace modelcompare::llm_judge
