// Every saved input of every fuzz target goes through its entry function again. An entry aborts
// with "fuzz finding: ..." on stderr for a bug, so a regression fails this test loudly.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "fuzz_entry.hpp"

namespace fs = std::filesystem;
using modelcompare::fuzz::azure_stream_one_input;
using modelcompare::fuzz::chart_image_one_input;
using modelcompare::fuzz::config_loader_one_input;
using modelcompare::fuzz::dataset_rows_one_input;

namespace {

using Entry = void (*)(const std::uint8_t*, std::size_t);

// Replays every file of the folders (missing folders are skipped); returns how many were replayed.
int replay(const std::vector<fs::path>& folders, Entry entry) {
  int replayed = 0;
  for (const auto& folder : folders) {
    if (!fs::is_directory(folder)) continue;
    std::vector<fs::path> files;
    for (const auto& item : fs::directory_iterator(folder)) {
      if (item.is_regular_file() && item.path().filename() != "README.md") {
        files.push_back(item.path());
      }
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      std::ifstream in(file, std::ios::binary);
      const std::vector<char> bytes((std::istreambuf_iterator<char>(in)),
                                    std::istreambuf_iterator<char>());
      SCOPED_TRACE(file.string());
      entry(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
      ++replayed;
    }
  }
  return replayed;
}

const fs::path source_dir = MODELCOMPARE_SOURCE_DIR;
const fs::path saved = source_dir / "tests" / "fuzz-regressions";

}  // namespace

TEST(FuzzRegressions, ConfigLoader) {
  EXPECT_GE(replay({saved / "config_loader", source_dir / "configs"}, config_loader_one_input), 4);
}

TEST(FuzzRegressions, AzureStream) {
  EXPECT_GE(replay({saved / "azure_stream", source_dir / "fuzz" / "seeds" / "azure_stream"},
                   azure_stream_one_input),
            4);
}

TEST(FuzzRegressions, ChartImage) {
  EXPECT_GE(replay({saved / "chart_image"}, chart_image_one_input), 3);
}

TEST(FuzzRegressions, DatasetRows) {
  EXPECT_GE(replay({saved / "dataset_rows"}, dataset_rows_one_input), 3);
}

// The entries must tell a bug from a bad input; a bad input alone is not a finding.
TEST(FuzzRegressions, BadInputsAreExpectedErrorsNotFindings) {
  const std::string not_json = "{\"providers\": [";
  config_loader_one_input(reinterpret_cast<const std::uint8_t*>(not_json.data()), not_json.size());
  const std::string not_png = "\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR";
  chart_image_one_input(reinterpret_cast<const std::uint8_t*>(not_png.data()), not_png.size());
  const std::string ragged_csv = std::string(1, '\0') + "a,b\n1,2,3\n\"open";
  dataset_rows_one_input(reinterpret_cast<const std::uint8_t*>(ragged_csv.data()),
                         ragged_csv.size());
  SUCCEED();
}

TEST(FuzzRegressionsDeathTest, AFindingAbortsWithItsMessage) {
  EXPECT_DEATH(modelcompare::fuzz::report_finding("example"), "fuzz finding: example");
}
