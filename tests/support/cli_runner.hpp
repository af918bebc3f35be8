// Runs the real `modelcompare` binary as a user would, capturing its output and exit code.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace modelcompare::testing {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// `environment` entries are added to (or override) the test's own environment; an empty value
// removes the variable.
CliResult run_cli(const std::vector<std::string>& args,
                  const std::map<std::string, std::string>& environment = {});

// Starts the binary without waiting (for kill tests); returns its pid. Output goes to /dev/null.
int start_cli(const std::vector<std::string>& args,
              const std::map<std::string, std::string>& environment = {});

std::string modelcompare_binary();

// The one run folder under `parent` (fails the test if there is not exactly one).
std::string only_run_folder(const std::string& parent);

}  // namespace modelcompare::testing
