// A file in a per-process scratch folder that a target rewrites with each input (the code under
// test reads paths, not buffers).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>

namespace modelcompare::fuzz {

// The scratch folder (created on first use, distinct for each process so parallel jobs do not
// share it).
const std::filesystem::path& scratch_folder();

// Writes the bytes to scratch_folder() / name and returns the path.
std::filesystem::path write_scratch_file(const char* name, const std::uint8_t* data,
                                         std::size_t size);

}  // namespace modelcompare::fuzz
