// Finds out once whether this kernel lets us create user namespaces (Debian allows it; Docker's
// default seccomp profile and Ubuntu >= 23.10's AppArmor do not).
#pragma once

#include <string>

namespace modelcompare::sandbox {

struct IsolationSupport {
  bool user_namespaces = false;
  std::string reason;  // why not, when not
};

// Forks a throwaway child that tries unshare(CLONE_NEWUSER|CLONE_NEWNET|CLONE_NEWPID|CLONE_NEWNS).
IsolationSupport probe_isolation();

}  // namespace modelcompare::sandbox
