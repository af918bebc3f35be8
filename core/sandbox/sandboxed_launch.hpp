// Starts one command inside the sandbox's layers: a supervisor process in its own session enters
// the namespaces, then forks the command, which sets its limits and execs. Reports which layers
// took effect.
#pragma once

#include <sys/types.h>

#include <string>

#include "modelcompare/sdk/sandbox.hpp"

namespace modelcompare::sandbox {

struct LaunchOptions {
  bool user_namespaces = true;  // the kernel allows them (probed once)
  bool stdin_channel = false;   // a socket to the command's stdin instead of /dev/null
};

struct LaunchedProcess {
  pid_t supervisor = -1;  // leads the process group that holds everything the command starts
  int pidfd = -1;         // readable once the supervisor has exited
  int stdin_fd = -1;      // our end of the stdin socket, when asked for
  int stdout_fd = -1;
  int stderr_fd = -1;
  std::string isolation;  // the layers in effect, for SandboxResult::isolation
};

// Throws std::runtime_error with one line naming what failed (the folder, the program, the
// limit) when the command cannot be started.
LaunchedProcess launch_sandboxed(const sdk::SandboxCommand& command, const LaunchOptions& options);

// Kills the supervisor's whole group (and so its PID namespace), reaps the supervisor and closes
// our descriptors. Returns the supervisor's wait status.
int terminate_sandboxed(LaunchedProcess& process);

// Reaps the supervisor after it has exited by itself, then kills whatever it left behind in its
// group. Returns its wait status.
int reap_sandboxed(LaunchedProcess& process);

}  // namespace modelcompare::sandbox
