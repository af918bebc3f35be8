#include "dataset/csv_row_source.hpp"

#include <csv.h>

#include <deque>
#include <set>
#include <string>
#include <vector>

#include "dataset/dataset_error.hpp"
#include "dataset/row_identity.hpp"

namespace modelcompare::dataset {

// libcsv reports fields and record ends through C callbacks; they land here. Records are queued
// with the line they start on (libcsv knows no lines, so the source counts them as it feeds).
struct CsvRowSource::Parser {
  struct Record {
    std::vector<std::string> fields;
    std::size_t line = 0;
  };

  csv_parser csv{};
  std::vector<std::string> fields;
  std::deque<Record> done;
  std::size_t line = 0;         // the physical line being fed, 1-based
  std::size_t record_line = 0;  // where the record being read started
  bool in_record = false;

  static void on_field(void* data, std::size_t size, void* self) {
    static_cast<Parser*>(self)->fields.emplace_back(static_cast<const char*>(data), size);
  }
  static void on_record_end(int, void* self) {
    auto& parser = *static_cast<Parser*>(self);
    parser.done.push_back({std::move(parser.fields), parser.record_line});
    parser.fields.clear();
    parser.in_record = false;
  }
};

namespace {

std::string describe_csv_error(csv_parser& csv) {
  return csv_strerror(csv_error(&csv));
}

bool is_blank(const std::string& line) {
  return line.find_first_not_of("\r") == std::string::npos;
}

}  // namespace

CsvRowSource::CsvRowSource(const std::filesystem::path& file)
    : file_(file), in_(file, std::ios::binary), parser_(std::make_unique<Parser>()) {
  if (!in_) throw DatasetError(file.string() + ": cannot read the dataset");
  if (csv_init(&parser_->csv, CSV_STRICT | CSV_STRICT_FINI) != 0)
    throw DatasetError(file.string() + ": cannot start the CSV parser");
  try {
    read_header();
  } catch (...) {
    csv_free(&parser_->csv);  // the destructor does not run for a constructor that throws
    throw;
  }
}

void CsvRowSource::read_header() {
  const auto& file = file_;
  if (!read_record()) throw DatasetError(file.string() + ": empty CSV: no header row");
  auto header = std::move(parser_->done.front());
  parser_->done.pop_front();
  std::set<std::string> seen;
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    std::string& name = header.fields[i];
    if (i == 0 && name.rfind("\xEF\xBB\xBF", 0) == 0) name.erase(0, 3);  // a UTF-8 BOM
    if (name.empty())
      throw DatasetError(file.string() + ":" + std::to_string(header.line) + ": header column " +
                         std::to_string(i + 1) + " has no name");
    if (!seen.insert(name).second)
      throw DatasetError(file.string() + ":" + std::to_string(header.line) +
                         ": header names column \"" + name + "\" twice");
  }
  header_ = std::move(header.fields);
}

CsvRowSource::~CsvRowSource() {
  csv_free(&parser_->csv);
}

bool CsvRowSource::read_record() {
  auto& p = *parser_;
  std::string line;
  while (p.done.empty()) {
    if (!std::getline(in_, line)) {
      if (p.in_record && csv_fini(&p.csv, Parser::on_field, Parser::on_record_end, &p) != 0)
        throw DatasetError(file_.string() + ":" + std::to_string(p.record_line) +
                           ": a quoted field that starts in this row is never closed");
      if (!p.in_record) csv_fini(&p.csv, Parser::on_field, Parser::on_record_end, &p);
      return !p.done.empty();
    }
    ++p.line;
    if (!p.in_record) {
      if (is_blank(line)) continue;  // libcsv skips empty rows too
      p.in_record = true;
      p.record_line = p.line;
    }
    line += '\n';
    if (csv_parse(&p.csv, line.data(), line.size(), Parser::on_field, Parser::on_record_end, &p) !=
        line.size())
      throw DatasetError(file_.string() + ":" + std::to_string(p.line) + ": malformed CSV (" +
                         describe_csv_error(p.csv) +
                         "; a field with quotes must be quoted as a whole, with quotes doubled)");
  }
  return true;
}

std::optional<DatasetRow> CsvRowSource::next() {
  if (parser_->done.empty() && !read_record()) return std::nullopt;
  auto record = std::move(parser_->done.front());
  parser_->done.pop_front();
  DatasetRow row;
  row.origin = file_.string() + ":" + std::to_string(record.line);
  if (record.fields.size() != header_.size())
    throw DatasetError(row.origin + ": row has " + std::to_string(record.fields.size()) +
                       " fields, the header has " + std::to_string(header_.size()));
  for (std::size_t i = 0; i < header_.size(); ++i)
    row.values[header_[i]] = std::move(record.fields[i]);
  assign_identity(row);
  return row;
}

}  // namespace modelcompare::dataset
