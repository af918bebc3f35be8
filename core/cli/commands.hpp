// The verbs of `modelcompare`. Each takes the arguments after the verb and returns the exit code;
// bad usage throws UsageError.
#pragma once

#include <string>
#include <vector>

namespace modelcompare::cli {

using Arguments = std::vector<std::string>;

int run_command(const Arguments& args);
int validate_command(const Arguments& args);
int plugins_command(const Arguments& args);
int evaluate_command(const Arguments& args);
int report_command(const Arguments& args);
int catalog_command(const Arguments& args);
int metrics_command(const Arguments& args);
int merge_command(const Arguments& args);

}  // namespace modelcompare::cli
