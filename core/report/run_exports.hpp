// Writes the run folder's derived files from run.db: results.jsonl, results.csv, summary.json,
// report.md, report.html and the charts in charts/.
#pragma once

#include <filesystem>

#include "store/run_store.hpp"

namespace modelcompare::report {

void write_run_exports(const std::filesystem::path& run_dir, const store::RunStore& store);

}  // namespace modelcompare::report
