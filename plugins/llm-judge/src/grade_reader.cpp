#include "grade_reader.hpp"

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <regex>
#include <string_view>
#include <vector>

namespace modelcompare::llm_judge {
namespace {

std::string trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  return std::string(text);
}

// Points in range and, when the judge wrote one, the right denominator.
std::string range_problem(double points, std::optional<double> out_of, int scale) {
  if (out_of && *out_of != scale)
    return "the grade is out of " + plain_number(*out_of) + ", not out of " + std::to_string(scale);
  if (!std::isfinite(points) || points < 0) return plain_number(points) + " is below 0";
  if (points > scale) return plain_number(points) + " is above " + std::to_string(scale);
  return {};
}

std::optional<nlohmann::json> json_object_in(const std::string& reply) {
  auto parsed = nlohmann::json::parse(trim(reply), nullptr, false);
  if (parsed.is_object()) return parsed;
  const auto open = reply.find("```json");
  if (open == std::string::npos) return std::nullopt;
  const auto body = reply.find('\n', open);
  const auto close = body == std::string::npos ? body : reply.find("```", body);
  if (close == std::string::npos) return std::nullopt;
  parsed = nlohmann::json::parse(reply.substr(body, close - body), nullptr, false);
  if (parsed.is_object()) return parsed;
  return std::nullopt;
}

}  // namespace

GradeReading read_grade(const std::string& reply, int scale) {
  GradeReading reading;
  // Markdown decoration around the word is common: "**Score:** 7/10", "### SCORE: 7 / 10".
  static const std::regex score_line(
      R"(^[\s*#_>`-]*score[\s*_`]*[:=][\s*_`]*(-?\d+(?:\.\d+)?)\s*(?:(?:/|out of)\s*(\d+(?:\.\d+)?))?[\s*_`.]*$)",
      std::regex::icase);
  std::vector<std::string> lines;
  std::size_t pos = 0;
  while (pos <= reply.size()) {
    const auto end = std::min(reply.find('\n', pos), reply.size());
    lines.push_back(reply.substr(pos, end - pos));
    if (end == reply.size()) break;
    pos = end + 1;
  }
  for (std::size_t i = lines.size(); i-- > 0;) {
    if (lines[i].size() > 200) continue;  // a score line is short; keeps the regex cheap
    std::smatch match;
    const std::string line = trim(lines[i]);
    if (!std::regex_match(line, match, score_line)) continue;
    const double points = std::stod(match[1].str());
    std::optional<double> out_of;
    if (match[2].matched) out_of = std::stod(match[2].str());
    if (auto problem = range_problem(points, out_of, scale); !problem.empty()) {
      reading.problem = "the score line '" + line + "' is not a grade from 0 to " +
                        std::to_string(scale) + ": " + problem;
      return reading;
    }
    std::string reason;
    for (std::size_t j = 0; j < lines.size(); ++j)
      if (j != i) reason += lines[j] + "\n";
    reading.grade = Grade{points, trim(reason)};
    return reading;
  }
  if (const auto object = json_object_in(reply)) {
    if (!object->contains("score") || !(*object)["score"].is_number()) {
      reading.problem = "the JSON object in the reply has no numeric \"score\"";
      return reading;
    }
    const double points = (*object)["score"].get<double>();
    if (auto problem = range_problem(points, std::nullopt, scale); !problem.empty()) {
      reading.problem =
          "the JSON score is not a grade from 0 to " + std::to_string(scale) + ": " + problem;
      return reading;
    }
    Grade grade{points, {}};
    for (const char* key : {"reason", "explanation", "rationale"})
      if (object->contains(key) && (*object)[key].is_string()) {
        grade.reason = (*object)[key].get<std::string>();
        break;
      }
    reading.grade = std::move(grade);
    return reading;
  }
  reading.problem = trim(reply).empty()
                        ? std::string("the reply is empty")
                        : "the reply has no line 'SCORE: N/" + std::to_string(scale) +
                              "' and no JSON object with a \"score\"";
  return reading;
}

std::string plain_number(double number) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", number);
  return buffer;
}

}  // namespace modelcompare::llm_judge
