// Evaluator `word-count`: scores an answer by its length in words. Options:
//   min_words (integer ≥ 0, default 1), max_words (integer ≥ min_words, optional).
// Score 1 inside the range; outside it, the share of the range's bound the answer reached
// (too short) or the bound's share of the answer (too long).
#include <algorithm>
#include <cctype>
#include <optional>
#include <string>

#include "modelcompare/sdk.hpp"

namespace word_count {

namespace sdk = modelcompare::sdk;

class WordCountEvaluator final : public sdk::Evaluator {
 public:
  explicit WordCountEvaluator(const sdk::PluginContext& context) : id_(context.instance_id) {
    const auto& options = context.options;
    if (!options.is_object()) fail("options must be an object, got " + options.dump());
    for (const auto& [key, value] : options.items()) {
      if (key == "min_words") {
        min_words_ = read_count(key, value);
      } else if (key == "max_words") {
        max_words_ = read_count(key, value);
      } else {
        fail("unknown option '" + key + "' (known: min_words, max_words)");
      }
    }
    if (max_words_ && *max_words_ < min_words_)
      fail("option 'max_words' (" + std::to_string(*max_words_) + ") is less than 'min_words' (" +
           std::to_string(min_words_) + ")");
  }

  // Called from several threads at once: it only reads members set in the constructor.
  sdk::EvaluationResult evaluate(const sdk::EvaluationInput& input) override {
    const long words = count_words(input.response);
    sdk::EvaluationResult result;
    if (words < min_words_) {
      result.score = static_cast<double>(words) / static_cast<double>(min_words_);
    } else if (max_words_ && words > *max_words_) {
      result.score = static_cast<double>(*max_words_) / static_cast<double>(words);
    } else {
      result.score = 1.0;
    }
    result.passed = result.score == 1.0;
    result.details = {{"words", words}, {"min_words", min_words_}};
    if (max_words_) result.details["max_words"] = *max_words_;
    return result;
  }

 private:
  [[noreturn]] void fail(const std::string& message) const {
    throw sdk::PluginError("word-count '" + id_ + "': " + message);
  }

  long read_count(const std::string& key, const nlohmann::json& value) const {
    if (!value.is_number_integer() || value.get<long>() < 0)
      fail("option '" + key + "' must be a whole number ≥ 0, got " + value.dump());
    return value.get<long>();
  }

  static long count_words(const std::string& text) {
    long words = 0;
    bool in_word = false;
    for (unsigned char c : text) {
      const bool space = std::isspace(c) != 0;
      if (!space && !in_word) ++words;
      in_word = !space;
    }
    return words;
  }

  std::string id_;
  long min_words_ = 1;
  std::optional<long> max_words_;
};

}  // namespace word_count

MODELCOMPARE_PLUGIN(evaluator, word_count::WordCountEvaluator, "word-count", "0.1.0",
                    "example: scores an answer by its number of words")
