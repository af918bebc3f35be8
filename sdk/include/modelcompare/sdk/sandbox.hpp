// The sandbox the host lends plugins for running untrusted code (e.g. a model's Python answer):
// its own process group, resource limits, a wall-clock deadline, a cut-down environment, and no
// network where the kernel allows unprivileged namespaces.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "modelcompare/sdk/abi.hpp"

namespace modelcompare::sdk {

struct SandboxLimits {
  std::chrono::milliseconds wall_time{10'000};  // run() only; a started process has none
  int cpu_seconds = 10;
  std::uint64_t address_space_bytes = 2ull << 30;
  std::uint64_t file_size_bytes = 64ull << 20;
  int open_files = 256;
  int processes = 64;  // counted inside the sandbox where a user namespace is in effect
  std::size_t output_bytes = 1 << 20;  // per stream; the rest is dropped and counted
};

struct SandboxCommand {
  std::vector<std::string> argv;  // argv[0] is an absolute path
  // Made writable for the sandboxed user (when the host runs as root, code runs as `nobody`).
  std::filesystem::path working_dir;
  // The whole environment. Names that look like credentials (*KEY*, *TOKEN*, *SECRET*,
  // *PASSWORD*, AZURE_*, OPENAI_*) are dropped even if listed.
  std::vector<std::pair<std::string, std::string>> environment;
  SandboxLimits limits;
};

enum class SandboxOutcome { exited, signaled, timed_out, failed_to_start };

inline const char* to_string(SandboxOutcome outcome) {
  switch (outcome) {
    case SandboxOutcome::exited: return "exited";
    case SandboxOutcome::signaled: return "signaled";
    case SandboxOutcome::timed_out: return "timed_out";
    case SandboxOutcome::failed_to_start: return "failed_to_start";
  }
  return "unknown";
}

struct SandboxResult {
  SandboxOutcome outcome = SandboxOutcome::failed_to_start;
  int exit_code = -1;
  int signal = 0;
  std::string stdout_text;
  std::string stderr_text;
  bool stdout_truncated = false;
  bool stderr_truncated = false;
  std::chrono::milliseconds wall_time{0};
  std::string isolation;  // what was in effect, e.g. "user+pid+net+mount namespaces, rlimits"
  std::string error;      // why it failed to start
};

// A sandboxed process that stays alive between requests, e.g. a fork server that pre-imports a
// heavy library once and forks a child per job. Same isolation and limits as Sandbox::run except
// the wall-clock deadline: the caller bounds each request with receive_line's timeout and
// destroys the handle to stop it. The protocol is the caller's, over the process's stdin/stdout.
class MODELCOMPARE_VISIBLE SandboxProcess {
 public:
  // Kills the process and everything it started, and waits for them.
  virtual ~SandboxProcess() = default;
  // Writes to the process's stdin; false once it has gone.
  virtual bool send(std::string_view data) = 0;
  // One line of its stdout without the '\n'; nullopt on timeout or once it has ended.
  virtual std::optional<std::string> receive_line(std::chrono::milliseconds timeout) = 0;
  virtual bool alive() = 0;
  // The last limits.output_bytes of its stderr so far.
  virtual std::string stderr_tail() = 0;
  virtual std::string isolation() const = 0;
};

class MODELCOMPARE_VISIBLE Sandbox {
 public:
  virtual ~Sandbox() = default;
  // Blocks until the command ends or is killed; every process it started is gone on return.
  virtual SandboxResult run(const SandboxCommand& command) = 0;
  // Starts a long-lived sandboxed process with pipes to its stdin and stdout. Throws
  // std::runtime_error (with the reason) when it cannot start.
  virtual std::unique_ptr<SandboxProcess> start(const SandboxCommand& command) = 0;
};

}  // namespace modelcompare::sdk
