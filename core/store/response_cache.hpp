// The shared response cache (cache.db, SQLite): successful answers keyed by a fingerprint of the
// request, so a rerun of the same requests costs no provider call. Several runs, even at the same
// time, may share one file (WAL, busy timeout). Errors are never stored.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "modelcompare/sdk/chat.hpp"

namespace modelcompare::store {

class SqliteDatabase;
class SqliteStatement;

class ResponseCache {
 public:
  // Opens `file`, creating it (and its folder) when missing. Throws std::runtime_error naming
  // the file when it is not a modelcompare cache.
  static ResponseCache open(const std::filesystem::path& file);

  ResponseCache(ResponseCache&&) noexcept;
  ResponseCache& operator=(ResponseCache&&) noexcept;
  ~ResponseCache();

  // The answer saved under `fingerprint`, with the usage, latency and model of the original.
  std::optional<sdk::ChatResult> find(const std::string& fingerprint) const;
  // Saves an answer; a failed result is ignored (errors are never cached).
  void save(const std::string& fingerprint, const sdk::ChatResult& result);
  std::size_t size() const;

  const std::filesystem::path& path() const { return path_; }

 private:
  ResponseCache(std::filesystem::path path, std::unique_ptr<SqliteDatabase> db);

  std::filesystem::path path_;
  std::unique_ptr<SqliteDatabase> db_;
  // Prepared on first use and kept; declared after db_, so finalized before it is closed.
  mutable std::unique_ptr<SqliteStatement> find_;
  std::unique_ptr<SqliteStatement> save_;
};

}  // namespace modelcompare::store
