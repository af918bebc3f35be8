#include "plugins/secret_redactor.hpp"

#include <gtest/gtest.h>

namespace modelcompare::plugins {
namespace {

TEST(SecretRedactor, MasksKnownSecretsAndCredentialShapes) {
  SecretRedactor redactor;
  redactor.add("sk-live-0123456789");
  redactor.add("abc");  // too short to mask safely
  EXPECT_EQ(redactor.redact("key sk-live-0123456789 and again sk-live-0123456789"),
            "key *** and again ***");
  EXPECT_EQ(redactor.redact("abc stays"), "abc stays");
  EXPECT_EQ(redactor.redact("Authorization: Bearer eyJhbGciOi.payload.sig"),
            "Authorization: Bearer ***");
  EXPECT_EQ(redactor.redact("api-key: 0123456789abcdef"), "api-key: ***");
  EXPECT_EQ(redactor.redact("nothing secret"), "nothing secret");
}

}  // namespace
}  // namespace modelcompare::plugins
