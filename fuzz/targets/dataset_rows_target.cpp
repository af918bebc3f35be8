#include <exception>
#include <memory>
#include <string>
#include <typeinfo>

#include "dataset/csv_row_source.hpp"
#include "dataset/dataset_error.hpp"
#include "dataset/jsonl_row_source.hpp"
#include "fuzz_entry.hpp"
#include "scratch_file.hpp"

namespace modelcompare::fuzz {

void dataset_rows_one_input(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return;
  const bool jsonl = (data[0] & 1) != 0;
  const auto file = write_scratch_file(jsonl ? "rows.jsonl" : "rows.csv", data + 1, size - 1);
  try {
    std::unique_ptr<dataset::RowSource> rows;
    if (jsonl) {
      rows = std::make_unique<dataset::JsonlRowSource>(file);
    } else {
      rows = std::make_unique<dataset::CsvRowSource>(file);
    }
    while (auto row = rows->next()) {
      if (row->key.empty()) report_finding("a dataset row without a key at " + row->origin);
      if (!row->values.is_object()) report_finding("a dataset row that is not an object");
    }
  } catch (const dataset::DatasetError&) {
    // Expected: a file that cannot be read as a dataset.
  } catch (const std::exception& e) {
    report_finding(std::string("the dataset reader let ") + typeid(e).name() +
                   " escape: " + e.what());
  } catch (...) {
    report_finding("the dataset reader threw a non-std exception");
  }
}

}  // namespace modelcompare::fuzz
