// Rows of a CSV file with a header row, parsed by libcsv (RFC 4180: quoted fields, doubled
// quotes, newlines inside quotes, CRLF or LF). Every value is a string.
#pragma once

#include <filesystem>
#include <fstream>
#include <memory>

#include "dataset/row_source.hpp"

namespace modelcompare::dataset {

class CsvRowSource : public RowSource {
 public:
  // Reads the header row; throws DatasetError for a file without one.
  explicit CsvRowSource(const std::filesystem::path& file);
  ~CsvRowSource() override;

  std::optional<DatasetRow> next() override;

  struct Parser;  // libcsv state and the records it has completed

 private:
  // Feeds the parser until it completes a record; false at the end of the file.
  void read_header();
  bool read_record();

  std::filesystem::path file_;
  std::ifstream in_;
  std::unique_ptr<Parser> parser_;
  std::vector<std::string> header_;
};

}  // namespace modelcompare::dataset
