// SHA-256 as lowercase hex: the config's hash, dataset row keys, request fingerprints.
#pragma once

#include <string>

namespace modelcompare::config {

std::string sha256_hex(const std::string& data);

}  // namespace modelcompare::config
