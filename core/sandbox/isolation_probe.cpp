#include "sandbox/isolation_probe.hpp"

#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace modelcompare::sandbox {

IsolationSupport probe_isolation() {
  IsolationSupport support;
  const pid_t pid = fork();
  if (pid < 0) {
    support.reason = std::string("fork failed: ") + std::strerror(errno);
    return support;
  }
  if (pid == 0) {
    // The probe drops nothing and touches nothing: it only asks the kernel and exits.
    if (unshare(CLONE_NEWUSER | CLONE_NEWNET | CLONE_NEWPID | CLONE_NEWNS) != 0)
      _exit(errno & 0xff);
    _exit(0);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
    support.user_namespaces = true;
  } else if (WIFEXITED(status)) {
    support.reason =
        std::string("unshare(CLONE_NEWUSER) refused: ") + std::strerror(WEXITSTATUS(status));
  } else {
    support.reason = "the namespace probe died";
  }
  return support;
}

}  // namespace modelcompare::sandbox
