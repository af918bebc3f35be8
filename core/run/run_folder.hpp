// Where a run's files go: <output dir>/<name>-<UTC timestamp>/.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>

namespace modelcompare::run {

// Creates and returns a new, empty run folder (a suffix -2, -3, ... if the second is taken).
std::filesystem::path make_run_folder(const std::filesystem::path& parent, const std::string& name,
                                      std::chrono::system_clock::time_point now);

}  // namespace modelcompare::run
