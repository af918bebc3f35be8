#include "report/run_exports.hpp"

#include <string>

#include "report/atomic_file.hpp"
#include "report/markdown_report.hpp"
#include "report/run_summary.hpp"

namespace modelcompare::report {

void write_run_exports(const std::filesystem::path& run_dir, const store::RunStore& store) {
  const auto cases = store.cases();
  std::string jsonl;
  for (const auto& record : cases)
    jsonl += record.to_json().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  write_file_atomically(run_dir / "results.jsonl", jsonl);

  const auto summary = summarize_run(store.all_info(), cases);
  write_file_atomically(run_dir / "summary.json", summary.dump(2) + "\n");
  write_file_atomically(run_dir / "report.md", markdown_report(summary, cases));
}

}  // namespace modelcompare::report
