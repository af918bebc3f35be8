// Every hostile answer the issue lists, through the evaluator and its fork server: each ends
// within the timeout + 2 s, leaves nothing but the server behind, and is classified.
#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "evaluator_fixture.hpp"
#include "sandbox/isolation_probe.hpp"
#include "sandbox/process_census.hpp"

namespace modelcompare::testing {
namespace {

using nlohmann::json;
using ::testing::AnyOf;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;
using namespace std::chrono_literals;

constexpr auto kTimeout = 3s;

class HostileAnswer : public EvaluatorFixture {
 protected:
  void SetUp() override {
    EvaluatorFixture::SetUp();
    // The fork server makes a PID namespace per answer from inside its user namespace.
    if (const auto support = sandbox::probe_isolation(); !support.user_namespaces)
      GTEST_SKIP() << "user namespaces unavailable here (" << support.reason
                   << "): the fork server cannot isolate answers from each other";
    evaluator_ = make({{"expect", "expect-turn1.json"}, {"timeout_seconds", 3}});
    marker_ = evaluator_->server().runtime_dir().string();  // starts the server, untimed
  }

  void TearDown() override {
    evaluator_.reset();
    EXPECT_TRUE(lingering_processes_marked_with(marker_).empty())
        << "processes outlived the evaluator";
  }

  json run(const std::string& code) {
    const auto started = std::chrono::steady_clock::now();
    const auto result = evaluator_->evaluate(input("```python\n" + code + "```\n", "hostile"));
    const auto elapsed = std::chrono::steady_clock::now() - started;
    EXPECT_LT(elapsed, kTimeout + 2s) << "the answer outlived its deadline";
    // Only the fork server and its next job process (forked ahead, idle) may remain, and
    // nothing may still be working in a job folder.
    EXPECT_TRUE(settles_at(2)) << "processes were left behind";
    for (const int pid : processes_marked_with(marker_)) {
      std::error_code ec;
      const auto cwd = std::filesystem::read_symlink("/proc/" + std::to_string(pid) + "/cwd", ec);
      EXPECT_EQ(cwd.string().find(marker_ + "/work/jobs/"), std::string::npos)
          << "process " << pid << " still works in " << cwd;
    }
    last_score_ = result.score;
    return result.details;
  }

  bool settles_at(std::size_t expected) {
    for (int i = 0; i < 40; ++i) {
      if (processes_marked_with(marker_).size() == expected) {
        std::this_thread::sleep_for(100ms);  // and stays there
        if (processes_marked_with(marker_).size() == expected) return true;
      }
      std::this_thread::sleep_for(50ms);
    }
    return false;
  }

  std::unique_ptr<code_correctness::CodeCorrectnessEvaluator> evaluator_;
  std::string marker_;
  double last_score_ = -1;
};

TEST_F(HostileAnswer, InfiniteLoopTimesOut) {
  const auto details = run("while True:\n    pass\n");
  EXPECT_EQ(details["execution"]["status"], "timeout");
  EXPECT_DOUBLE_EQ(last_score_, 0.0);
}

TEST_F(HostileAnswer, BusyLoopInAForkedChildDiesWithTheAnswer) {
  const auto details =
      run("import os\n"
          "if os.fork() == 0:\n"
          "    while True: pass\n"
          "print('parent done')\n");
  EXPECT_EQ(details["execution"]["status"], "ok");
  EXPECT_EQ(details["execution"]["stdout_tail"], "parent done\n");
}

TEST_F(HostileAnswer, ForkBombHitsTheProcessLimit) {
  const auto details = run("import os\nwhile True:\n    os.fork()\n");
  EXPECT_EQ(details["execution"]["status"], "limit") << details["execution"];
  EXPECT_EQ(details["execution"]["limit"], "processes");
}

TEST_F(HostileAnswer, TwentyGigabytesHitTheMemoryLimit) {
  const auto details = run("x = bytearray(20 * 1024**3)\n");
  EXPECT_EQ(details["execution"]["status"], "limit");
  EXPECT_EQ(details["execution"]["limit"], "memory");
}

TEST_F(HostileAnswer, AFiveGigabyteFileHitsTheFileSizeLimit) {
  const auto details =
      run("block = b'x' * (1 << 20)\n"
          "with open('big.bin', 'wb') as f:\n"
          "    for _ in range(5 * 1024):\n"
          "        f.write(block)\n");
  EXPECT_EQ(details["execution"]["status"], "limit");
  EXPECT_EQ(details["execution"]["limit"], "file_size");
  EXPECT_EQ(details["execution"]["error"], "OSError: [Errno 27] File too large");
}

TEST_F(HostileAnswer, NeitherTheHostsLoopbackNorTheOutsideIsReachable) {
  const int listener = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  ASSERT_EQ(listen(listener, 4), 0);
  socklen_t length = sizeof address;
  getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length);
  for (const std::string& target :
       std::vector<std::string>{"('127.0.0.1', " + std::to_string(ntohs(address.sin_port)) + ")",
                                "('93.184.216.34', 80)"}) {
    const auto details =
        run("import socket\nsocket.create_connection(" + target + ", timeout=1)\n");
    EXPECT_EQ(details["execution"]["status"], "limit") << target;
    EXPECT_EQ(details["execution"]["limit"], "network") << target;
    EXPECT_EQ(details["execution"]["error"], "OSError: [Errno 101] Network is unreachable");
  }
  close(listener);
}

TEST_F(HostileAnswer, APlantedSecretIsNotInItsEnvironment) {
  setenv("OPENAI_API_KEY", "sk-planted-secret-789", 1);
  const auto details = run("import os\nprint(os.environ['OPENAI_API_KEY'])\n");
  unsetenv("OPENAI_API_KEY");
  EXPECT_EQ(details["execution"]["status"], "exception");
  EXPECT_EQ(details["execution"]["error"], "KeyError: 'OPENAI_API_KEY'");
  EXPECT_THAT(details.dump(), Not(HasSubstr("sk-planted")));
}

TEST_F(HostileAnswer, TheUsersHomeIsNotReadable) {
  const char* home = std::getenv("HOME");
  ASSERT_NE(home, nullptr);
  const auto planted = std::filesystem::path(home) / ".modelcompare-hostile-answer-test";
  write_file(planted, "home-secret-content");
  const auto details = run("print(open('" + planted.string() + "').read())\n");
  std::filesystem::remove(planted);
  EXPECT_EQ(details["execution"]["status"], "exception");
  EXPECT_THAT(details["execution"]["error"].get<std::string>(),
              AnyOf(HasSubstr("FileNotFoundError"), HasSubstr("PermissionError")));
  EXPECT_THAT(details.dump(), Not(HasSubstr("home-secret-content")));
}

TEST_F(HostileAnswer, KillingItsParentReachesNothingAndTheServerCarriesOn) {
  // Its parent (the server) is outside its PID namespace, so getppid() is 0 and kill(0, 9) is
  // sent to its own process group, in which it is alone and the namespace's init: the kernel
  // drops the signal. The answer runs to its end.
  const auto details = run("import os\nos.kill(os.getppid(), 9)\nprint('survived')\n");
  EXPECT_EQ(details["execution"]["status"], "ok") << details["execution"];
  EXPECT_EQ(details["execution"]["stdout_tail"], "survived\n");
  const auto next = run("print('still serving')\n");
  EXPECT_EQ(next["execution"]["status"], "ok");
  EXPECT_EQ(next["execution"]["stdout_tail"], "still serving\n");
}

TEST_F(HostileAnswer, ADaemonThatLeftItsSessionDiesWithTheAnswer) {
  // The answer's grandchild leaves the job's session: the PID namespace still takes it, and
  // run() checks that only the server and the next job process remain.
  const auto details =
      run("import os, time\n"
          "if os.fork() == 0:\n"
          "    os.setsid()\n"
          "    if os.fork() == 0:\n"
          "        while True: time.sleep(0.01)\n"
          "    os._exit(0)\n"
          "os.wait()\n"
          "print('parent done')\n");
  EXPECT_EQ(details["execution"]["status"], "ok") << details["execution"];
  EXPECT_EQ(details["execution"]["stdout_tail"], "parent done\n");
}

TEST_F(HostileAnswer, WhatOneAnswerChangesInTheInterpreterTheNextDoesNotSee) {
  // Every job is a fresh fork of the server: module state, rcParams and open figures set by one
  // answer are gone for the next.
  run("import matplotlib, matplotlib.pyplot as plt\n"
      "matplotlib.left_by_the_last_answer = True\n"
      "matplotlib.rcParams['axes.titlesize'] = 3\n"
      "plt.figure()\n");
  const auto next =
      run("import matplotlib, matplotlib.pyplot as plt\n"
          "print(hasattr(matplotlib, 'left_by_the_last_answer'),\n"
          "      matplotlib.rcParams['axes.titlesize'], len(plt.get_fignums()))\n");
  EXPECT_EQ(next["execution"]["status"], "ok") << next["execution"];
  EXPECT_EQ(next["execution"]["stdout_tail"], "False large 0\n");
}

TEST_F(HostileAnswer, FilesPlantedWhereTheNextAnswersFolderGoesAreGone) {
  // Job folders sit side by side and their names are predictable; the server makes each afresh.
  run("import os\n"
      "number = int(os.path.basename(os.getcwd()).split('-')[1])\n"
      "nxt = os.path.join('..', 'job-%d' % (number + 1))\n"
      "os.makedirs(os.path.join(nxt, 'imgs'))\n"
      "open(os.path.join(nxt, 'imgs', 'hostile.jpg'), 'w').write('planted')\n");
  const auto next = run("import os\nprint(os.listdir('imgs'))\n");
  EXPECT_EQ(next["execution"]["status"], "ok") << next["execution"];
  EXPECT_EQ(next["execution"]["stdout_tail"], "[]\n");
}

TEST_F(HostileAnswer, SeesNeitherTheServerNorTheHostInProc) {
  // Its own PID namespace and its own /proc: the fork server is out of sight and out of reach.
  const auto details =
      run("import os\nprint(sorted(int(p) for p in os.listdir('/proc') if p.isdigit()), "
          "os.getppid())\n");
  EXPECT_EQ(details["execution"]["status"], "ok");
  EXPECT_EQ(details["execution"]["stdout_tail"], "[1] 0\n");
}

TEST_F(HostileAnswer, CannotUnmountItsProcToFindTheServer) {
  // Root in its namespaces but without a capability left: /proc stays its own.
  const auto details =
      run("import ctypes, os\n"
          "libc = ctypes.CDLL(None, use_errno=True)\n"
          "print(libc.umount2(b'/proc', 2), ctypes.get_errno(),\n"
          "      sorted(int(p) for p in os.listdir('/proc') if p.isdigit()))\n"
          "print(open('/proc/self/status').read().split('CapEff:')[1].split()[0])\n");
  EXPECT_EQ(details["execution"]["status"], "ok") << details["execution"];
  EXPECT_EQ(details["execution"]["stdout_tail"], "-1 1 [1]\n0000000000000000\n");
}

TEST_F(HostileAnswer, PrintingAGigabyteIsCut) {
  const auto details = run(
      "import sys\nchunk = 'y' * (1 << 20)\nfor _ in range(1024):\n    sys.stdout.write(chunk)\n");
  EXPECT_EQ(details["execution"]["status"], "limit");
  EXPECT_EQ(details["execution"]["limit"], "file_size");
  EXPECT_LE(details["execution"]["stdout_tail"].get<std::string>().size(), 16u * 1024);
}

TEST_F(HostileAnswer, AMissingModuleIsAnException) {
  const auto details = run("import seaborn_that_does_not_exist\n");
  EXPECT_EQ(details["execution"]["status"], "exception");
  EXPECT_EQ(details["execution"]["error"],
            "ModuleNotFoundError: No module named 'seaborn_that_does_not_exist'");
  EXPECT_DOUBLE_EQ(last_score_, 0.0);
}

TEST_F(HostileAnswer, ASyntaxErrorIsAnException) {
  const auto details = run("import matplotlib.pyplot as plt\nplt.pie([1, 2]\n");
  EXPECT_EQ(details["execution"]["status"], "exception");
  EXPECT_THAT(details["execution"]["error"].get<std::string>(), HasSubstr("SyntaxError"));
}

TEST_F(HostileAnswer, SysExitBeforeSavingLosesTheSave) {
  const auto details =
      run("import sys\nimport matplotlib.pyplot as plt\n"
          "plt.pie([22, 18, 13, 10], labels=['maths', 'physics', 'chemistry', 'english'],\n"
          "        colors=['m', 'r', 'y', 'c'])\n"
          "plt.title('Marks obtained in an exam')\n"
          "sys.exit(0)\n"
          "plt.savefig('imgs/hostile.jpg')\n");
  EXPECT_EQ(details["execution"]["status"], "exited");
  EXPECT_EQ(details["execution"]["exit_code"], 0);
  EXPECT_DOUBLE_EQ(details["runs"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(details["saves"].get<double>(), 0.0);
  EXPECT_THAT(details["findings"],
              Contains("saves: imgs/hostile.jpg expected, the figure was never saved"));
}

TEST_F(HostileAnswer, AFigureNeverSavedIsStillDescribedAndKept) {
  const auto details =
      run("import matplotlib.pyplot as plt\n"
          "plt.pie([22, 18, 13, 10], labels=['maths', 'physics', 'chemistry', 'english'],\n"
          "        colors=['m', 'r', 'y', 'c'], autopct='%1.1f%%')\n"
          "plt.title('Marks obtained in an exam')\n");
  EXPECT_EQ(details["execution"]["status"], "ok");
  EXPECT_DOUBLE_EQ(details["data"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(details["saves"].get<double>(), 0.0);
  EXPECT_EQ(details["figure"]["autopct"], json({"34.9%", "28.6%", "20.6%", "15.9%"}));
  ASSERT_EQ(details["images"].size(), 1u);
  EXPECT_TRUE(std::filesystem::exists(details["images"][0].get<std::string>()));
}

}  // namespace
}  // namespace modelcompare::testing
