#include "store/case_record.hpp"

#include <stdexcept>

namespace modelcompare::store {

const char* to_string(CaseStatus status) {
  switch (status) {
    case CaseStatus::ok: return "ok";
    case CaseStatus::error: return "error";
    case CaseStatus::skipped: return "skipped";
  }
  return "error";
}

CaseStatus case_status_from_string(const std::string& text) {
  if (text == "ok") return CaseStatus::ok;
  if (text == "skipped") return CaseStatus::skipped;
  if (text == "error") return CaseStatus::error;
  throw std::runtime_error("unknown case status '" + text + "' in the run store");
}

nlohmann::json CaseRecord::to_json() const {
  nlohmann::json usage_json = {{"prompt_tokens", usage.prompt_tokens},
                               {"completion_tokens", usage.completion_tokens},
                               {"total_tokens", usage.total_tokens}};
  if (usage.cached_prompt_tokens) usage_json["cached_prompt_tokens"] = *usage.cached_prompt_tokens;
  if (usage.reasoning_tokens) usage_json["reasoning_tokens"] = *usage.reasoning_tokens;
  nlohmann::json out = {
      {"provider", key.provider},
      {"scenario", key.scenario},
      {"case_key", key.case_key},
      {"turn", key.turn},
      {"repeat", key.repeat},
      {"status", to_string(status)},
      {"response", response},
      {"usage", usage_json},
      {"latency_ms", latency_ms},
      {"ttft_ms", ttft_ms ? nlohmann::json(*ttft_ms) : nlohmann::json()},
      {"cost_usd", cost_usd ? nlohmann::json(*cost_usd) : nlohmann::json()},
      {"evaluations", evaluations},
      {"error", error.empty() ? nlohmann::json() : nlohmann::json(error)},
      {"error_kind", error_kind.empty() ? nlohmann::json() : nlohmann::json(error_kind)},
      {"retries", retries},
      {"model", model},
      {"started_at", started_at},
      {"finished_at", finished_at},
  };
  if (!row_hash.empty()) out["row_hash"] = row_hash;
  if (!extra.empty()) out["extra"] = extra;
  return out;
}

}  // namespace modelcompare::store
