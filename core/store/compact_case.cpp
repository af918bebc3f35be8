#include "store/compact_case.hpp"

namespace modelcompare::store {

CaseRecord compact_case(CaseRecord record) {
  std::string().swap(record.response);
  std::string().swap(record.row_hash);
  const bool cached = record.extra.is_object() && record.extra.value("cached", false);
  // Null rather than an empty object (which allocates): every reader checks is_object() first.
  record.extra = nullptr;
  if (cached) record.extra["cached"] = true;

  nlohmann::json evaluations = nlohmann::json::array();
  if (record.evaluations.is_array())
    for (auto& evaluation : record.evaluations) {
      if (!evaluation.is_object()) continue;
      nlohmann::json kept = nlohmann::json::object();
      for (const char* key : {"plugin", "score", "passed"})
        if (auto it = evaluation.find(key); it != evaluation.end()) kept[key] = std::move(*it);
      if (auto details = evaluation.find("details");
          details != evaluation.end() && details->is_object()) {
        if (auto judge = details->find("judge"); judge != details->end() && judge->is_object())
          if (auto usage = judge->find("usage"); usage != judge->end())
            kept["details"]["judge"]["usage"] = std::move(*usage);
      }
      evaluations.push_back(std::move(kept));
    }
  record.evaluations = std::move(evaluations);
  record.error.shrink_to_fit();
  return record;
}

}  // namespace modelcompare::store
