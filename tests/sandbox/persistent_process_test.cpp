#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sandbox_fixture.hpp"

namespace modelcompare::testing {
namespace {

using ::testing::HasSubstr;
using namespace std::chrono_literals;

class PersistentProcess : public SandboxFixture {};

constexpr const char* kEchoServer =
    "import sys\n"
    "print('ready', flush=True)\n"
    "for line in sys.stdin:\n"
    "    if line.strip() == 'die': raise SystemExit(4)\n"
    "    print('echo ' + line.strip(), flush=True)\n"
    "    print('logged ' + line.strip(), file=sys.stderr, flush=True)\n";

TEST_F(PersistentProcess, ServesRequestsOverItsPipes) {
  MODELCOMPARE_REQUIRE_NAMESPACES();
  auto process = sandbox_->start(python(kEchoServer, 5s));
  EXPECT_THAT(process->isolation(), HasSubstr("pid+net+mount namespaces"));
  EXPECT_EQ(process->receive_line(5s), "ready");
  ASSERT_TRUE(process->send("one\ntwo\n"));
  EXPECT_EQ(process->receive_line(5s), "echo one");
  EXPECT_EQ(process->receive_line(5s), "echo two");
  EXPECT_TRUE(process->alive());
  std::string logged = process->stderr_tail();
  for (int i = 0; i < 100 && logged.find("logged two") == std::string::npos; ++i) {
    std::this_thread::sleep_for(20ms);  // stderr is a separate pipe: it may lag behind stdout
    logged = process->stderr_tail();
  }
  EXPECT_THAT(logged, HasSubstr("logged one\nlogged two"));
  EXPECT_EQ(processes_marked_with(marker_).size(), 1u);
  process.reset();
  EXPECT_TRUE(lingering_processes_marked_with(marker_).empty());
}

TEST_F(PersistentProcess, TimesOutQuietlyAndNoticesItsEnd) {
  auto process = sandbox_->start(python(kEchoServer, 5s));
  EXPECT_EQ(process->receive_line(5s), "ready");
  EXPECT_EQ(process->receive_line(200ms), std::nullopt);  // nothing asked, nothing said
  ASSERT_TRUE(process->send("die\n"));
  EXPECT_EQ(process->receive_line(5s), std::nullopt);
  for (int i = 0; i < 50 && process->alive(); ++i) std::this_thread::sleep_for(20ms);
  EXPECT_FALSE(process->alive());
  EXPECT_FALSE(process->send("anyone?\n")) << "a dead process's stdin refuses, without SIGPIPE";
}

TEST_F(PersistentProcess, FailsToStartWithTheReason) {
  auto command = python(kEchoServer, 5s);
  command.working_dir = dir_.path() / "nowhere";
  try {
    sandbox_->start(command);
    FAIL() << "started without a working folder";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()),
              "sandbox: the working folder " + command.working_dir.string() + " does not exist");
  }
}

}  // namespace
}  // namespace modelcompare::testing
