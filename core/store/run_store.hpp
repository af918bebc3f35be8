// run.db: the source of truth of a run. Written case by case, one transaction per finished case
// (WAL), so a killed run loses nothing and --resume continues it.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "store/case_record.hpp"

namespace modelcompare::store {

class SqliteDatabase;
class SqliteStatement;

class RunStore {
 public:
  // Creates run.db in `run_dir` (which must not hold one yet).
  static RunStore create(const std::filesystem::path& run_dir);
  // Opens an existing run; throws "DIR: not a run folder (no run.db)" and the like.
  static RunStore open(const std::filesystem::path& run_dir);

  RunStore(RunStore&&) noexcept;
  RunStore& operator=(RunStore&&) noexcept;
  ~RunStore();

  // Run-level facts: config hash, config text, name, start time, ...
  void set_info(const std::string& key, const std::string& value);
  std::optional<std::string> info(const std::string& key) const;
  std::map<std::string, std::string> all_info() const;

  // Inserts or replaces one case, in its own transaction (the statement is prepared once).
  void record(const CaseRecord& record);
  std::vector<CaseRecord> cases() const;  // ordered by provider, scenario, case, repeat, turn
  // Every case in key order, read one at a time: `visit` may keep (move from) the record it gets.
  // Without the answer, `response` is empty and the pass is quicker (the answers are most of
  // run.db).
  enum class CaseText { with_answer, without_answer };
  void for_each_case(const std::function<void(CaseRecord&)>& visit,
                     CaseText text = CaseText::with_answer) const;
  std::size_t case_count() const;
  std::size_t failed_case_count() const;  // status error or skipped
  std::optional<CaseRecord> find(const CaseKey& key) const;
  // Copies the write-ahead log into run.db and empties it, as closing would: a close after it
  // has little left to write.
  void checkpoint() const;

  const std::filesystem::path& path() const { return path_; }

 private:
  RunStore(std::filesystem::path path, std::unique_ptr<SqliteDatabase> db);
  void create_schema();

  std::filesystem::path path_;
  std::unique_ptr<SqliteDatabase> db_;
  // Prepared on first use and kept; declared after db_, so finalized before it is closed.
  std::unique_ptr<SqliteStatement> insert_case_, begin_, commit_;
  mutable std::unique_ptr<SqliteStatement> find_case_;
};

}  // namespace modelcompare::store
