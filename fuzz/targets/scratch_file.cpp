#include "scratch_file.hpp"

#include <unistd.h>

#include <fstream>
#include <string>

#include "fuzz_entry.hpp"

namespace modelcompare::fuzz {

const std::filesystem::path& scratch_folder() {
  static const std::filesystem::path folder = [] {
    auto path = std::filesystem::temp_directory_path() /
                ("modelcompare-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(path);
    return path;
  }();
  return folder;
}

std::filesystem::path write_scratch_file(const char* name, const std::uint8_t* data,
                                         std::size_t size) {
  auto path = scratch_folder() / name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  if (!out) report_finding("cannot write the scratch file " + path.string());
  return path;
}

}  // namespace modelcompare::fuzz
