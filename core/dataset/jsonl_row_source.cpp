#include "dataset/jsonl_row_source.hpp"

#include "config/json_reader.hpp"
#include "dataset/dataset_error.hpp"
#include "dataset/row_identity.hpp"

namespace modelcompare::dataset {

JsonlRowSource::JsonlRowSource(const std::filesystem::path& file)
    : file_(file), in_(file, std::ios::binary) {
  if (!in_) throw DatasetError(file.string() + ": cannot read the dataset");
}

std::optional<DatasetRow> JsonlRowSource::next() {
  std::string text;
  while (std::getline(in_, text)) {
    ++line_;
    if (text.find_first_not_of(" \t\r") == std::string::npos) continue;
    DatasetRow row;
    row.origin = file_.string() + ":" + std::to_string(line_);
    try {
      row.values = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
      std::string reason = e.what();
      // "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error ..."
      if (const auto colon = reason.find(": "); colon != std::string::npos)
        reason = reason.substr(colon + 2);
      throw DatasetError(row.origin + ": not valid JSON (column " + std::to_string(e.byte) +
                         "): " + reason);
    } catch (const nlohmann::json::exception& e) {
      // e.g. a number too large for a double: out_of_range, not parse_error.
      std::string reason = e.what();
      if (const auto bracket = reason.find("] "); bracket != std::string::npos)
        reason = reason.substr(bracket + 2);
      throw DatasetError(row.origin + ": not valid JSON: " + reason);
    }
    if (!row.values.is_object())
      throw DatasetError(row.origin + ": expected a JSON object (one row), found " +
                         config::describe_type(row.values));
    assign_identity(row);
    return row;
  }
  return std::nullopt;
}

}  // namespace modelcompare::dataset
