#include "run/run_folder.hpp"

#include <stdexcept>

#include "run/utc_time.hpp"

namespace modelcompare::run {

std::filesystem::path make_run_folder(const std::filesystem::path& parent, const std::string& name,
                                      std::chrono::system_clock::time_point now) {
  std::error_code ec;
  std::filesystem::create_directories(parent, ec);
  if (ec)
    throw std::runtime_error(parent.string() +
                             ": cannot create the output folder: " + ec.message());
  const std::string base = name + "-" + compact_utc(now);
  for (int attempt = 1; attempt < 1000; ++attempt) {
    auto dir = parent / (attempt == 1 ? base : base + "-" + std::to_string(attempt));
    if (std::filesystem::create_directory(dir, ec)) return dir;
    if (ec)
      throw std::runtime_error(dir.string() + ": cannot create the run folder: " + ec.message());
  }
  throw std::runtime_error(parent.string() + ": too many runs with the same timestamp");
}

}  // namespace modelcompare::run
