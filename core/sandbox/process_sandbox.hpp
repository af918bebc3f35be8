// The host's Sandbox: Linux processes under namespaces, rlimits and a wall-clock deadline.
#pragma once

#include <memory>

#include "modelcompare/sdk/sandbox.hpp"

namespace modelcompare::sandbox {

// What the sandbox may try. Tests turn layers off to check how it degrades.
struct SandboxPolicy {
  bool user_namespaces = true;  // when false, behave as on a kernel that refuses them
};

std::unique_ptr<sdk::Sandbox> make_process_sandbox();
std::unique_ptr<sdk::Sandbox> make_process_sandbox(const SandboxPolicy& policy);

}  // namespace modelcompare::sandbox
