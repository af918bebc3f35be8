#include "mock/response_book.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "modelcompare/sdk/plugin.hpp"

namespace modelcompare::mock {
namespace {

using nlohmann::json;

std::string read_text(const std::filesystem::path& path, const std::string& what) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw sdk::PluginError(what + ": " + path.string() + " is a folder, not a file");
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw sdk::PluginError(what + ": cannot read " + path.string() + ": " + std::strerror(errno));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::optional<std::string> optional_string(const json& entry, const char* key,
                                           const std::string& where) {
  const auto it = entry.find(key);
  if (it == entry.end()) return std::nullopt;
  if (!it->is_string())
    throw sdk::PluginError(where + ": '" + key + "' must be a string, got " + it->dump());
  return it->get<std::string>();
}

std::optional<int> optional_count(const json& entry, const char* key, const std::string& where) {
  const auto it = entry.find(key);
  if (it == entry.end()) return std::nullopt;
  if (!it->is_number_integer() || it->get<std::int64_t>() < 1 ||
      it->get<std::int64_t>() > 1'000'000)
    throw sdk::PluginError(where + ": '" + key + "' must be an integer counted from 1, got " +
                           it->dump());
  return static_cast<int>(it->get<std::int64_t>());
}

CannedResponse parse_entry(const json& entry, const std::string& where,
                           const std::filesystem::path& folder) {
  if (!entry.is_object())
    throw sdk::PluginError(where + ": must be an object, got " + entry.dump());
  for (const auto& [key, value] : entry.items()) {
    static const char* const known[] = {"provider", "scenario", "turn", "repeat", "text", "file"};
    if (std::find_if(std::begin(known), std::end(known),
                     [&](const char* name) { return key == name; }) == std::end(known)) {
      throw sdk::PluginError(where + ": unknown key '" + key +
                             "' (known: provider, scenario, turn, repeat, text, file)");
    }
  }
  CannedResponse response;
  response.provider = optional_string(entry, "provider", where);
  response.scenario = optional_string(entry, "scenario", where);
  response.turn = optional_count(entry, "turn", where);
  response.repeat = optional_count(entry, "repeat", where);
  const auto text = optional_string(entry, "text", where);
  const auto file = optional_string(entry, "file", where);
  if (text.has_value() == file.has_value())
    throw sdk::PluginError(where + ": give exactly one of 'text' or 'file'");
  response.origin = where;
  if (text) {
    response.text = *text;
  } else {
    const std::filesystem::path answer_path = folder / *file;
    response.text = read_text(answer_path, where + ".file");
    response.origin += " (" + *file + ")";
  }
  return response;
}

}  // namespace

int CannedResponse::specificity() const {
  return provider.has_value() + scenario.has_value() + turn.has_value() + repeat.has_value();
}

bool CannedResponse::matches(const std::string& provider_id, const std::string& scenario_id,
                             int turn_number, int repeat_number) const {
  return (!provider || *provider == provider_id) && (!scenario || *scenario == scenario_id) &&
         (!turn || *turn == turn_number) && (!repeat || *repeat == repeat_number);
}

ResponseBook ResponseBook::load(const std::filesystem::path& file) {
  const std::string name = file.string();
  const std::string text = read_text(file, "responses file");
  json document;
  try {
    document = json::parse(text);
  } catch (const json::parse_error& error) {
    // nlohmann's message already names the line and column.
    throw sdk::PluginError("responses file " + name + ": not valid JSON: " + error.what());
  }
  if (!document.is_object())
    throw sdk::PluginError("responses file " + name + ": must be a JSON object with 'responses'");
  for (const auto& [key, value] : document.items()) {
    if (key != "responses" && key != "fallback" && key != "description")
      throw sdk::PluginError("responses file " + name + ": unknown key '" + key +
                             "' (known: description, fallback, responses)");
  }

  ResponseBook book;
  if (const auto it = document.find("fallback"); it != document.end()) {
    if (!it->is_string())
      throw sdk::PluginError("responses file " + name + ": 'fallback' must be a string, got " +
                             it->dump());
    book.fallback_ = it->get<std::string>();
  }
  const auto responses = document.find("responses");
  if (responses == document.end() || !responses->is_array())
    throw sdk::PluginError("responses file " + name + ": 'responses' must be an array of entries");
  const auto folder = file.parent_path();
  for (std::size_t i = 0; i < responses->size(); ++i) {
    const std::string where = name + ": responses[" + std::to_string(i) + "]";
    book.responses_.push_back(parse_entry((*responses)[i], where, folder));
  }
  return book;
}

const CannedResponse* ResponseBook::find(const std::string& provider_id,
                                         const std::string& scenario_id, int turn_number,
                                         int repeat_number) const {
  const CannedResponse* best = nullptr;
  for (const auto& response : responses_) {
    if (!response.matches(provider_id, scenario_id, turn_number, repeat_number)) continue;
    if (!best || response.specificity() > best->specificity()) best = &response;
  }
  return best;
}

}  // namespace modelcompare::mock
