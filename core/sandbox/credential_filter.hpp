// Which environment variable names look like credentials and never enter a sandbox.
#pragma once

#include <string_view>

namespace modelcompare::sandbox {

// True for names containing KEY, TOKEN, SECRET, PASSWORD, PASSWD or CREDENTIAL (any case) and for
// AZURE_* and OPENAI_*.
bool looks_like_credential(std::string_view name);

}  // namespace modelcompare::sandbox
