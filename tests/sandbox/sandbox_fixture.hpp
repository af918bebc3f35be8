// Runs small Python programs in the process sandbox from a fresh folder, marked so that a test
// can find any process they leave behind.
#pragma once

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <random>
#include <string>

#include "process_census.hpp"
#include "sandbox/isolation_probe.hpp"
#include "sandbox/process_sandbox.hpp"
#include "support/temp_dir.hpp"

namespace modelcompare::testing {

// Namespaces (no network, PID 1, hidden home) need unprivileged user namespaces, or root. Where
// the kernel refuses them (Docker's default seccomp, Ubuntu >= 23.10) the sandbox degrades and
// says so; the tests of those layers skip with the reason.
inline std::string namespaces_unavailable() {
  static const auto support = sandbox::probe_isolation();
  if (support.user_namespaces || geteuid() == 0) return {};
  return "namespaces unavailable here (" + support.reason + "): the sandbox runs degraded";
}

#define MODELCOMPARE_REQUIRE_NAMESPACES()                          \
  do {                                                             \
    if (const auto why = namespaces_unavailable(); !why.empty()) { \
      GTEST_SKIP() << why;                                         \
    }                                                              \
  } while (false)

class SandboxFixture : public ::testing::Test {
 protected:
  SandboxFixture() : dir_("sandbox-test") {
    // The code runs as nobody when the tests run as root: it must be able to reach its folder.
    chmod(dir_.path().c_str(), 0711);
    marker_ = "mc-sandbox-test-" + std::to_string(std::random_device{}());
  }

  sdk::SandboxCommand python(const std::string& source, std::chrono::milliseconds wall) {
    const auto work = dir_.path() / "work";
    std::filesystem::create_directories(work);
    write_file(work / "program.py", source);
    sdk::SandboxCommand command;
    command.argv = {"/usr/bin/python3", "-I", "program.py", marker_};
    command.working_dir = work;
    command.environment = {{"PATH", "/usr/bin:/bin"}, {"LANG", "C.UTF-8"}, {"MARK", marker_}};
    command.limits.wall_time = wall;
    command.limits.cpu_seconds = static_cast<int>(wall.count() / 1000) + 2;
    return command;
  }

  sdk::SandboxResult run_python(const std::string& source,
                                std::chrono::milliseconds wall = std::chrono::seconds(3)) {
    const auto command = python(source, wall);
    const auto started = std::chrono::steady_clock::now();
    auto result = sandbox_->run(command);
    elapsed_ = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - started);
    EXPECT_LT(elapsed_, wall + std::chrono::seconds(2)) << "the run outlived its deadline";
    EXPECT_TRUE(lingering_processes_marked_with(marker_).empty()) << "processes were left behind";
    return result;
  }

  TempDir dir_;
  std::string marker_;
  std::unique_ptr<sdk::Sandbox> sandbox_ = sandbox::make_process_sandbox();
  std::chrono::milliseconds elapsed_{0};
};

}  // namespace modelcompare::testing
