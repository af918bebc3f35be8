// A scenario's rows, read one at a time so a dataset of any size streams through in constant
// memory: a CSV file (header row, RFC 4180 quoting), a JSONL file (one object per line), the
// scenario's inline "vars", or, for a scenario without rows, one empty row keyed by its id.
#pragma once

#include <memory>
#include <optional>

#include "config/config.hpp"
#include "dataset/dataset_row.hpp"

namespace modelcompare::dataset {

class RowSource {
 public:
  virtual ~RowSource() = default;
  // The next row, or nothing at the end. Throws DatasetError naming the file and line of a row
  // that cannot be read (a ragged CSV row, a JSONL line that is not a JSON object, ...).
  virtual std::optional<DatasetRow> next() = 0;
};

// `config_file` names inline rows in messages.
std::unique_ptr<RowSource> open_rows(const config::ScenarioConfig& scenario,
                                     const std::filesystem::path& config_file);

}  // namespace modelcompare::dataset
