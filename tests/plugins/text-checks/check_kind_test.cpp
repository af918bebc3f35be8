#include "check_kind.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "modelcompare/sdk/plugin.hpp"

namespace modelcompare::text_checks {
namespace {

using ::testing::HasSubstr;

TEST(CheckKind, EveryNameRoundTrips) {
  for (const char* name : {"contains", "icontains", "regex", "equals", "starts-with", "is-json",
                           "json-schema", "max-length"})
    EXPECT_STREQ(to_string(parse_check_kind(name, "x")), name);
}

TEST(CheckKind, UnknownNameSuggestsTheClosestAndListsAll) {
  try {
    parse_check_kind("regx", "text-checks: checks[2].check");
    FAIL() << "no error";
  } catch (const sdk::PluginError& e) {
    EXPECT_EQ(std::string(e.what()),
              "text-checks: checks[2].check 'regx' is not a check (did you mean 'regex'?); "
              "known: contains, icontains, regex, equals, starts-with, is-json, json-schema, "
              "max-length");
  }
}

TEST(CheckKind, FarOffNameGetsNoSuggestion) {
  try {
    parse_check_kind("sentiment", "w");
    FAIL() << "no error";
  } catch (const sdk::PluginError& e) {
    EXPECT_THAT(e.what(), HasSubstr("'sentiment' is not a check; known: contains"));
    EXPECT_THAT(e.what(), ::testing::Not(HasSubstr("did you mean")));
  }
}

TEST(CheckKind, UnderscoreSpellingIsSuggestedItsDashedName) {
  try {
    parse_check_kind("json_schema", "w");
    FAIL() << "no error";
  } catch (const sdk::PluginError& e) {
    EXPECT_THAT(e.what(), HasSubstr("(did you mean 'json-schema'?)"));
  }
}

}  // namespace
}  // namespace modelcompare::text_checks
