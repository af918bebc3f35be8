// A long-lived sandboxed process the caller talks to over its stdin and stdout.
#pragma once

#include <string>

#include "modelcompare/sdk/sandbox.hpp"
#include "sandbox/capped_output.hpp"
#include "sandbox/sandboxed_launch.hpp"

namespace modelcompare::sandbox {

class PersistentProcess : public sdk::SandboxProcess {
 public:
  PersistentProcess(LaunchedProcess process, std::size_t stderr_cap);
  ~PersistentProcess() override;
  PersistentProcess(const PersistentProcess&) = delete;
  PersistentProcess& operator=(const PersistentProcess&) = delete;

  bool send(std::string_view data) override;
  std::optional<std::string> receive_line(std::chrono::milliseconds timeout) override;
  bool alive() override;
  std::string stderr_tail() override;
  std::string isolation() const override { return process_.isolation; }

 private:
  void drain_stderr();

  LaunchedProcess process_;
  std::string pending_;  // stdout read but not yet returned as a line
  CappedOutput stderr_;
  bool stdout_closed_ = false;
};

}  // namespace modelcompare::sandbox
