// Each hostile program the issue lists, run through the bare sandbox: it must end within its
// deadline + 2 s, leave no process behind (checked by the fixture) and fail the way we expect.
#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>

#include "sandbox_fixture.hpp"

namespace modelcompare::testing {
namespace {

using ::testing::AnyOf;
using ::testing::HasSubstr;
using ::testing::Not;
using namespace std::chrono_literals;

class HostileProgram : public SandboxFixture {};

TEST_F(HostileProgram, InfiniteLoopIsKilledAtTheDeadline) {
  const auto result = run_python("while True:\n    pass\n", 2s);
  EXPECT_EQ(result.outcome, sdk::SandboxOutcome::timed_out);
  EXPECT_GE(elapsed_, 2s);
}

TEST_F(HostileProgram, SigtermIgnoringSessionEscapeeDiesWithTheNamespace) {
  MODELCOMPARE_REQUIRE_NAMESPACES();
  const auto result = run_python(
      "import os, signal, time\n"
      "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
      "if os.fork() == 0:\n"
      "    os.setsid()\n"
      "    while True: time.sleep(1)\n"
      "time.sleep(60)\n",
      2s);
  EXPECT_EQ(result.outcome, sdk::SandboxOutcome::timed_out);
}

TEST_F(HostileProgram, BusyLoopInAForkedChildEndsWithTheProgram) {
  const auto result = run_python(
      "import os\n"
      "if os.fork() == 0:\n"
      "    while True: pass\n"
      "print('parent done')\n",
      3s);
  EXPECT_EQ(result.outcome, sdk::SandboxOutcome::exited);
  EXPECT_EQ(result.stdout_text, "parent done\n");
  EXPECT_LT(elapsed_, 3s) << "the orphan must not keep the run alive until the deadline";
}

TEST_F(HostileProgram, ForkBombHitsTheProcessLimit) {
  const auto result = run_python(
      "import os, sys\n"
      "n = 0\n"
      "try:\n"
      "    while True:\n"
      "        os.fork(); n += 1\n"
      "except OSError as e:\n"
      "    if os.getpid() == 1: print('fork refused:', e, flush=True)\n"
      "    os._exit(1)\n",
      3s);
  EXPECT_THAT(result.stdout_text,
              HasSubstr("fork refused: [Errno 11] Resource temporarily unavailable"));
}

TEST_F(HostileProgram, AllocatingTwentyGigabytesRaisesMemoryError) {
  const auto result = run_python("x = bytearray(20 * 1024**3)\n");
  EXPECT_EQ(result.outcome, sdk::SandboxOutcome::exited);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.stderr_text, HasSubstr("MemoryError"));
}

TEST_F(HostileProgram, WritingFiveGigabytesStopsAtTheFileSizeLimit) {
  auto command = python(
      "block = b'x' * (1 << 20)\n"
      "with open('big.bin', 'wb') as f:\n"
      "    for _ in range(5 * 1024):\n"
      "        f.write(block)\n",
      5s);
  command.limits.file_size_bytes = 16ull << 20;
  const auto result = sandbox_->run(command);
  EXPECT_EQ(result.outcome, sdk::SandboxOutcome::exited);
  EXPECT_THAT(result.stderr_text, HasSubstr("[Errno 27] File too large"));
  EXPECT_LE(std::filesystem::file_size(dir_.path() / "work" / "big.bin"), 16ull << 20);
}

TEST_F(HostileProgram, CannotReachTheHostsLoopbackNorTheOutside) {
  MODELCOMPARE_REQUIRE_NAMESPACES();
  // A real listener on the host's 127.0.0.1: the program must not reach it.
  const int listener = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  ASSERT_EQ(listen(listener, 4), 0);
  socklen_t length = sizeof address;
  getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length);
  const int port = ntohs(address.sin_port);

  const auto result = run_python(
      "import socket\n"
      "for host, port in (('127.0.0.1', " +
      std::to_string(port) +
      "), ('93.184.216.34', 80)):\n"
      "    try:\n"
      "        socket.create_connection((host, port), timeout=1).close()\n"
      "        print(host, 'CONNECTED')\n"
      "    except OSError as e:\n"
      "        print(host, e)\n");
  close(listener);
  EXPECT_EQ(result.stdout_text,
            "127.0.0.1 [Errno 101] Network is unreachable\n"
            "93.184.216.34 [Errno 101] Network is unreachable\n");
}

TEST_F(HostileProgram, CannotReadAPlantedSecretFromItsEnvironment) {
  MODELCOMPARE_REQUIRE_NAMESPACES();
  setenv("OPENAI_API_KEY", "sk-planted-secret-123", 1);
  setenv("AZURE_OPENAI_API_KEY", "az-planted-secret-456", 1);
  const auto result = run_python(
      "import os\n"
      "print([v for v in os.environ.values() if 'planted' in v])\n"
      "print(open('/proc/1/environ', 'rb').read().count(b'planted'))\n");
  unsetenv("OPENAI_API_KEY");
  unsetenv("AZURE_OPENAI_API_KEY");
  EXPECT_EQ(result.stdout_text, "[]\n0\n");
}

TEST_F(HostileProgram, CannotReadTheUsersHome) {
  MODELCOMPARE_REQUIRE_NAMESPACES();
  const char* home = std::getenv("HOME");
  ASSERT_NE(home, nullptr);
  const auto planted = std::filesystem::path(home) / (".modelcompare-sandbox-" + marker_);
  write_file(planted, "home-secret");
  const auto result = run_python(
      "try:\n"
      "    print(open('" +
      planted.string() +
      "').read())\n"
      "except OSError as e:\n"
      "    print(type(e).__name__)\n");
  std::filesystem::remove(planted);
  EXPECT_THAT(result.stdout_text, Not(HasSubstr("home-secret")));
  EXPECT_THAT(result.stdout_text,
              AnyOf(HasSubstr("FileNotFoundError"), HasSubstr("PermissionError")));
  EXPECT_THAT(result.isolation, HasSubstr("home hidden"));
}

TEST_F(HostileProgram, KillingItsParentOnlyKillsItself) {
  MODELCOMPARE_REQUIRE_NAMESPACES();
  const auto result =
      run_python("import os\nprint(os.getppid(), flush=True)\nos.kill(os.getppid(), 9)\n");
  // Its parent is outside its PID namespace (getppid() is 0), so the kill hits its own group.
  EXPECT_EQ(result.stdout_text, "0\n");
  EXPECT_EQ(result.outcome, sdk::SandboxOutcome::signaled);
  EXPECT_EQ(result.signal, 9);
}

TEST_F(HostileProgram, PrintingAGigabyteIsCappedAndEnds) {
  auto command = python(
      "import sys\n"
      "chunk = 'y' * (1 << 20)\n"
      "for _ in range(1024):\n"
      "    sys.stdout.write(chunk)\n",
      10s);
  command.limits.output_bytes = 64 * 1024;
  const auto started = std::chrono::steady_clock::now();
  const auto result = sandbox_->run(command);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 12s);
  EXPECT_TRUE(result.stdout_truncated);
  EXPECT_LT(result.stdout_text.size(), 70u * 1024);
  EXPECT_TRUE(lingering_processes_marked_with(marker_).empty());
}

}  // namespace
}  // namespace modelcompare::testing
