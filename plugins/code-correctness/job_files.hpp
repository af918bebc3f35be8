// Reading what sandboxed code left in its job folder without trusting it: the code may have
// replaced its outputs with symlinks to the host's files or with huge files.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

namespace modelcompare::code_correctness {

// The regular file at `relative` inside `job_dir`, resolved without following a symlink out of
// it; nullopt when it is missing, a symlink, not a regular file, or outside the folder.
std::optional<std::filesystem::path> job_file(const std::filesystem::path& job_dir,
                                              const std::filesystem::path& relative);

// Its content, at most `max_bytes` from the end (the whole file when smaller).
std::string read_tail(const std::filesystem::path& file, std::size_t max_bytes);

// Copies a job file to `destination` (creating folders) if it is at most `max_bytes`.
bool copy_job_file(const std::filesystem::path& file, const std::filesystem::path& destination,
                   std::size_t max_bytes);

}  // namespace modelcompare::code_correctness
