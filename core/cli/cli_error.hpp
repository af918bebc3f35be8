// How commands end: exit codes (DESIGN §4) and the usage error that maps to exit 2.
#pragma once

#include <boost/program_options.hpp>
#include <stdexcept>
#include <string>
#include <vector>

namespace modelcompare::cli {

enum ExitCode : int { kSuccess = 0, kCasesFailed = 1, kBadInput = 2 };

// Bad usage, config or input: printed as one line on stderr, exit 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

namespace po = boost::program_options;

// Parses a verb's arguments; --help is handled by the caller. Turns Program_options' errors into
// UsageError naming the verb.
po::variables_map parse_arguments(const std::string& verb, const std::vector<std::string>& args,
                                  const po::options_description& options,
                                  const po::positional_options_description& positional);

// Options every verb that loads plugins takes.
void add_plugin_dir_option(po::options_description& options);
std::vector<std::string> plugin_dirs(const po::variables_map& vm);

}  // namespace modelcompare::cli
