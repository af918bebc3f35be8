#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include "sandbox_fixture.hpp"

namespace modelcompare::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class ProcessSandbox : public SandboxFixture {};

TEST_F(ProcessSandbox, RunsAProgramAndCapturesItsOutput) {
  const auto result = run_python(
      "import sys, os\n"
      "print('out', os.getcwd().endswith('/work'))\n"
      "print('err', file=sys.stderr)\n"
      "open('made-here.txt', 'w').write('x')\n"
      "sys.exit(3)\n");
  EXPECT_EQ(result.outcome, sdk::SandboxOutcome::exited) << result.error;
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_EQ(result.stdout_text, "out True\n");
  EXPECT_EQ(result.stderr_text, "err\n");
  EXPECT_TRUE(std::filesystem::exists(dir_.path() / "work" / "made-here.txt"));
}

TEST_F(ProcessSandbox, ReportsTheIsolationInEffect) {
  MODELCOMPARE_REQUIRE_NAMESPACES();
  const auto result = run_python("import os\nprint(os.getpid())\n");
  ASSERT_EQ(result.outcome, sdk::SandboxOutcome::exited) << result.error;
  // On this project's machines unprivileged namespaces work; elsewhere the string says so.
  EXPECT_THAT(result.isolation, HasSubstr("pid+net+mount namespaces"));
  EXPECT_THAT(result.isolation, HasSubstr("rlimits"));
  EXPECT_EQ(result.stdout_text, "1\n") << "the program is PID 1 of its own namespace";
  if (geteuid() == 0) {
    EXPECT_THAT(result.isolation, HasSubstr("uid nobody"));
  }
}

TEST_F(ProcessSandbox, RunsAsNobodyWhenTheHostIsRoot) {
  if (geteuid() != 0) GTEST_SKIP() << "only meaningful when the tests run as root";
  // Inside its user namespace the code is uid 0, but the files it makes belong to nobody.
  const auto result = run_python("open('owned.txt', 'w').write('x')\n");
  ASSERT_EQ(result.outcome, sdk::SandboxOutcome::exited) << result.error << result.stderr_text;
  struct stat st {};
  ASSERT_EQ(stat((dir_.path() / "work" / "owned.txt").c_str(), &st), 0);
  EXPECT_EQ(st.st_uid, 65534u);
}

TEST_F(ProcessSandbox, CapsOutputAndSaysHowMuchWasDropped) {
  auto command = python("import sys\nsys.stdout.write('x' * 100000)\n", std::chrono::seconds(3));
  command.limits.output_bytes = 1000;
  const auto result = sandbox_->run(command);
  EXPECT_TRUE(result.stdout_truncated);
  EXPECT_THAT(result.stdout_text, HasSubstr("[... 99000 bytes dropped ...]"));
  EXPECT_LT(result.stdout_text.size(), 1100u);
}

TEST_F(ProcessSandbox, RefusesARelativeProgramWithItsName) {
  auto command = python("print(1)\n", std::chrono::seconds(3));
  command.argv[0] = "python3";
  const auto result = sandbox_->run(command);
  EXPECT_EQ(result.outcome, sdk::SandboxOutcome::failed_to_start);
  EXPECT_EQ(result.error, "sandbox: the program must be an absolute path, got 'python3'");
}

TEST_F(ProcessSandbox, NamesAMissingProgram) {
  auto command = python("print(1)\n", std::chrono::seconds(3));
  command.argv[0] = "/nonexistent/python9";
  const auto result = sandbox_->run(command);
  EXPECT_EQ(result.outcome, sdk::SandboxOutcome::failed_to_start);
  EXPECT_EQ(result.error,
            "sandbox: cannot execute /nonexistent/python9: No such file or directory");
}

TEST_F(ProcessSandbox, NamesAMissingWorkingFolder) {
  auto command = python("print(1)\n", std::chrono::seconds(3));
  command.working_dir = dir_.path() / "absent";
  const auto result = sandbox_->run(command);
  EXPECT_EQ(result.outcome, sdk::SandboxOutcome::failed_to_start);
  EXPECT_EQ(result.error,
            "sandbox: the working folder " + (dir_.path() / "absent").string() + " does not exist");
}

TEST_F(ProcessSandbox, DropsCredentialsEvenWhenTheCallerPassesThem) {
  auto command =
      python("import os\nprint(sorted(k for k in os.environ if k not in ('LC_CTYPE',)))\n",
             std::chrono::seconds(3));
  command.environment.emplace_back("OPENAI_API_KEY", "sk-planted");
  command.environment.emplace_back("AZURE_OPENAI_ENDPOINT", "https://x");
  const auto result = sandbox_->run(command);
  ASSERT_EQ(result.outcome, sdk::SandboxOutcome::exited) << result.error;
  EXPECT_EQ(result.stdout_text, "['LANG', 'MARK', 'PATH']\n");
}

TEST(ProcessSandboxDegraded, RunsWithoutUserNamespacesAndSaysSo) {
  TempDir dir("sandbox-degraded");
  chmod(dir.path().c_str(), 0711);
  write_file(dir.path() / "program.py", "import socket\nprint('ran')\n");
  auto sandbox = sandbox::make_process_sandbox(sandbox::SandboxPolicy{.user_namespaces = false});
  sdk::SandboxCommand command;
  command.argv = {"/usr/bin/python3", "-I", "program.py"};
  command.working_dir = dir.path();
  command.environment = {{"PATH", "/usr/bin:/bin"}};
  const auto result = sandbox->run(command);
  ASSERT_EQ(result.outcome, sdk::SandboxOutcome::exited) << result.error;
  EXPECT_EQ(result.stdout_text, "ran\n");
  EXPECT_THAT(result.isolation, HasSubstr("user namespaces unavailable"));
  EXPECT_THAT(result.isolation, Not(HasSubstr("user+")));
  if (geteuid() == 0) {
    // Root can still make the other namespaces itself and then drops to nobody.
    EXPECT_THAT(result.isolation, HasSubstr("pid+net+mount namespaces"));
    EXPECT_THAT(result.isolation, HasSubstr("uid nobody"));
  } else {
    EXPECT_THAT(result.isolation, HasSubstr("NETWORK NOT ISOLATED"));
  }
}

}  // namespace
}  // namespace modelcompare::testing
