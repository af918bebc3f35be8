#include "config/json_reader.hpp"

#include <algorithm>
#include <cstdio>

#include "config/close_match.hpp"
#include "config/config_error.hpp"

namespace modelcompare::config {
namespace {

const nlohmann::json& empty_object() {
  static const nlohmann::json empty = nlohmann::json::object();
  return empty;
}

std::string shown(const nlohmann::json& value) {
  std::string text = value.dump();
  if (text.size() > 40) text = text.substr(0, 37) + "...";
  return text;
}

std::string shown(double number) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", number);
  return buffer;
}

}  // namespace

std::string escape_pointer_token(const std::string& key) {
  std::string out;
  for (char c : key) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

std::string describe_type(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::object: return "an object";
    case nlohmann::json::value_t::array: return "an array";
    case nlohmann::json::value_t::string: return "a string";
    case nlohmann::json::value_t::boolean: return "a boolean";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned: return "an integer";
    case nlohmann::json::value_t::number_float: return "a number";
    default: return "an unsupported value";
  }
}

ObjectReader::ObjectReader(const nlohmann::json& node, std::string pointer,
                           std::filesystem::path file)
    : node_(node), pointer_(std::move(pointer)), file_(std::move(file)) {
  if (!node_.is_object())
    fail(pointer_, "expected an object, found " + describe_type(node_) + " " + shown(node_));
}

std::string ObjectReader::child_pointer(const std::string& key) const {
  return pointer_ + "/" + escape_pointer_token(key);
}

bool ObjectReader::has(const std::string& key) const {
  return node_.contains(key);
}

const nlohmann::json& ObjectReader::value(const std::string& key) const {
  return node_.at(key);
}

void ObjectReader::fail(const std::string& pointer, const std::string& message) const {
  throw config_error(file_, pointer, message);
}

std::string ObjectReader::required_string(const std::string& key) {
  if (!has(key)) fail(pointer_.empty() ? "/" : pointer_, "missing required key \"" + key + "\"");
  auto text = optional_string(key);
  if (text->empty()) fail(child_pointer(key), "must not be empty");
  return *text;
}

std::optional<std::string> ObjectReader::optional_string(const std::string& key) {
  if (!has(key)) return std::nullopt;
  const auto& v = value(key);
  if (!v.is_string())
    fail(child_pointer(key), "expected a string, found " + describe_type(v) + " " + shown(v));
  return v.get<std::string>();
}

std::optional<long long> ObjectReader::optional_integer(const std::string& key, long long min,
                                                        long long max) {
  if (!has(key)) return std::nullopt;
  const auto& v = value(key);
  if (!v.is_number_integer())
    fail(child_pointer(key), "expected an integer, found " + describe_type(v) + " " + shown(v));
  const auto n = v.get<long long>();
  if (n < min || n > max)
    fail(child_pointer(key), "must be between " + std::to_string(min) + " and " +
                                 std::to_string(max) + ", found " + std::to_string(n));
  return n;
}

std::optional<double> ObjectReader::optional_number(const std::string& key, double min,
                                                    double max) {
  if (!has(key)) return std::nullopt;
  const auto& v = value(key);
  if (!v.is_number())
    fail(child_pointer(key), "expected a number, found " + describe_type(v) + " " + shown(v));
  const auto n = v.get<double>();
  if (n < min || n > max)
    fail(child_pointer(key),
         "must be between " + shown(min) + " and " + shown(max) + ", found " + shown(n));
  return n;
}

nlohmann::json ObjectReader::optional_object(const std::string& key) {
  if (!has(key)) return nlohmann::json::object();
  const auto& v = value(key);
  if (!v.is_object())
    fail(child_pointer(key), "expected an object, found " + describe_type(v) + " " + shown(v));
  return v;
}

const nlohmann::json& ObjectReader::array(const std::string& key, std::size_t min_items) {
  static const nlohmann::json empty = nlohmann::json::array();
  if (!has(key)) {
    if (min_items > 0)
      fail(pointer_.empty() ? "/" : pointer_, "missing required key \"" + key + "\"");
    return empty;
  }
  const auto& v = value(key);
  if (!v.is_array())
    fail(child_pointer(key), "expected an array, found " + describe_type(v) + " " + shown(v));
  if (v.size() < min_items)
    fail(child_pointer(key), "needs at least " + std::to_string(min_items) +
                                 (min_items == 1 ? " entry" : " entries") + ", found none");
  return v;
}

std::vector<std::string> ObjectReader::optional_string_array(const std::string& key) {
  std::vector<std::string> out;
  const auto& items = array(key, 0);
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!items[i].is_string())
      fail(child_pointer(key) + "/" + std::to_string(i),
           "expected a string, found " + describe_type(items[i]));
    out.push_back(items[i].get<std::string>());
  }
  return out;
}

ObjectReader ObjectReader::object(const std::string& key) {
  return ObjectReader(has(key) ? value(key) : empty_object(), child_pointer(key), file_);
}

void ObjectReader::reject_unknown_keys(const std::vector<std::string>& allowed) const {
  for (const auto& [key, ignored] : node_.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    std::string message = "unknown key \"" + key + "\"";
    if (auto guess = close_match(key, allowed)) message += " (did you mean \"" + *guess + "\"?)";
    std::string keys;
    for (const auto& k : allowed) keys += (keys.empty() ? "" : ", ") + k;
    message += "; allowed here: " + keys;
    fail(pointer_.empty() ? "/" : pointer_, message);
  }
}

}  // namespace modelcompare::config
