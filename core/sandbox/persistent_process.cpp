#include "sandbox/persistent_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

namespace modelcompare::sandbox {

PersistentProcess::PersistentProcess(LaunchedProcess process, std::size_t stderr_cap)
    : process_(std::move(process)), stderr_(stderr_cap) {
  fcntl(process_.stderr_fd, F_SETFL, fcntl(process_.stderr_fd, F_GETFL) | O_NONBLOCK);
}

PersistentProcess::~PersistentProcess() {
  terminate_sandboxed(process_);
}

bool PersistentProcess::send(std::string_view data) {
  while (!data.empty()) {
    // A socket, so a dead reader gives EPIPE instead of SIGPIPE in the host.
    const ssize_t n = ::send(process_.stdin_fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

void PersistentProcess::drain_stderr() {
  char buffer[8192];
  for (;;) {
    const ssize_t n = read(process_.stderr_fd, buffer, sizeof buffer);
    if (n <= 0) return;
    stderr_.append(std::string_view(buffer, static_cast<size_t>(n)));
  }
}

std::optional<std::string> PersistentProcess::receive_line(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (const auto newline = pending_.find('\n'); newline != std::string::npos) {
      std::string line = pending_.substr(0, newline);
      pending_.erase(0, newline + 1);
      return line;
    }
    if (stdout_closed_) return std::nullopt;
    const auto left =
        std::chrono::ceil<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    pollfd fds[2] = {{process_.stdout_fd, POLLIN, 0}, {process_.stderr_fd, POLLIN, 0}};
    const int ready = poll(fds, 2, static_cast<int>(left.count()));
    if (ready < 0 && errno != EINTR) return std::nullopt;
    if (fds[1].revents) drain_stderr();
    if (fds[0].revents) {
      char buffer[65536];
      const ssize_t n = read(process_.stdout_fd, buffer, sizeof buffer);
      if (n > 0)
        pending_.append(buffer, static_cast<size_t>(n));
      else if (n == 0 || errno != EINTR)
        stdout_closed_ = true;
    }
  }
}

bool PersistentProcess::alive() {
  if (process_.supervisor <= 0) return false;
  pollfd fd{process_.pidfd, POLLIN, 0};
  if (poll(&fd, 1, 0) == 1) {  // the supervisor has exited
    drain_stderr();
    reap_sandboxed(process_);
    return false;
  }
  return true;
}

std::string PersistentProcess::stderr_tail() {
  drain_stderr();
  return stderr_.text();
}

}  // namespace modelcompare::sandbox
