#include "job_files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

namespace modelcompare::code_correctness {

namespace fs = std::filesystem;

std::optional<fs::path> job_file(const fs::path& job_dir, const fs::path& relative) {
  if (relative.empty() || relative.is_absolute()) return std::nullopt;
  std::error_code ec;
  const auto root = fs::canonical(job_dir, ec);
  if (ec) return std::nullopt;
  const auto candidate = (root / relative).lexically_normal();
  // Every component below the job folder must be a real folder or, last, a regular file.
  fs::path walked = root;
  for (const auto& part : candidate.lexically_relative(root)) {
    if (part == ".." || part == ".") return std::nullopt;
    walked /= part;
    const auto status = fs::symlink_status(walked, ec);
    if (ec || fs::is_symlink(status)) return std::nullopt;
    if (walked != candidate && !fs::is_directory(status)) return std::nullopt;
    if (walked == candidate && !fs::is_regular_file(status)) return std::nullopt;
  }
  return candidate;
}

std::string read_tail(const fs::path& file, std::size_t max_bytes) {
  const int fd = open(file.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return {};
  struct stat st {};
  std::string out;
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    const off_t size = st.st_size;
    const off_t start =
        size > static_cast<off_t>(max_bytes) ? size - static_cast<off_t>(max_bytes) : 0;
    out.resize(static_cast<std::size_t>(size - start));
    const ssize_t n = pread(fd, out.data(), out.size(), start);
    out.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
  }
  close(fd);
  return out;
}

bool copy_job_file(const fs::path& file, const fs::path& destination, std::size_t max_bytes) {
  std::error_code ec;
  const auto size = fs::file_size(file, ec);
  if (ec || size > max_bytes) return false;
  const std::string content = read_tail(file, max_bytes);
  if (content.size() != size) return false;
  fs::create_directories(destination.parent_path(), ec);
  std::ofstream out(destination, std::ios::binary | std::ios::trunc);
  out << content;
  return static_cast<bool>(out);
}

}  // namespace modelcompare::code_correctness
