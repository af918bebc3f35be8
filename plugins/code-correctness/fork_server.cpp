#include "fork_server.hpp"

#include <sys/stat.h>

#include <chrono>
#include <fstream>
#include <stdexcept>
#include <vector>

#include "job_files.hpp"

namespace modelcompare::code_correctness {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr auto kStartTimeout = std::chrono::seconds(120);  // first font-cache build included
constexpr auto kReplyGrace = std::chrono::seconds(10);     // beyond the job's own timeout

fs::path make_runtime_dir() {
  std::string pattern =
      (fs::temp_directory_path() / "modelcompare-code-correctness-XXXXXX").string();
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  if (!mkdtemp(buffer.data()))
    throw std::runtime_error("code-correctness: cannot create a runtime folder under " +
                             fs::temp_directory_path().string());
  // Traversable but not listable: the sandboxed user (nobody, when the host is root) must reach
  // the harness and its working folder.
  chmod(buffer.data(), 0711);
  return buffer.data();
}

std::string last_line(const std::string& text) {
  auto end = text.find_last_not_of("\n ");
  if (end == std::string::npos) return {};
  const auto start = text.rfind('\n', end);
  return text.substr(start == std::string::npos ? 0 : start + 1,
                     end - (start == std::string::npos ? 0 : start + 1) + 1);
}

}  // namespace

ForkServer::ForkServer(sdk::Sandbox& sandbox, fs::path python, const fs::path& harness,
                       ExecutionLimits limits)
    : sandbox_(sandbox), python_(std::move(python)), limits_(limits) {
  runtime_dir_ = make_runtime_dir();
  fs::copy_file(harness, runtime_dir_ / "harness.py");
  chmod((runtime_dir_ / "harness.py").c_str(), 0644);
  work_dir_ = runtime_dir_ / "work";
  fs::create_directories(work_dir_ / "mplconfig");
  fs::create_directories(work_dir_ / "jobs");
}

ForkServer::~ForkServer() {
  process_.reset();  // kills the server and anything left of its jobs
  std::error_code ignored;
  fs::remove_all(runtime_dir_, ignored);
}

void ForkServer::start() {
  std::lock_guard lock(mutex_);
  start_locked();
}

std::string ForkServer::isolation() const {
  return process_ ? process_->isolation() : "";
}

void ForkServer::start_locked() {
  if (process_ && process_->alive()) return;
  process_.reset();
  sdk::SandboxCommand command;
  command.argv = {python_.string(), "-I", (runtime_dir_ / "harness.py").string(), "serve"};
  command.working_dir = work_dir_;
  const auto home = work_dir_.string();
  command.environment = {{"PATH", "/usr/local/bin:/usr/bin:/bin"},
                         {"HOME", home},
                         {"MPLCONFIGDIR", (work_dir_ / "mplconfig").string()},
                         {"XDG_CACHE_HOME", (work_dir_ / ".cache").string()},
                         {"MPLBACKEND", "Agg"},
                         {"LANG", "C.UTF-8"},
                         {"OPENBLAS_NUM_THREADS", "1"},
                         {"OMP_NUM_THREADS", "1"},
                         {"MKL_NUM_THREADS", "1"}};
  command.limits.cpu_seconds = 24 * 3600;  // the server's own; each job sets its own lower one
  command.limits.address_space_bytes = limits_.memory_bytes;
  command.limits.file_size_bytes = limits_.file_size_bytes;
  command.limits.processes = limits_.processes;
  command.limits.output_bytes = limits_.output_bytes;
  auto process = sandbox_.start(command);
  const auto line = process->receive_line(kStartTimeout);
  json ready;
  if (line) ready = json::parse(*line, nullptr, false);
  if (!line || !ready.is_object() || !ready.value("ready", false)) {
    const auto why = last_line(process->stderr_tail());
    throw std::runtime_error(python_.string() + " cannot run the code-correctness harness" +
                             (why.empty() ? std::string(" (it said nothing)") : ": " + why));
  }
  process_ = std::move(process);
}

ExecutionReport ForkServer::execute(const std::string& code) {
  std::lock_guard lock(mutex_);
  const std::string job = "job-" + std::to_string(next_job_++);
  ExecutionReport report;
  report.job_dir = work_dir_ / "jobs" / job;
  try {
    start_locked();
  } catch (const std::exception& e) {
    report.status = "sandbox_error";
    report.error = e.what();
    return report;
  }
  report.isolation = process_->isolation();
  const json request = {{"job", job},
                        {"code", code},
                        {"timeout_ms", limits_.timeout.count()},
                        {"cpu_seconds", limits_.cpu_seconds}};
  const auto now = [] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
  };
  const double sent = now();
  std::optional<std::string> line;
  if (process_->send(request.dump() + "\n"))
    line = process_->receive_line(limits_.timeout + kReplyGrace);
  const double replied = now();
  json reply = line ? json::parse(*line, nullptr, false) : json();
  if (!reply.is_object() || reply.value("job", "") != job) {
    // A server that does not answer is killed with all its jobs and restarted next time.
    const auto why = last_line(process_->stderr_tail());
    process_.reset();
    report.status = "sandbox_error";
    report.error = "the fork server stopped answering" + (why.empty() ? "" : ": " + why);
    return report;
  }
  json result;
  if (const auto file = job_file(report.job_dir, ".harness/result.json"))
    result = json::parse(read_tail(*file, 16 << 20), nullptr, false);
  if (result.is_discarded()) result = nullptr;
  auto classified = classify_execution(reply, result);
  classified.job_dir = report.job_dir;
  classified.isolation = report.isolation;
  if (reply.value("pid_namespace", false)) classified.isolation += ", a pid namespace per job";
  for (const auto& [name, target] : {std::pair{"stdout.txt", &classified.stdout_tail},
                                     {"stderr.txt", &classified.stderr_tail}}) {
    if (const auto file = job_file(report.job_dir, fs::path(".harness") / name))
      *target = read_tail(*file, limits_.output_bytes);
  }
  classified.timeline["host_sent"] = sent;
  classified.timeline["host_replied"] = replied;
  classified.timeline["host_done"] = now();
  return classified;
}

void ForkServer::discard(const ExecutionReport& report) {
  if (report.job_dir.empty() || report.job_dir.parent_path() != work_dir_ / "jobs") return;
  std::error_code ignored;
  fs::remove_all(report.job_dir, ignored);
}

}  // namespace modelcompare::code_correctness
