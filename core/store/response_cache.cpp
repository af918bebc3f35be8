#include "store/response_cache.hpp"

#include <chrono>
#include <stdexcept>

#include "store/sqlite_database.hpp"

namespace modelcompare::store {
namespace {

nlohmann::json to_json(const sdk::ChatResult& r) {
  nlohmann::json usage = {{"prompt_tokens", r.usage.prompt_tokens},
                          {"completion_tokens", r.usage.completion_tokens},
                          {"total_tokens", r.usage.total_tokens}};
  if (r.usage.cached_prompt_tokens) usage["cached_prompt_tokens"] = *r.usage.cached_prompt_tokens;
  if (r.usage.reasoning_tokens) usage["reasoning_tokens"] = *r.usage.reasoning_tokens;
  nlohmann::json out = {{"content", r.content},
                        {"finish_reason", r.finish_reason},
                        {"usage", usage},
                        {"usage_reported", r.usage_reported},
                        {"latency_ms", r.latency.count()},
                        {"retries", r.retries},
                        {"model", r.model},
                        {"extra", r.extra}};
  if (r.time_to_first_token) out["ttft_ms"] = r.time_to_first_token->count();
  return out;
}

sdk::ChatResult from_json(const nlohmann::json& j) {
  sdk::ChatResult r;
  r.content = j.at("content").get<std::string>();
  r.finish_reason = j.value("finish_reason", "");
  const auto& usage = j.at("usage");
  r.usage.prompt_tokens = usage.value("prompt_tokens", std::int64_t{0});
  r.usage.completion_tokens = usage.value("completion_tokens", std::int64_t{0});
  r.usage.total_tokens = usage.value("total_tokens", std::int64_t{0});
  if (usage.contains("cached_prompt_tokens"))
    r.usage.cached_prompt_tokens = usage["cached_prompt_tokens"].get<std::int64_t>();
  if (usage.contains("reasoning_tokens"))
    r.usage.reasoning_tokens = usage["reasoning_tokens"].get<std::int64_t>();
  r.usage_reported = j.value("usage_reported", false);
  r.latency = std::chrono::milliseconds(j.value("latency_ms", std::int64_t{0}));
  if (j.contains("ttft_ms"))
    r.time_to_first_token = std::chrono::milliseconds(j["ttft_ms"].get<std::int64_t>());
  r.retries = j.value("retries", 0);
  r.model = j.value("model", "");
  r.extra = j.value("extra", nlohmann::json::object());
  return r;
}

}  // namespace

ResponseCache::ResponseCache(std::filesystem::path path, std::unique_ptr<SqliteDatabase> db)
    : path_(std::move(path)), db_(std::move(db)) {}
ResponseCache::ResponseCache(ResponseCache&&) noexcept = default;
ResponseCache& ResponseCache::operator=(ResponseCache&& other) noexcept {
  // This cache's statements are finalized before its connection closes.
  find_.reset();
  save_.reset();
  db_ = std::move(other.db_);
  path_ = std::move(other.path_);
  find_ = std::move(other.find_);
  save_ = std::move(other.save_);
  return *this;
}
ResponseCache::~ResponseCache() = default;

ResponseCache ResponseCache::open(const std::filesystem::path& file) {
  std::error_code ec;
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
  const bool exists = std::filesystem::exists(file, ec);
  auto db = std::make_unique<SqliteDatabase>(
      file, exists ? SqliteDatabase::Mode::open_existing : SqliteDatabase::Mode::create);
  try {
    db->execute(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
        "CREATE TABLE IF NOT EXISTS responses (fingerprint TEXT PRIMARY KEY,"
        " result_json TEXT NOT NULL, saved_at INTEGER NOT NULL);");
    db->prepare("SELECT COUNT(*) FROM responses").step();
  } catch (const std::exception& e) {
    throw std::runtime_error(file.string() + ": not a modelcompare response cache (" + e.what() +
                             "); remove it or set output.cache to another file");
  }
  return ResponseCache(file, std::move(db));
}

std::optional<sdk::ChatResult> ResponseCache::find(const std::string& fingerprint) const {
  if (!find_)
    find_ = std::make_unique<SqliteStatement>(
        db_->handle(), "SELECT result_json FROM responses WHERE fingerprint = ?");
  auto& statement = *find_;
  statement.reset();
  statement.bind(1, fingerprint);
  std::string text;
  const bool found = statement.step();
  if (found) text = statement.text(0);
  statement.reset();  // ends the read, so another run's writes are not held back
  if (!found) return std::nullopt;
  const auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("content") || !j.contains("usage"))
    return std::nullopt;  // a damaged entry is a miss; the next answer replaces it
  try {
    return from_json(j);
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

void ResponseCache::save(const std::string& fingerprint, const sdk::ChatResult& result) {
  if (!result.ok()) return;
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  if (!save_)
    save_ = std::make_unique<SqliteStatement>(
        db_->handle(),
        "INSERT OR REPLACE INTO responses (fingerprint, result_json, saved_at) VALUES (?, ?, ?)");
  auto& statement = *save_;
  statement.reset();
  statement.bind(1, fingerprint)
      .bind(2, to_json(result).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace))
      .bind(3, static_cast<long long>(now));
  try {
    statement.run();
  } catch (...) {
    statement.reset();
    throw;
  }
  statement.reset();
}

std::size_t ResponseCache::size() const {
  auto statement = db_->prepare("SELECT COUNT(*) FROM responses");
  statement.step();
  return std::size_t(statement.integer(0));
}

}  // namespace modelcompare::store
