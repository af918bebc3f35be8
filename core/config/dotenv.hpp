// Reads a .env file: KEY=VALUE lines, optional `export `, # comments, single or double quotes.
#pragma once

#include <filesystem>
#include <map>
#include <string>

namespace modelcompare::config {

// Returns no entries when the file does not exist; throws ConfigError (file:line) on a bad line.
std::map<std::string, std::string> read_dotenv(const std::filesystem::path& file);

}  // namespace modelcompare::config
