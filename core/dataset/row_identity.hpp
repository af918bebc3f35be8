// A row's key and content hash (see DatasetRow).
#pragma once

#include <string>

#include "dataset/dataset_row.hpp"

namespace modelcompare::dataset {

// Fills row.key and row.content_hash from row.values. Throws DatasetError (prefixed with
// row.origin) when the `id` value cannot name a case: empty parts, '/', spaces, ...
void assign_identity(DatasetRow& row);

// The first 16 hex digits of the SHA-256 of `text`.
std::string short_hash(const std::string& text);

}  // namespace modelcompare::dataset
