#include "dataset/row_identity.hpp"

#include <algorithm>

#include "config/sha256.hpp"
#include "dataset/dataset_error.hpp"

namespace modelcompare::dataset {

std::string short_hash(const std::string& text) {
  return config::sha256_hex(text).substr(0, 16);
}

void assign_identity(DatasetRow& row) {
  // nlohmann objects keep keys sorted, so the dump is canonical: the same row, the same hash.
  row.content_hash =
      short_hash(row.values.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  const auto id = row.values.find("id");
  const bool has_id = id != row.values.end() && !id->is_null() &&
                      !(id->is_string() && id->get<std::string>().empty());
  if (!has_id) {
    row.key = "row-" + row.content_hash;
    return;
  }
  const std::string key = id->is_string() ? id->get<std::string>() : id->dump();
  // The key names the case's artifact folder, so it must be a plain file name.
  const bool plain = std::all_of(key.begin(), key.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
  });
  if (!plain || key == "." || key == "..")
    throw DatasetError(row.origin + ": id \"" + key +
                       "\" may only use letters, digits, '-', '_' and '.'");
  row.key = key;
}

}  // namespace modelcompare::dataset
