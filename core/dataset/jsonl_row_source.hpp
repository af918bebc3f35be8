// Rows of a JSONL file: one JSON object per line; blank lines are skipped.
#pragma once

#include <filesystem>
#include <fstream>

#include "dataset/row_source.hpp"

namespace modelcompare::dataset {

class JsonlRowSource : public RowSource {
 public:
  explicit JsonlRowSource(const std::filesystem::path& file);
  std::optional<DatasetRow> next() override;

 private:
  std::filesystem::path file_;
  std::ifstream in_;
  std::size_t line_ = 0;
};

}  // namespace modelcompare::dataset
