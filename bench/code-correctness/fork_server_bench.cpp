// Per-execution cost of running the same chart answers three ways, measured in one run:
//   fresh     `python3 answer.py` in a new interpreter (what a person does in the lab),
//   sandboxed the code-correctness fork server inside the host's process sandbox (what the
//             plugin does: fork, namespaces, limits, harness capture and introspection),
//   floor     the code alone exec'd in an already-warm interpreter (nothing can be cheaper).
// Prints the medians and the two ratios the issue sets targets for. Never used as a test.
//
//   code_correctness_bench [--repeat N] [--harness HARNESS.py] ANSWER.py|ANSWER.md...
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "code_extractor.hpp"
#include "fork_server.hpp"
#include "sandbox/process_sandbox.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using modelcompare::testing::TempDir;
using modelcompare::testing::write_file;

extern char** environ;

namespace {

constexpr const char* kPython = "/usr/bin/python3";

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const auto n = values.size();
  return n == 0 ? 0 : (n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2);
}

// Runs argv in `dir` with MPLCONFIGDIR set; returns the exit status and, optionally, stdout.
int spawn(const std::vector<std::string>& args, const fs::path& dir, const fs::path& mplconfig,
          std::string* out = nullptr) {
  std::vector<std::string> env_storage = {"PATH=/usr/bin:/bin", "HOME=" + dir.string(),
                                          "MPLCONFIGDIR=" + mplconfig.string(), "MPLBACKEND=Agg",
                                          "LANG=C.UTF-8"};
  std::vector<char*> envp, argv;
  for (auto& e : env_storage) envp.push_back(e.data());
  envp.push_back(nullptr);
  std::vector<std::string> args_copy = args;
  for (auto& a : args_copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) return -1;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 1);
  posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
  const std::string cwd = dir.string();
  posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  close(pipe_fds[1]);
  std::string collected;
  char buffer[4096];
  for (ssize_t n; (n = read(pipe_fds[0], buffer, sizeof buffer)) > 0;) collected.append(buffer, n);
  close(pipe_fds[0]);
  if (rc != 0) return -1;
  int status = 0;
  waitpid(pid, &status, 0);
  if (out) *out = collected;
  return status;
}

// The code alone in one warm interpreter (harness.py floor), timed by the interpreter itself.
class FloorProcess {
 public:
  FloorProcess(const fs::path& harness, const fs::path& dir, const fs::path& mplconfig) {
    int in[2], out[2];
    if (pipe(in) != 0 || pipe(out) != 0) throw std::runtime_error("pipe");
    std::vector<std::string> env_storage = {"PATH=/usr/bin:/bin", "HOME=" + dir.string(),
                                            "MPLCONFIGDIR=" + mplconfig.string(), "MPLBACKEND=Agg",
                                            "LANG=C.UTF-8"};
    std::vector<std::string> args = {kPython, harness.string(), "floor"};
    std::vector<char*> envp, argv;
    for (auto& e : env_storage) envp.push_back(e.data());
    envp.push_back(nullptr);
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], 0);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_addclose(&actions, in[1]);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    const std::string cwd = dir.string();
    posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
    if (posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), envp.data()) != 0)
      throw std::runtime_error("cannot start the floor interpreter");
    posix_spawn_file_actions_destroy(&actions);
    close(in[0]);
    close(out[1]);
    to_ = fdopen(in[1], "w");
    from_ = fdopen(out[0], "r");
    if (line() != "ready") throw std::runtime_error("the floor interpreter did not start");
  }
  ~FloorProcess() {
    fclose(to_);
    fclose(from_);
    waitpid(pid_, nullptr, 0);
  }
  // Milliseconds of wall-clock and of CPU time the code took.
  std::pair<double, double> run(const fs::path& file) {
    std::fprintf(to_, "%s\n", file.c_str());
    std::fflush(to_);
    double wall = 0, cpu = 0;
    std::sscanf(line().c_str(), "%lf %lf", &wall, &cpu);
    return {wall, cpu};
  }

 private:
  std::string line() {
    char buffer[256];
    if (!std::fgets(buffer, sizeof buffer, from_)) return {};
    std::string text(buffer);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    return text;
  }
  pid_t pid_ = -1;
  FILE* to_ = nullptr;
  FILE* from_ = nullptr;
};

// The phases of a fork-server execution, each between two moments of the report's timeline
// (the host's, the server's and the harness's, all on CLOCK_MONOTONIC).
struct Phase {
  const char* name;
  const char* from;
  const char* to;
};
// Only the phases a job's timeline has moments for are printed: a job that says "done" (this
// harness) or, with an older harness through --harness, one reaped by an intermediate worker.
constexpr Phase kPhases[] = {
    {"host sends the job, server reads it", "host_sent", "request_received"},
    {"server makes the job folder, answer.py", "request_received", "folder_ready"},
    {"hand-off to the waiting job process", "folder_ready", "job_received"},
    {"job setup (rlimit, chdir, stdio)", "job_received", "setup_done"},
    {"harness before the answer (seed, compile)", "setup_done", "answer_start"},
    {"the answer, with the capture hooks", "answer_start", "answer_end"},
    {"final introspection after the answer", "answer_end", "result_written"},
    {"result.json, \"done\" reaches the server", "result_written", "job_ended"},
    {"server kills the job (reaped after reply)", "job_ended", "reply_ready"},
    {"server replies, host reads the reply", "reply_ready", "host_replied"},
    {"result.json, job exit, reaped by its worker", "result_written", "job_reaped"},
    {"worker exits, server reads its status", "job_reaped", "status_read"},
    {"server reaps the worker, kills its group", "status_read", "worker_reaped"},
    {"server replies, host reads the reply", "worker_reaped", "host_replied"},
    {"host reads result.json, stdout, stderr", "host_replied", "host_done"},
};

// CPU seconds of the job process itself, between two of its moments.
constexpr Phase kJobCpu[] = {
    {"fork to ready (/proc, caps, page prewarm)", "", "cpu_ready"},
    {"ready to the answer's start", "cpu_ready", "cpu_answer_start"},
    {"the answer, with the capture hooks", "cpu_answer_start", "cpu_answer_end"},
    {"after the answer (introspection)", "cpu_answer_end", "cpu_result_written"},
};

class PhaseTable {
 public:
  void add(const nlohmann::json& timeline) {
    for (std::size_t i = 0; i < std::size(kPhases); ++i) {
      const auto& p = kPhases[i];
      if (timeline.contains(p.from) && timeline.contains(p.to))
        phases_[i].push_back((timeline[p.to].get<double>() - timeline[p.from].get<double>()) *
                             1000);
    }
    for (std::size_t i = 0; i < std::size(kJobCpu); ++i) {
      const auto& p = kJobCpu[i];
      if (timeline.contains(p.to) && (!*p.from || timeline.contains(p.from)))
        job_cpu_[i].push_back(
            (timeline[p.to].get<double>() - (*p.from ? timeline[p.from].get<double>() : 0)) * 1000);
    }
    for (const char* key : {"capture_s"})
      if (timeline.contains(key)) capture_.push_back(timeline[key].get<double>() * 1000);
    if (timeline.contains("cpu_ms")) cpu_.push_back(timeline["cpu_ms"].get<double>());
    if (timeline.contains("prefork_ms")) prefork_.push_back(timeline["prefork_ms"].get<double>());
    if (timeline.contains("reap_ms")) reap_.push_back(timeline["reap_ms"].get<double>());
  }
  void print() const {
    std::printf("fork-server phases, median ms:\n");
    for (std::size_t i = 0; i < std::size(kPhases); ++i) {
      if (phases_[i].empty()) continue;  // a path the jobs did not take
      std::printf("  %-44s %7.2f\n", kPhases[i].name, median(phases_[i]));
      if (std::string(kPhases[i].to) == "answer_end")
        std::printf("    %-42s %7.2f\n", "of which capture hooks (describe + PNG)",
                    median(capture_));
    }
    if (!reap_.empty())
      std::printf("  %-44s %7.2f\n", "(off the path) the job's teardown, reaped", median(reap_));
    std::printf("  %-44s %7.2f\n", "(off the path) forking the next job process", median(prefork_));
    std::printf("job process CPU, median ms:\n");
    for (std::size_t i = 0; i < std::size(kJobCpu); ++i)
      if (!job_cpu_[i].empty())
        std::printf("  %-44s %7.2f\n", kJobCpu[i].name, median(job_cpu_[i]));
  }
  double cpu() const { return median(cpu_); }

 private:
  std::vector<double> phases_[std::size(kPhases)];
  std::vector<double> job_cpu_[std::size(kJobCpu)];
  std::vector<double> capture_, cpu_, prefork_, reap_;
};

}  // namespace

int main(int argc, char** argv) {
  int repeat = 5;
  fs::path harness = CODE_CORRECTNESS_HARNESS;
  std::vector<std::string> codes;
  std::vector<std::string> names;
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--repeat" && i + 1 < argc) {
      repeat = std::max(1, std::atoi(argv[++i]));
      continue;
    }
    if (std::string(argv[i]) == "--harness" && i + 1 < argc) {  // e.g. an older one, to compare
      harness = argv[++i];
      continue;
    }
    std::ifstream in(argv[i]);
    std::stringstream text;
    text << in.rdbuf();
    auto code = modelcompare::code_correctness::extract_code(text.str()).code;
    // Answers name their image after {{provider}}; the bench is one fixed provider.
    for (std::size_t p; (p = code.find("{{provider}}")) != std::string::npos;)
      code.replace(p, 12, "bench");
    if (code.empty()) {
      std::cerr << argv[i] << ": no code found\n";
      return 2;
    }
    codes.push_back(code);
    names.push_back(fs::path(argv[i]).filename().string());
  }
  if (codes.empty()) {
    std::cerr << "usage: code_correctness_bench [--repeat N] [--harness HARNESS.py] "
                 "ANSWER.py|ANSWER.md...\n";
    return 2;
  }

  TempDir dir("code-correctness-bench");
  chmod(dir.path().c_str(), 0711);
  const auto mplconfig = dir / "mplconfig";
  fs::create_directories(mplconfig);
  fs::create_directories(dir / "imgs");
  std::vector<fs::path> files;
  for (std::size_t i = 0; i < codes.size(); ++i) {
    files.push_back(dir / ("answer-" + std::to_string(i) + ".py"));
    write_file(files.back(), codes[i]);
  }
  // A warm font cache for the fresh runs too: the fresh cost here is the import, not the cache.
  spawn({kPython, "-c", "import matplotlib.pyplot"}, dir.path(), mplconfig);

  // The three ways take turns, answer by answer, so that the load of a shared machine falls on
  // all of them alike.
  auto sandbox = modelcompare::sandbox::make_process_sandbox();
  modelcompare::code_correctness::ForkServer server(*sandbox, kPython, harness, {});
  server.start();  // the import and the font cache are paid here, untimed
  FloorProcess floor_process(harness, dir.path(), mplconfig);
  for (const auto& file : files) floor_process.run(file);  // warm: every answer once, untimed

  std::vector<double> fresh, sandboxed, floor, floor_cpu;
  PhaseTable phases;
  for (int r = 0; r < repeat; ++r)
    for (std::size_t i = 0; i < codes.size(); ++i) {
      auto started = Clock::now();
      const int status = spawn({kPython, files[i].string()}, dir.path(), mplconfig);
      fresh.push_back(std::chrono::duration<double, std::milli>(Clock::now() - started).count());
      if (status != 0) std::cerr << "fresh run of " << names[i] << " failed: " << status << "\n";

      started = Clock::now();
      const auto report = server.execute(codes[i]);
      sandboxed.push_back(
          std::chrono::duration<double, std::milli>(Clock::now() - started).count());
      if (report.status != "ok")
        std::cerr << names[i] << " in the fork server: " << report.status << " " << report.error
                  << "\n";
      phases.add(report.timeline);
      server.discard(report);
      // The server's work after a reply (teardown, next fork, page prewarm) is over before the
      // floor is timed, so that it does not slow the floor down.
      std::this_thread::sleep_for(std::chrono::milliseconds(250));

      const auto [floor_wall, floor_cpu_ms] = floor_process.run(files[i]);
      floor.push_back(floor_wall);
      floor_cpu.push_back(floor_cpu_ms);
    }

  // Back to back: the answers one after another through the server, so the work it does after
  // each reply (the job's teardown, forking the next job process, its page prewarm) is paid by
  // the next answer; then the same answers through the floor. Per execution: a round's total
  // over its answers (the fork server's includes discarding each job folder).
  std::vector<double> server_rounds, floor_rounds;
  for (int r = 0; r < repeat; ++r) {
    const auto started = Clock::now();
    for (const auto& code : codes) server.discard(server.execute(code));
    server_rounds.push_back(
        std::chrono::duration<double, std::milli>(Clock::now() - started).count() /
        static_cast<double>(codes.size()));
    double total = 0;
    for (const auto& file : files) total += floor_process.run(file).first;
    floor_rounds.push_back(total / static_cast<double>(codes.size()));
  }

  const double f = median(fresh), s = median(sandboxed), w = median(floor);
  std::printf("answers: %zu, executions per way: %zu\n", codes.size(), fresh.size());
  std::printf("isolation: %s\n", server.isolation().c_str());
  std::printf(
      "median ms per execution: fresh %.1f | sandboxed fork server %.1f | warm floor %.1f\n", f, s,
      w);
  std::printf("sandboxed / floor = %.2fx (target <= 1.25x)\n", s / w);
  std::printf("fresh / sandboxed = %.2fx (target >= 5x)\n", f / s);
  const double sb = median(server_rounds), wb = median(floor_rounds);
  std::printf(
      "back to back, median ms per execution: sandboxed fork server %.1f | warm floor %.1f "
      "(%.2fx)\n",
      sb, wb, sb / wb);
  // CPU time is what a shared machine's load distorts least.
  std::printf("median CPU ms per execution: sandboxed fork server %.1f | warm floor %.1f (%.2fx)\n",
              phases.cpu(), median(floor_cpu), phases.cpu() / median(floor_cpu));
  phases.print();
  return 0;
}
