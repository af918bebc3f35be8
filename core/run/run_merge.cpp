#include "run/run_merge.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "run/run_folder.hpp"
#include "run/shard.hpp"
#include "run/utc_time.hpp"
#include "store/run_store.hpp"

namespace modelcompare::run {
namespace {

namespace fs = std::filesystem;

struct ShardFolder {
  fs::path dir;
  store::RunStore store;
  std::map<std::string, std::string> info;
  std::optional<Shard> shard;

  std::string info_or(const std::string& key, const std::string& fallback = "") const {
    const auto it = info.find(key);
    return it == info.end() ? fallback : it->second;
  }
  std::string name() const {
    return dir.string() + (shard ? " (shard " + shard->to_string() + ")" : "");
  }
};

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

// Evaluators record where they left a case's pictures as absolute paths into the shard's folder;
// the merged run keeps its own copies, so the paths follow them.
nlohmann::json move_artifact_paths(const nlohmann::json& value, const std::string& from,
                                   const std::string& to) {
  const auto text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (text.find(from) == std::string::npos) return value;
  return nlohmann::json::parse(replace_all(text, from, to));
}

std::string case_name(const store::CaseKey& key) {
  return key.provider + " / " + key.scenario + " / " + key.case_key + " repeat " +
         std::to_string(key.repeat + 1) + " turn " + std::to_string(key.turn + 1);
}

ShardFolder open_folder(const fs::path& dir) {
  std::error_code ec;
  const fs::path absolute = fs::weakly_canonical(fs::absolute(dir), ec);
  auto store = store::RunStore::open(ec ? dir : absolute);
  ShardFolder folder{ec ? dir : absolute, std::move(store), {}, std::nullopt};
  folder.info = folder.store.all_info();
  if (const auto shard = folder.info_or("shard"); !shard.empty()) {
    try {
      folder.shard = parse_shard(shard);
    } catch (const std::invalid_argument&) {
      throw std::invalid_argument(folder.dir.string() + ": run.db names an unreadable shard '" +
                                  shard + "'");
    }
  }
  return folder;
}

// The checks that need no case: same config, one split, no shard twice.
void check_folders(const std::vector<ShardFolder>& folders) {
  const auto& first = folders.front();
  for (std::size_t i = 1; i < folders.size(); ++i) {
    const auto& folder = folders[i];
    for (std::size_t j = 0; j < i; ++j)
      if (folders[j].dir == folder.dir)
        throw std::invalid_argument(folder.dir.string() + ": given twice");
    if (folder.info_or("config_hash") != first.info_or("config_hash"))
      throw std::invalid_argument(folder.dir.string() + ": was run from a different config than " +
                                  first.dir.string() + " (config hash " +
                                  folder.info_or("config_hash", "none").substr(0, 12) + " vs " +
                                  first.info_or("config_hash", "none").substr(0, 12) +
                                  "); only shards of one comparison can be merged");
    for (std::size_t j = 0; j < i; ++j) {
      const auto& other = folders[j];
      if (!folder.shard || !other.shard) continue;
      if (folder.shard->count != other.shard->count)
        throw std::invalid_argument(folder.name() + " and " + other.name() +
                                    " come from different splits; merge shards of one --shard N");
      if (folder.shard->index == other.shard->index)
        throw std::invalid_argument(folder.dir.string() + " and " + other.dir.string() +
                                    " both hold shard " + folder.shard->to_string() +
                                    "; give one folder per shard (a resumed shard continues " +
                                    "in its own folder)");
    }
  }
}

// What keeps the merged run from being the whole comparison.
std::vector<std::string> gaps_of(const std::vector<ShardFolder>& folders) {
  std::vector<std::string> gaps;
  std::optional<std::size_t> count;
  std::vector<bool> present;
  for (const auto& folder : folders) {
    if (!folder.shard) continue;
    count = folder.shard->count;
    present.resize(*count);
    present[folder.shard->index] = true;
  }
  for (std::size_t k = 0; count && k < *count; ++k)
    if (!present[k])
      gaps.push_back("shard " + Shard{k, *count}.to_string() + " is missing: run it with --shard " +
                     Shard{k, *count}.to_string() + ", then merge again");
  for (const auto& folder : folders)
    if (folder.info_or("state") != "finished")
      gaps.push_back(
          folder.name() + " did not finish (state " + folder.info_or("state", "unknown") +
          "): continue it with `modelcompare run CONFIG --resume " + folder.dir.string() +
          (folder.shard ? " --shard " + folder.shard->to_string() : "") + "`, then merge again");
  return gaps;
}

void merge_into(const fs::path& dir, store::RunStore& merged, std::vector<ShardFolder>& folders,
                const std::vector<std::string>& gaps) {
  const auto& first = folders.front();
  for (const char* key : {"name", "config_hash", "config_path", "config", "prices"})
    merged.set_info(key, first.info_or(key));
  std::string started = first.info_or("started_at"), finished = first.info_or("finished_at");
  nlohmann::json sources = nlohmann::json::array();
  for (const auto& folder : folders) {
    started = std::min(started, folder.info_or("started_at", started));
    finished = std::max(finished, folder.info_or("finished_at"));
    if (folder.info_or("prices") != first.info_or("prices"))
      spdlog::warn(
          "{}: its prices differ from {}'s; the merged run prices every case with the "
          "first folder's",
          folder.dir.string(), first.dir.string());
    sources.push_back({{"dir", folder.dir.string()},
                       {"shard", folder.shard ? folder.shard->to_string() : "whole"}});
  }
  merged.set_info("started_at", started);
  merged.set_info("finished_at", finished);
  merged.set_info("merged_from", sources.dump());
  merged.set_info("merged_at", iso_utc(std::chrono::system_clock::now()));
  merged.set_info("run_dir", dir.string());
  merged.set_info("state", gaps.empty() ? "finished" : "incomplete");

  const std::string to = "\"" + (dir / "artifacts").string() + "/";
  std::ofstream log(dir / "run.log", std::ios::app);
  for (std::size_t i = 0; i < folders.size(); ++i) {
    auto& folder = folders[i];
    const std::string from =
        "\"" + (fs::path(folder.info_or("run_dir", folder.dir.string())) / "artifacts").string() +
        "/";
    folder.store.for_each_case([&](const store::CaseRecord& record) {
      if (merged.find(record.key)) {
        std::string holder = "an earlier folder";
        for (std::size_t j = 0; j < i; ++j)
          if (folders[j].store.find(record.key)) holder = folders[j].dir.string();
        throw std::invalid_argument("case " + case_name(record.key) + " is in both " + holder +
                                    " and " + folder.dir.string() +
                                    "; refusing to merge a case twice");
      }
      store::CaseRecord moved = record;
      moved.evaluations = move_artifact_paths(record.evaluations, from, to);
      moved.extra = move_artifact_paths(record.extra, from, to);
      merged.record(moved);
    });
    std::error_code ec;
    if (fs::exists(folder.dir / "artifacts", ec)) {
      fs::copy(folder.dir / "artifacts", dir / "artifacts", fs::copy_options::recursive, ec);
      if (ec)
        throw std::runtime_error(folder.dir.string() + "/artifacts: cannot copy into " +
                                 dir.string() + ": " + ec.message());
    }
    // One log for the merged run: each shard's, under a heading.
    if (std::ifstream shard_log(folder.dir / "run.log"); shard_log)
      log << "==== " << folder.name() << " ====\n" << shard_log.rdbuf() << "\n";
  }
}

}  // namespace

MergeOutcome merge_runs(const std::vector<fs::path>& run_dirs,
                        const std::optional<fs::path>& out_dir) {
  if (run_dirs.size() < 2)
    throw std::invalid_argument("give at least two run folders to merge (one per shard)");
  std::vector<ShardFolder> folders;
  for (const auto& dir : run_dirs) folders.push_back(open_folder(dir));
  check_folders(folders);
  const auto gaps = gaps_of(folders);

  const fs::path parent = out_dir ? fs::absolute(*out_dir) : folders.front().dir.parent_path();
  MergeOutcome outcome;
  outcome.run_dir = make_run_folder(parent, folders.front().info_or("name", "merged"),
                                    std::chrono::system_clock::now());
  try {
    auto merged = store::RunStore::create(outcome.run_dir);
    merge_into(outcome.run_dir, merged, folders, gaps);
    outcome.cases = merged.case_count();
    outcome.failed = merged.failed_case_count();
  } catch (...) {
    std::error_code ec;
    fs::remove_all(outcome.run_dir, ec);  // a refused merge leaves nothing half-made
    throw;
  }
  outcome.gaps = gaps;
  return outcome;
}

}  // namespace modelcompare::run
