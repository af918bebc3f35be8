// The canned answers of a responses file: which answer a provider gives to which scenario, turn
// and repeat (docs/plugins/mock.md describes the file).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace modelcompare::mock {

// One entry. An unset selector matches anything; `text` may use {{provider}}, {{scenario}},
// {{turn}}, {{repeat}}, {{messages}}, {{images}} and {{prompt}}.
struct CannedResponse {
  std::optional<std::string> provider;
  std::optional<std::string> scenario;
  std::optional<int> turn;    // counted from 1
  std::optional<int> repeat;  // counted from 1
  std::string text;
  std::string origin;  // "responses.json: responses[2]" (plus the file it came from), for logs

  int specificity() const;
  bool matches(const std::string& provider_id, const std::string& scenario_id, int turn_number,
               int repeat_number) const;
};

class ResponseBook {
 public:
  // Reads the file and every answer file it names. Throws PluginError naming the file and the
  // entry at fault.
  static ResponseBook load(const std::filesystem::path& file);

  // The most specific matching entry (most selectors set); the first one in the file on a tie.
  const CannedResponse* find(const std::string& provider_id, const std::string& scenario_id,
                             int turn_number, int repeat_number) const;
  const std::optional<std::string>& fallback() const { return fallback_; }
  std::size_t size() const { return responses_.size(); }

 private:
  std::vector<CannedResponse> responses_;
  std::optional<std::string> fallback_;
};

}  // namespace modelcompare::mock
