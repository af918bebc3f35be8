#include "report/atomic_file.hpp"

#include <fstream>
#include <stdexcept>

namespace modelcompare::report {

void write_file_atomically(const std::filesystem::path& path, std::string_view content) {
  auto temporary = path;
  temporary += ".partial";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out) throw std::runtime_error(temporary.string() + ": cannot write");
  }
  std::filesystem::rename(temporary, path);
}

AtomicFileWriter::AtomicFileWriter(std::filesystem::path path)
    : path_(std::move(path)), temporary_(path_.string() + ".partial") {
  out_.open(temporary_, std::ios::binary | std::ios::trunc);
  if (!out_) throw std::runtime_error(temporary_.string() + ": cannot write");
}

AtomicFileWriter::~AtomicFileWriter() {
  if (committed_) return;
  out_.close();
  std::error_code ignored;
  std::filesystem::remove(temporary_, ignored);
}

void AtomicFileWriter::append(std::string_view piece) {
  out_.write(piece.data(), static_cast<std::streamsize>(piece.size()));
  if (!out_) throw std::runtime_error(temporary_.string() + ": cannot write");
}

void AtomicFileWriter::commit() {
  out_.close();
  if (!out_) throw std::runtime_error(temporary_.string() + ": cannot write");
  std::filesystem::rename(temporary_, path_);
  committed_ = true;
}

}  // namespace modelcompare::report
