#include "token_response.hpp"

#include <ctime>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

namespace modelcompare::azure_auth {
namespace {

using nlohmann::json;

// A number, or a string holding one (IMDS sends "3599").
std::optional<long long> integer(const json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end()) return std::nullopt;
  if (it->is_number()) return it->get<long long>();
  if (it->is_string()) {
    try {
      std::size_t used = 0;
      const auto text = it->get<std::string>();
      const long long value = std::stoll(text, &used);
      if (used == text.size()) return value;
    } catch (const std::exception&) {
    }
  }
  return std::nullopt;
}

json parse_object(std::string_view body, const char* what) {
  json parsed;
  try {
    parsed = json::parse(body);
  } catch (const json::exception&) {
    throw std::runtime_error(std::string(what) + " is not JSON");
  }
  if (!parsed.is_object()) throw std::runtime_error(std::string(what) + " is not a JSON object");
  return parsed;
}

}  // namespace

AccessToken parse_oauth_token(std::string_view body, std::chrono::system_clock::time_point now) {
  const json parsed = parse_object(body, "the token response");
  AccessToken token;
  if (!parsed.contains("access_token") || !parsed["access_token"].is_string() ||
      parsed["access_token"].get<std::string>().empty())
    throw std::runtime_error("the token response has no access_token");
  token.token = parsed["access_token"].get<std::string>();
  if (auto in = integer(parsed, "expires_in")) {
    token.expires_on = now + std::chrono::seconds(*in);
  } else if (auto on = integer(parsed, "expires_on")) {
    token.expires_on = std::chrono::system_clock::from_time_t(static_cast<std::time_t>(*on));
  } else {
    throw std::runtime_error("the token response has neither expires_in nor expires_on");
  }
  return token;
}

AccessToken parse_cli_token(std::string_view output) {
  const json parsed = parse_object(output, "the output of az account get-access-token");
  AccessToken token;
  if (!parsed.contains("accessToken") || !parsed["accessToken"].is_string())
    throw std::runtime_error("the output of az account get-access-token has no accessToken");
  token.token = parsed["accessToken"].get<std::string>();
  if (auto on = integer(parsed, "expires_on")) {
    token.expires_on = std::chrono::system_clock::from_time_t(static_cast<std::time_t>(*on));
    return token;
  }
  if (parsed.contains("expiresOn") && parsed["expiresOn"].is_string()) {
    std::tm tm{};
    std::istringstream in(parsed["expiresOn"].get<std::string>());
    in >> std::get_time(&tm, "%Y-%m-%d %H:%M:%S");
    if (!in.fail()) {
      tm.tm_isdst = -1;  // local time, as the CLI writes it
      token.expires_on = std::chrono::system_clock::from_time_t(std::mktime(&tm));
      return token;
    }
  }
  throw std::runtime_error(
      "the output of az account get-access-token has neither expires_on nor a readable expiresOn");
}

std::string url_encode(std::string_view text) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (const unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

}  // namespace modelcompare::azure_auth
