// One sandboxed Python process that has imported matplotlib once and forks a child per answer,
// so answers do not each pay the import and the font cache. The child runs under the same
// sandbox (namespaces, rlimits) plus its own session, PID namespace and CPU limit; the server
// enforces the wall-clock limit per job, and the host kills and restarts a server that stops
// answering.
#pragma once

#include <atomic>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>

#include "execution_limits.hpp"
#include "execution_report.hpp"
#include "modelcompare/sdk/sandbox.hpp"

namespace modelcompare::code_correctness {

class ForkServer {
 public:
  // Makes a private runtime folder (harness copy, warm MPLCONFIGDIR, job folders) under the
  // system's temporary folder. Does not start Python yet.
  ForkServer(sdk::Sandbox& sandbox, std::filesystem::path python,
             const std::filesystem::path& harness, ExecutionLimits limits);
  ~ForkServer();
  ForkServer(const ForkServer&) = delete;
  ForkServer& operator=(const ForkServer&) = delete;

  // Starts the server if it is not running. Throws std::runtime_error with the reason (e.g. the
  // interpreter cannot import matplotlib).
  void start();

  // Runs `code` as answer.py in a fresh job folder. Never throws for the code's own failures;
  // they are in the report. The job folder stays until discard().
  ExecutionReport execute(const std::string& code);
  void discard(const ExecutionReport& report);

  const std::filesystem::path& python() const { return python_; }
  const std::filesystem::path& runtime_dir() const { return runtime_dir_; }
  std::string isolation() const;

 private:
  void start_locked();

  sdk::Sandbox& sandbox_;
  std::filesystem::path python_;
  ExecutionLimits limits_;
  std::filesystem::path runtime_dir_;
  std::filesystem::path work_dir_;
  std::mutex mutex_;
  std::unique_ptr<sdk::SandboxProcess> process_;
  std::atomic<int> next_job_{1};
};

}  // namespace modelcompare::code_correctness
