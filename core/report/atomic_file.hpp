// Writes a file whole or not at all: into a temporary beside it, then renamed over it.
#pragma once

#include <filesystem>
#include <string_view>

namespace modelcompare::report {

void write_file_atomically(const std::filesystem::path& path, std::string_view content);

}  // namespace modelcompare::report
