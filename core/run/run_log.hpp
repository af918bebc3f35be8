// The process's log: stderr at the chosen level, plus run.log (debug) in the run folder. Every
// line passes through the secret redactor first.
#pragma once

#include <filesystem>
#include <string>

namespace modelcompare::run {

// level: trace, debug, info, warn, error, off. Throws std::invalid_argument for anything else.
void install_console_log(const std::string& level);
void attach_run_log(const std::filesystem::path& run_dir);

}  // namespace modelcompare::run
