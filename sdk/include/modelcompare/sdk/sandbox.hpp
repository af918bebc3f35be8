// The sandbox the host lends plugins for running untrusted code (e.g. a model's Python answer):
// its own process group, resource limits, a wall-clock deadline, a cut-down environment, and no
// network where the kernel allows unprivileged namespaces.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "modelcompare/sdk/abi.hpp"

namespace modelcompare::sdk {

struct SandboxLimits {
  std::chrono::milliseconds wall_time{10'000};
  int cpu_seconds = 10;
  std::uint64_t address_space_bytes = 2ull << 30;
  std::uint64_t file_size_bytes = 64ull << 20;
  int open_files = 256;
  int processes = 64;
  std::size_t output_bytes = 1 << 20;  // per stream; the rest is dropped and counted
};

struct SandboxCommand {
  std::vector<std::string> argv;  // argv[0] is an absolute path
  std::filesystem::path working_dir;
  std::vector<std::pair<std::string, std::string>> environment;  // the whole environment
  SandboxLimits limits;
};

enum class SandboxOutcome { exited, signaled, timed_out, failed_to_start };

struct SandboxResult {
  SandboxOutcome outcome = SandboxOutcome::failed_to_start;
  int exit_code = -1;
  int signal = 0;
  std::string stdout_text;
  std::string stderr_text;
  bool stdout_truncated = false;
  bool stderr_truncated = false;
  std::chrono::milliseconds wall_time{0};
  std::string isolation;  // what was in effect, e.g. "user+pid+net namespaces, rlimits"
  std::string error;      // why it failed to start
};

class MODELCOMPARE_VISIBLE Sandbox {
 public:
  virtual ~Sandbox() = default;
  // Blocks until the command ends or is killed; every process it started is gone on return.
  virtual SandboxResult run(const SandboxCommand& command) = 0;
};

}  // namespace modelcompare::sdk
