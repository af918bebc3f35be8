// `modelcompare merge`: joins the run folders of one comparison's shards (`run --shard K/N`) into
// a new run folder, as if one machine had run it all: the cases in one run.db, the artifacts
// copied beside them, and every derived file (summary statistics, report) computed afresh.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace modelcompare::run {

struct MergeOutcome {
  std::filesystem::path run_dir;  // the new, merged run folder
  std::size_t cases = 0;
  std::size_t failed = 0;  // status error or skipped
  // Why the merged run is not the whole comparison: missing shards, shards that were interrupted.
  std::vector<std::string> gaps;
};

// Refuses (std::invalid_argument, one line naming the folder at fault; nothing is left behind)
// folders that are not runs, the same folder twice, runs of different configs, two folders with
// the same shard, and any case present in two folders. `out_dir` is where the merged folder is
// made; by default beside the first folder.
MergeOutcome merge_runs(const std::vector<std::filesystem::path>& run_dirs,
                        const std::optional<std::filesystem::path>& out_dir);

}  // namespace modelcompare::run
