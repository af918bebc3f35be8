// A fresh folder under the system's temporary folder, removed with everything in it on destruction.
#pragma once

#include <filesystem>
#include <string>

namespace modelcompare::testing {

class TempDir {
 public:
  explicit TempDir(const std::string& prefix = "modelcompare-test");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

// Writes `content` to `path`, creating parent folders.
void write_file(const std::filesystem::path& path, const std::string& content);
std::string read_file(const std::filesystem::path& path);

}  // namespace modelcompare::testing
