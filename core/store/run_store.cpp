#include "store/run_store.hpp"

#include <stdexcept>

#include "store/sqlite_database.hpp"

namespace modelcompare::store {
namespace {

// 2 added cases.row_hash; a version 1 store is upgraded when opened.
constexpr int kSchemaVersion = 2;
constexpr const char* kColumns =
    "provider, scenario, case_key, repeat, turn, status, response, prompt_tokens, "
    "completion_tokens, total_tokens, cached_prompt_tokens, reasoning_tokens, latency_ms, ttft_ms, "
    "cost_usd, retries, error_kind, error, model, extra_json, evaluations_json, started_at, "
    "finished_at, row_hash";

// The columns with the answer read as '': SQLite then skips its pages.
const std::string& columns_without_answer() {
  static const std::string columns = [] {
    std::string text = kColumns;
    const std::string answer = "response";
    return text.replace(text.find(answer), answer.size(), "''");
  }();
  return columns;
}

CaseRecord read_record(const SqliteStatement& row) {
  CaseRecord r;
  r.key = {row.text(0), row.text(1), row.text(2), int(row.integer(3)), int(row.integer(4))};
  r.status = case_status_from_string(row.text(5));
  r.response = row.text(6);
  r.usage.prompt_tokens = row.integer(7);
  r.usage.completion_tokens = row.integer(8);
  r.usage.total_tokens = row.integer(9);
  if (!row.is_null(10)) r.usage.cached_prompt_tokens = row.integer(10);
  if (!row.is_null(11)) r.usage.reasoning_tokens = row.integer(11);
  r.latency_ms = row.real(12);
  if (!row.is_null(13)) r.ttft_ms = row.real(13);
  if (!row.is_null(14)) r.cost_usd = row.real(14);
  r.retries = int(row.integer(15));
  r.error_kind = row.text(16);
  r.error = row.text(17);
  r.model = row.text(18);
  r.extra = nlohmann::json::parse(row.text(19), nullptr, false);
  if (r.extra.is_discarded()) r.extra = nlohmann::json::object();
  r.evaluations = nlohmann::json::parse(row.text(20), nullptr, false);
  if (r.evaluations.is_discarded()) r.evaluations = nlohmann::json::array();
  r.started_at = row.text(21);
  r.finished_at = row.text(22);
  r.row_hash = row.text(23);
  return r;
}

}  // namespace

RunStore::RunStore(std::filesystem::path path, std::unique_ptr<SqliteDatabase> db)
    : path_(std::move(path)), db_(std::move(db)) {}
RunStore::RunStore(RunStore&&) noexcept = default;
RunStore& RunStore::operator=(RunStore&& other) noexcept {
  // This store's statements are finalized before its connection closes.
  insert_case_.reset();
  begin_.reset();
  commit_.reset();
  find_case_.reset();
  db_ = std::move(other.db_);
  path_ = std::move(other.path_);
  insert_case_ = std::move(other.insert_case_);
  begin_ = std::move(other.begin_);
  commit_ = std::move(other.commit_);
  find_case_ = std::move(other.find_case_);
  return *this;
}
RunStore::~RunStore() = default;

RunStore RunStore::create(const std::filesystem::path& run_dir) {
  const auto file = run_dir / "run.db";
  if (std::filesystem::exists(file))
    throw std::runtime_error(file.string() + ": already exists; use --resume to continue that run");
  RunStore store(file, std::make_unique<SqliteDatabase>(file, SqliteDatabase::Mode::create));
  store.create_schema();
  return store;
}

RunStore RunStore::open(const std::filesystem::path& run_dir) {
  const auto file = run_dir / "run.db";
  std::error_code ec;
  if (!std::filesystem::is_directory(run_dir, ec))
    throw std::runtime_error(run_dir.string() + ": not a run folder (no such folder)");
  if (!std::filesystem::exists(file, ec))
    throw std::runtime_error(run_dir.string() + ": not a run folder (no run.db)");
  auto db = std::make_unique<SqliteDatabase>(file, SqliteDatabase::Mode::open_existing);
  try {
    auto check = db->prepare("SELECT value FROM run_info WHERE key = 'schema_version'");
    if (!check.step()) throw std::runtime_error("no schema version");
    if (check.text(0) == "1") {
      db->execute(
          "BEGIN IMMEDIATE;"
          "ALTER TABLE cases ADD COLUMN row_hash TEXT NOT NULL DEFAULT '';"
          "UPDATE run_info SET value = '2' WHERE key = 'schema_version';"
          "COMMIT;");
    } else if (check.text(0) != std::to_string(kSchemaVersion))
      throw std::runtime_error("schema version " + check.text(0) + ", this build reads " +
                               std::to_string(kSchemaVersion));
  } catch (const std::exception& e) {
    throw std::runtime_error(run_dir.string() +
                             ": not a run folder (run.db is not a modelcompare "
                             "run store: " +
                             e.what() + ")");
  }
  RunStore store(file, std::move(db));
  store.db_->execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
  return store;
}

void RunStore::create_schema() {
  db_->execute(
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
      "CREATE TABLE run_info (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
      "CREATE TABLE cases ("
      " provider TEXT NOT NULL, scenario TEXT NOT NULL, case_key TEXT NOT NULL,"
      " repeat INTEGER NOT NULL, turn INTEGER NOT NULL, status TEXT NOT NULL,"
      " response TEXT NOT NULL, prompt_tokens INTEGER NOT NULL, completion_tokens INTEGER NOT NULL,"
      " total_tokens INTEGER NOT NULL, cached_prompt_tokens INTEGER, reasoning_tokens INTEGER,"
      " latency_ms REAL NOT NULL, ttft_ms REAL, cost_usd REAL, retries INTEGER NOT NULL,"
      " error_kind TEXT NOT NULL, error TEXT NOT NULL, model TEXT NOT NULL,"
      " extra_json TEXT NOT NULL, evaluations_json TEXT NOT NULL,"
      " started_at TEXT NOT NULL, finished_at TEXT NOT NULL,"
      " row_hash TEXT NOT NULL DEFAULT '',"
      " PRIMARY KEY (provider, scenario, case_key, repeat, turn));");
  set_info("schema_version", std::to_string(kSchemaVersion));
}

void RunStore::set_info(const std::string& key, const std::string& value) {
  db_->prepare("INSERT OR REPLACE INTO run_info (key, value) VALUES (?, ?)")
      .bind(1, key)
      .bind(2, value)
      .run();
}

std::optional<std::string> RunStore::info(const std::string& key) const {
  auto statement = db_->prepare("SELECT value FROM run_info WHERE key = ?");
  statement.bind(1, key);
  if (!statement.step()) return std::nullopt;
  return statement.text(0);
}

std::map<std::string, std::string> RunStore::all_info() const {
  std::map<std::string, std::string> out;
  auto statement = db_->prepare("SELECT key, value FROM run_info");
  while (statement.step()) out[statement.text(0)] = statement.text(1);
  return out;
}

void RunStore::record(const CaseRecord& r) {
  const auto optional_int = [](SqliteStatement& s, int index,
                               const std::optional<std::int64_t>& v) {
    if (v)
      s.bind(index, static_cast<long long>(*v));
    else
      s.bind_null(index);
  };
  if (!insert_case_) {
    insert_case_ = std::make_unique<SqliteStatement>(
        db_->handle(), std::string("INSERT OR REPLACE INTO cases (") + kColumns +
                           ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    begin_ = std::make_unique<SqliteStatement>(db_->handle(), "BEGIN IMMEDIATE");
    commit_ = std::make_unique<SqliteStatement>(db_->handle(), "COMMIT");
  }
  auto& s = *insert_case_;
  begin_->reset();
  begin_->run();
  try {
    s.reset();
    s.bind(1, r.key.provider).bind(2, r.key.scenario).bind(3, r.key.case_key);
    s.bind(4, static_cast<long long>(r.key.repeat)).bind(5, static_cast<long long>(r.key.turn));
    s.bind(6, std::string_view(to_string(r.status))).bind(7, r.response);
    s.bind(8, static_cast<long long>(r.usage.prompt_tokens));
    s.bind(9, static_cast<long long>(r.usage.completion_tokens));
    s.bind(10, static_cast<long long>(r.usage.total_tokens));
    optional_int(s, 11, r.usage.cached_prompt_tokens);
    optional_int(s, 12, r.usage.reasoning_tokens);
    s.bind(13, r.latency_ms).bind(14, r.ttft_ms).bind(15, r.cost_usd);
    s.bind(16, static_cast<long long>(r.retries)).bind(17, r.error_kind).bind(18, r.error);
    s.bind(19, r.model)
        .bind(20, r.extra.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace))
        .bind(21, r.evaluations.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    s.bind(22, r.started_at).bind(23, r.finished_at).bind(24, r.row_hash);
    s.run();
    s.reset();  // releases the bound copies until the next case
    commit_->reset();
    commit_->run();
  } catch (...) {
    s.reset();
    db_->execute("ROLLBACK");
    throw;
  }
}

std::vector<CaseRecord> RunStore::cases() const {
  std::vector<CaseRecord> out;
  auto statement = db_->prepare(std::string("SELECT ") + kColumns +
                                " FROM cases ORDER BY provider, scenario, case_key, repeat, turn");
  while (statement.step()) out.push_back(read_record(statement));
  return out;
}

void RunStore::for_each_case(const std::function<void(CaseRecord&)>& visit, CaseText text) const {
  auto statement = db_->prepare(
      std::string("SELECT ") +
      (text == CaseText::with_answer ? std::string(kColumns) : columns_without_answer()) +
      " FROM cases ORDER BY provider, scenario, case_key, repeat, turn");
  while (statement.step()) {
    auto record = read_record(statement);
    visit(record);
  }
}

void RunStore::checkpoint() const {
  db_->execute("PRAGMA wal_checkpoint(TRUNCATE)");
}

std::size_t RunStore::case_count() const {
  auto statement = db_->prepare("SELECT COUNT(*) FROM cases");
  statement.step();
  return std::size_t(statement.integer(0));
}

std::size_t RunStore::failed_case_count() const {
  auto statement = db_->prepare("SELECT COUNT(*) FROM cases WHERE status != 'ok'");
  statement.step();
  return std::size_t(statement.integer(0));
}

std::optional<CaseRecord> RunStore::find(const CaseKey& key) const {
  // Asked once per case when a run resumes: prepared once.
  if (!find_case_)
    find_case_ = std::make_unique<SqliteStatement>(
        db_->handle(), std::string("SELECT ") + kColumns +
                           " FROM cases WHERE provider = ? AND scenario = ? AND case_key = ?"
                           " AND repeat = ? AND turn = ?");
  auto& statement = *find_case_;
  statement.reset();
  statement.bind(1, key.provider).bind(2, key.scenario).bind(3, key.case_key);
  statement.bind(4, static_cast<long long>(key.repeat)).bind(5, static_cast<long long>(key.turn));
  std::optional<CaseRecord> found;
  if (statement.step()) found = read_record(statement);
  statement.reset();  // ends the read, so it holds no snapshot of the WAL
  return found;
}

}  // namespace modelcompare::store
