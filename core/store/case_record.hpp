// One finished case (one turn of one conversation, for one provider and repeat) as the run store
// keeps it and results.jsonl shows it.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <tuple>

#include "modelcompare/sdk/chat.hpp"

namespace modelcompare::store {

struct CaseKey {
  std::string provider;
  std::string scenario;
  std::string case_key;  // the scenario's row identity (the scenario id when there are no rows)
  int repeat = 0;
  int turn = 0;

  auto tie() const { return std::tie(provider, scenario, case_key, repeat, turn); }
  bool operator==(const CaseKey& other) const { return tie() == other.tie(); }
  bool operator<(const CaseKey& other) const { return tie() < other.tie(); }
};

// ok: answered (evaluations may still not pass); error: no usable answer; skipped: not sent
// because an earlier turn of the conversation had no answer.
enum class CaseStatus { ok, error, skipped };
const char* to_string(CaseStatus status);
CaseStatus case_status_from_string(const std::string& text);

struct CaseRecord {
  CaseKey key;
  CaseStatus status = CaseStatus::ok;
  std::string response;
  sdk::Usage usage;
  double latency_ms = 0;
  std::optional<double> ttft_ms;
  std::optional<double> cost_usd;
  int retries = 0;
  std::string error_kind;  // sdk::ErrorKind name, empty when ok
  std::string error;
  std::string model;
  nlohmann::json extra = nlohmann::json::object();
  nlohmann::json evaluations = nlohmann::json::array();  // [{plugin, score, passed, details}]
  std::string started_at;                                // UTC, ISO 8601 with milliseconds
  std::string finished_at;
  // The dataset row's content hash when the case was sent; empty for a scenario without rows.
  // A resumed run re-sends a case whose row changed since.
  std::string row_hash;

  // The results.jsonl object (DESIGN §5).
  nlohmann::json to_json() const;
};

}  // namespace modelcompare::store
