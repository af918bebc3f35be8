#include "execution_report.hpp"

#include <gtest/gtest.h>

namespace modelcompare::code_correctness {
namespace {

using nlohmann::json;

TEST(ExecutionReport, ClassifiesHowARunEnded) {
  EXPECT_EQ(classify_execution({{"timed_out", true}}, nullptr).status, "timeout");
  auto killed = classify_execution({{"timed_out", false}, {"signal", 9}}, nullptr);
  EXPECT_EQ(killed.status, "killed");
  EXPECT_EQ(killed.error, "killed by signal 9 (KILL)");
  auto cpu = classify_execution({{"timed_out", false}, {"signal", 24}}, nullptr);
  EXPECT_EQ(cpu.status, "limit");
  EXPECT_EQ(cpu.limit, "cpu");
  auto exited = classify_execution({{"exit_code", 0}}, {{"status", "exited"}, {"exit_code", 2}});
  EXPECT_EQ(exited.status, "exited");
  EXPECT_EQ(exited.error, "sys.exit(2)");
  EXPECT_FALSE(exited.ran());
  auto none = classify_execution({{"exit_code", 3}}, nullptr);
  EXPECT_EQ(none.status, "no_report");
  EXPECT_EQ(none.error, "the program ended (exit code 3) without the harness's report");
}

TEST(ExecutionReport, TellsLimitsFromOrdinaryExceptions) {
  auto limit = [](json result) { return classify_execution({{"exit_code", 0}}, result); };
  EXPECT_EQ(limit({{"status", "exception"}, {"exception", "MemoryError"}, {"error", "MemoryError"}})
                .limit,
            "memory");
  EXPECT_EQ(limit({{"status", "exception"},
                   {"exception", "OSError"},
                   {"errno", 27},
                   {"error", "OSError: [Errno 27] File too large"}})
                .limit,
            "file_size");
  EXPECT_EQ(limit({{"status", "exception"},
                   {"exception", "BlockingIOError"},
                   {"errno", 11},
                   {"error", "BlockingIOError: [Errno 11] Resource temporarily unavailable"}})
                .limit,
            "processes");
  EXPECT_EQ(limit({{"status", "exception"},
                   {"exception", "OSError"},
                   {"errno", 101},
                   {"error", "OSError: [Errno 101] Network is unreachable"}})
                .limit,
            "network");
  const auto plain = limit({{"status", "exception"},
                            {"exception", "ModuleNotFoundError"},
                            {"error", "ModuleNotFoundError: No module named 'seaborn'"}});
  EXPECT_EQ(plain.status, "exception");
  EXPECT_EQ(plain.error, "ModuleNotFoundError: No module named 'seaborn'");
}

}  // namespace
}  // namespace modelcompare::code_correctness
