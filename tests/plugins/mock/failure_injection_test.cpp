#include "mock/failure_injection.hpp"

#include <gtest/gtest.h>

namespace modelcompare::mock {
namespace {

TEST(FailureInjection, KindsTakeConsecutiveSlicesOfTheDraw) {
  const FailureRates rates{0.1, 0.2, 0.3, 0.1};
  EXPECT_EQ(pick_failure(rates, 0.0), InjectedFailure::rate_limited);
  EXPECT_EQ(pick_failure(rates, 0.099), InjectedFailure::rate_limited);
  EXPECT_EQ(pick_failure(rates, 0.1), InjectedFailure::server_error);
  EXPECT_EQ(pick_failure(rates, 0.35), InjectedFailure::timeout);
  EXPECT_EQ(pick_failure(rates, 0.65), InjectedFailure::malformed);
  EXPECT_EQ(pick_failure(rates, 0.75), InjectedFailure::none);
  EXPECT_EQ(pick_failure(FailureRates{}, 0.0), InjectedFailure::none);
}

TEST(FailureInjection, EachKindMapsToTheErrorARealProviderReports) {
  EXPECT_EQ(error_kind(InjectedFailure::rate_limited), sdk::ErrorKind::rate_limited);
  EXPECT_EQ(error_kind(InjectedFailure::server_error), sdk::ErrorKind::server_error);
  EXPECT_EQ(error_kind(InjectedFailure::timeout), sdk::ErrorKind::timeout);
  EXPECT_EQ(error_kind(InjectedFailure::malformed), sdk::ErrorKind::bad_response);
  EXPECT_EQ(error_kind(InjectedFailure::none), sdk::ErrorKind::none);
}

TEST(FailureInjection, MessagesNameTheDeploymentAndSayTheyWereInjected) {
  const auto ms = std::chrono::milliseconds(250);
  const auto rate = failure_message(InjectedFailure::rate_limited, "gpt-x", ms);
  EXPECT_NE(rate.find("HTTP 429"), std::string::npos) << rate;
  EXPECT_NE(rate.find("retry after 1 second"), std::string::npos) << rate;
  const auto server = failure_message(InjectedFailure::server_error, "gpt-x", ms);
  EXPECT_NE(server.find("HTTP 500"), std::string::npos) << server;
  const auto timeout = failure_message(InjectedFailure::timeout, "gpt-x", ms);
  EXPECT_NE(timeout.find("within 250 ms"), std::string::npos) << timeout;
  const auto malformed = failure_message(InjectedFailure::malformed, "gpt-x", ms);
  EXPECT_NE(malformed.find("not valid JSON"), std::string::npos) << malformed;
  for (const auto& message : {rate, server, timeout, malformed}) {
    EXPECT_NE(message.find("'gpt-x'"), std::string::npos) << message;
    EXPECT_NE(message.find("injected by the mock provider"), std::string::npos) << message;
  }
  EXPECT_EQ(failure_message(InjectedFailure::none, "gpt-x", ms), "");
}

}  // namespace
}  // namespace modelcompare::mock
