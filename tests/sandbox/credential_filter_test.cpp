#include "sandbox/credential_filter.hpp"

#include <gtest/gtest.h>

namespace modelcompare::sandbox {
namespace {

TEST(CredentialFilter, DropsNamesThatLookLikeCredentials) {
  for (const char* name : {"AZURE_OPENAI_ENDPOINT", "OPENAI_BASE_URL", "MY_API_KEY", "api_key",
                           "GITHUB_TOKEN", "DB_PASSWORD", "CLIENT_SECRET", "AWS_CREDENTIALS"})
    EXPECT_TRUE(looks_like_credential(name)) << name;
}

TEST(CredentialFilter, KeepsOrdinarySettings) {
  for (const char* name : {"PATH", "HOME", "LANG", "MPLCONFIGDIR", "MPLBACKEND", "TMPDIR"})
    EXPECT_FALSE(looks_like_credential(name)) << name;
}

}  // namespace
}  // namespace modelcompare::sandbox
