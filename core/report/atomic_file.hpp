// Writes a file whole or not at all: into a temporary beside it, then renamed over it.
#pragma once

#include <filesystem>
#include <fstream>
#include <string_view>

namespace modelcompare::report {

void write_file_atomically(const std::filesystem::path& path, std::string_view content);

// The same for a file written in pieces (a large run's results, never whole in memory): appends
// go to the temporary, commit() renames it over `path`; destroyed without commit(), it removes
// the temporary and leaves `path` as it was.
class AtomicFileWriter {
 public:
  explicit AtomicFileWriter(std::filesystem::path path);
  AtomicFileWriter(const AtomicFileWriter&) = delete;
  AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;
  ~AtomicFileWriter();

  void append(std::string_view piece);
  void commit();

 private:
  std::filesystem::path path_;
  std::filesystem::path temporary_;
  std::ofstream out_;
  bool committed_ = false;
};

}  // namespace modelcompare::report
