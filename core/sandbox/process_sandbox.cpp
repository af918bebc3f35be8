#include "sandbox/process_sandbox.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <mutex>
#include <stdexcept>

#include "sandbox/capped_output.hpp"
#include "sandbox/isolation_probe.hpp"
#include "sandbox/persistent_process.hpp"
#include "sandbox/sandboxed_launch.hpp"

namespace modelcompare::sandbox {
namespace {

using Clock = std::chrono::steady_clock;

class ProcessSandbox : public sdk::Sandbox {
 public:
  explicit ProcessSandbox(const SandboxPolicy& policy) : policy_(policy) {}

  sdk::SandboxResult run(const sdk::SandboxCommand& command) override {
    sdk::SandboxResult result;
    const auto started = Clock::now();
    LaunchedProcess process;
    try {
      process = launch_sandboxed(command, launch_options(false));
    } catch (const std::exception& e) {
      result.outcome = sdk::SandboxOutcome::failed_to_start;
      result.error = e.what();
      return result;
    }
    result.isolation = process.isolation;

    CappedOutput out(command.limits.output_bytes), err(command.limits.output_bytes);
    const auto deadline = started + command.limits.wall_time;
    bool timed_out = false;
    bool exited = false;
    bool out_open = true, err_open = true;
    char buffer[65536];
    auto read_into = [&](int fd, CappedOutput& sink, bool& open) {
      const ssize_t n = read(fd, buffer, sizeof buffer);
      if (n > 0)
        sink.append(std::string_view(buffer, static_cast<size_t>(n)));
      else if (n == 0 || (errno != EINTR && errno != EAGAIN))
        open = false;
    };
    while (!exited) {
      // Rounded up: a deadline less than a millisecond away is not yet reached.
      const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
      if (left.count() <= 0) {
        timed_out = true;
        break;
      }
      pollfd fds[3] = {{process.pidfd, POLLIN, 0},
                       {out_open ? process.stdout_fd : -1, POLLIN, 0},
                       {err_open ? process.stderr_fd : -1, POLLIN, 0}};
      const int ready = poll(fds, 3, static_cast<int>(std::min<long long>(left.count(), 1000)));
      if (ready < 0 && errno != EINTR) break;
      if (fds[1].revents) read_into(process.stdout_fd, out, out_open);
      if (fds[2].revents) read_into(process.stderr_fd, err, err_open);
      if (fds[0].revents) exited = true;
      if (process.pidfd < 0 && waitpid(process.supervisor, nullptr, WNOHANG | WNOWAIT) > 0)
        exited = true;
    }

    int status = 0;
    if (timed_out) {
      status = terminate_sandboxed(process);
    } else {
      status = reap_sandboxed(process);  // also kills what the command left in its group
    }
    // What the command wrote before it ended; writers are all dead, so this cannot block long.
    for (int fd : {process.stdout_fd, process.stderr_fd}) {
      if (fd >= 0) fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    }
    auto drain = [&](int fd, CappedOutput& sink) {
      for (ssize_t n = 1; fd >= 0 && n > 0;) {
        n = read(fd, buffer, sizeof buffer);
        if (n > 0) sink.append(std::string_view(buffer, static_cast<size_t>(n)));
      }
    };
    if (out_open) drain(process.stdout_fd, out);
    if (err_open) drain(process.stderr_fd, err);
    terminate_sandboxed(process);  // closes the descriptors

    result.wall_time =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
    result.stdout_text = out.text();
    result.stderr_text = err.text();
    result.stdout_truncated = out.truncated();
    result.stderr_truncated = err.truncated();
    if (timed_out) {
      result.outcome = sdk::SandboxOutcome::timed_out;
      result.signal = SIGKILL;
    } else if (WIFEXITED(status)) {
      result.outcome = sdk::SandboxOutcome::exited;
      result.exit_code = WEXITSTATUS(status);
    } else {
      result.outcome = sdk::SandboxOutcome::signaled;
      result.signal = WTERMSIG(status);
    }
    return result;
  }

  std::unique_ptr<sdk::SandboxProcess> start(const sdk::SandboxCommand& command) override {
    auto process = launch_sandboxed(command, launch_options(true));
    return std::make_unique<PersistentProcess>(std::move(process), command.limits.output_bytes);
  }

 private:
  LaunchOptions launch_options(bool stdin_channel) {
    std::call_once(probed_, [this] {
      support_ = policy_.user_namespaces ? probe_isolation() : IsolationSupport{false, "disabled"};
    });
    LaunchOptions options;
    options.user_namespaces = support_.user_namespaces;
    options.stdin_channel = stdin_channel;
    return options;
  }

  SandboxPolicy policy_;
  std::once_flag probed_;
  IsolationSupport support_;
};

}  // namespace

std::unique_ptr<sdk::Sandbox> make_process_sandbox() {
  return make_process_sandbox({});
}

std::unique_ptr<sdk::Sandbox> make_process_sandbox(const SandboxPolicy& policy) {
  return std::make_unique<ProcessSandbox>(policy);
}

}  // namespace modelcompare::sandbox
