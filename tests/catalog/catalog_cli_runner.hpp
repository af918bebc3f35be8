// Runs the real `modelcompare` binary of the build tree, capturing stdout, stderr and exit code.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace modelcompare::testing {

struct CatalogCliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// `environment` entries are added to (or override) the test's own environment; an empty value
// removes the variable.
CatalogCliResult run_modelcompare(const std::vector<std::string>& args,
                                  const std::map<std::string, std::string>& environment = {});

}  // namespace modelcompare::testing
