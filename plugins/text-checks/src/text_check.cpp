#include "text_check.hpp"

#include <cmath>
#include <map>
#include <set>

#include "json_in_answer.hpp"
#include "modelcompare/sdk/edit_distance.hpp"
#include "modelcompare/sdk/prompt_template.hpp"

namespace modelcompare::text_checks {
namespace {

using nlohmann::json;

// The keys each check takes besides "check" and "weight".
const std::vector<std::string>& value_keys(CheckKind kind) {
  static const std::map<CheckKind, std::vector<std::string>> keys = {
      {CheckKind::contains, {"value"}},
      {CheckKind::icontains, {"value"}},
      {CheckKind::equals, {"value"}},
      {CheckKind::starts_with, {"value"}},
      {CheckKind::regex, {"pattern", "ignore_case"}},
      {CheckKind::is_json, {}},
      {CheckKind::json_schema, {"schema"}},
      {CheckKind::max_length, {"max"}}};
  return keys.at(kind);
}

// What the main key of each check holds, for "needs" messages.
std::string needs_text(CheckKind kind) {
  switch (kind) {
    case CheckKind::contains:
    case CheckKind::icontains: return "\"value\": the text to look for";
    case CheckKind::equals: return "\"value\": the whole expected answer";
    case CheckKind::starts_with: return "\"value\": the text the answer starts with";
    case CheckKind::regex: return "\"pattern\": the regular expression to search for";
    case CheckKind::json_schema: return "\"schema\": the schema file, relative to the config";
    case CheckKind::max_length: return "\"max\": the most characters allowed";
    case CheckKind::is_json: break;
  }
  return {};
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A short, one-line excerpt for findings.
std::string excerpt(std::string_view text, std::size_t size = 40) {
  std::string out;
  for (std::size_t i = 0; i < text.size() && i < size; ++i) {
    if (text[i] == '\n')
      out += "\\n";
    else if (text[i] == '\t')
      out += "\\t";
    else
      out += text[i];
  }
  if (text.size() > size) out += "...";
  return out;
}

std::size_t code_points(std::string_view text) {
  std::size_t count = 0;
  for (char c : text)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  return count;
}

// Boost's message without its long "The error occurred while parsing..." tail.
std::string regex_error_text(const boost::regex_error& e) {
  std::string text = e.what();
  if (const auto tail = text.find("  The error occurred"); tail != std::string::npos)
    text.erase(tail);
  while (!text.empty() && (text.back() == '.' || text.back() == ' ')) text.pop_back();
  return text + " (at character " + std::to_string(e.position()) + ")";
}

boost::regex compile(const std::string& pattern, bool ignore_case, const std::string& where) {
  try {
    const boost::regex::flag_type flags =
        ignore_case ? boost::regex::perl | boost::regex::icase : boost::regex::perl;
    return boost::regex(pattern, flags);
  } catch (const boost::regex_error& e) {
    throw sdk::PluginError(where + " '" + pattern +
                           "' is not a valid regex: " + regex_error_text(e));
  }
}

[[noreturn]] void unknown_key(const std::string& where, CheckKind kind, const std::string& key) {
  std::vector<std::string> known = {"check", "weight"};
  for (const auto& k : value_keys(kind)) known.push_back(k);
  std::string message = where + " (" + to_string(kind) + "): unknown key '" + key + "'";
  std::string closest;
  std::size_t best = 3;
  std::string list;
  for (const auto& k : known) {
    if (const auto d = sdk::edit_distance(key, k); d < best) best = d, closest = k;
    list += (list.empty() ? "" : ", ") + k;
  }
  // "value" on a regex, "pattern" on contains: the usual mix-up gets its own hint.
  if (closest.empty() && !value_keys(kind).empty() && (key == "value" || key == "pattern"))
    closest = value_keys(kind).front();
  if (!closest.empty()) message += " (did you mean '" + closest + "'?)";
  throw sdk::PluginError(message + "; " + to_string(kind) + " takes: " + list);
}

}  // namespace

json TextCheck::describe() const {
  json out = {{"check", to_string(kind)}};
  switch (kind) {
    case CheckKind::regex:
      out["pattern"] = value;
      if (ignore_case) out["ignore_case"] = true;
      break;
    case CheckKind::json_schema: out["schema"] = schema_path; break;
    case CheckKind::max_length: out["max"] = max; break;
    case CheckKind::is_json: break;
    default: out["value"] = value;
  }
  out["weight"] = weight;
  return out;
}

TextCheck parse_text_check(const json& spec, std::size_t index, const sdk::PluginContext& context) {
  TextCheck check;
  check.where = "text-checks: checks[" + std::to_string(index) + "]";
  const auto& where = check.where;
  if (!spec.is_object())
    throw sdk::PluginError(where +
                           " must be an object such as "
                           "{\"check\": \"contains\", \"value\": \"...\"}, got " +
                           spec.dump());
  if (!spec.contains("check"))
    throw sdk::PluginError(where +
                           " has no \"check\" (contains, icontains, regex, equals, "
                           "starts-with, is-json, json-schema or max-length)");
  if (!spec["check"].is_string())
    throw sdk::PluginError(where + ".check must be a string, got " + spec["check"].dump());
  check.kind = parse_check_kind(spec["check"].get<std::string>(), where + ".check");
  const std::string named = where + " (" + to_string(check.kind) + ")";

  const auto& keys = value_keys(check.kind);
  for (const auto& [key, value] : spec.items())
    if (key != "check" && key != "weight" && std::find(keys.begin(), keys.end(), key) == keys.end())
      unknown_key(where, check.kind, key);

  if (spec.contains("weight")) {
    const auto& weight = spec["weight"];
    if (!weight.is_number() || !std::isfinite(weight.get<double>()) || weight.get<double>() <= 0)
      throw sdk::PluginError(where + ".weight must be a number above 0, got " + weight.dump());
    check.weight = weight.get<double>();
  }
  if (check.kind == CheckKind::is_json) return check;

  const std::string& main_key = keys.front();
  if (!spec.contains(main_key)) throw sdk::PluginError(named + " needs " + needs_text(check.kind));
  const auto& main = spec[main_key];
  switch (check.kind) {
    case CheckKind::max_length:
      if (!main.is_number_integer() || main.get<std::int64_t>() < 0)
        throw sdk::PluginError(
            where + ".max must be a whole number of characters (0 or more), got " + main.dump());
      check.max = main.get<std::size_t>();
      return check;
    default: break;
  }
  if (!main.is_string())
    throw sdk::PluginError(where + "." + main_key + " must be a string, got " + main.dump());
  check.value = main.get<std::string>();
  if (check.value.empty())
    throw sdk::PluginError(where + "." + main_key + " is empty; " + to_string(check.kind) +
                           " needs " + needs_text(check.kind));

  if (check.kind == CheckKind::regex) {
    if (spec.contains("ignore_case")) {
      if (!spec["ignore_case"].is_boolean())
        throw sdk::PluginError(where + ".ignore_case must be true or false, got " +
                               spec["ignore_case"].dump());
      check.ignore_case = spec["ignore_case"].get<bool>();
    }
    // A pattern with {{variables}} is compiled per answer, once they are known.
    if (check.value.find("{{") == std::string::npos)
      check.compiled = compile(check.value, check.ignore_case, where + ".pattern");
  } else if (check.kind == CheckKind::json_schema) {
    check.schema_path = check.value;
    check.schema = JsonSchema::load(context.resolve(check.value), check.value, where + ".schema");
  }
  return check;
}

CheckOutcome run_text_check(const TextCheck& check, const std::string& answer, const json& vars) {
  CheckOutcome outcome;
  const auto fail = [&](std::string finding) {
    outcome.finding = std::move(finding);
    return outcome;
  };
  const std::string value =
      check.kind == CheckKind::json_schema ? check.value : sdk::render_template(check.value, vars);
  switch (check.kind) {
    case CheckKind::contains:
      outcome.passed = answer.find(value) != std::string::npos;
      if (!outcome.passed) return fail("contains '" + excerpt(value) + "' not found");
      break;
    case CheckKind::icontains:
      outcome.passed = lower(answer).find(lower(value)) != std::string::npos;
      if (!outcome.passed) return fail("icontains '" + excerpt(value) + "' not found (any case)");
      break;
    case CheckKind::regex: {
      const boost::regex re = check.compiled
                                  ? *check.compiled
                                  : compile(value, check.ignore_case, check.where + ".pattern");
      try {
        outcome.passed = boost::regex_search(answer, re);
      } catch (const std::runtime_error& e) {  // Boost gives up on catastrophic backtracking
        return fail("regex " + value + " could not be matched: " + e.what());
      }
      if (!outcome.passed) return fail("regex " + value + " not found");
      break;
    }
    case CheckKind::equals: {
      const auto got = trim_space(answer), expected = trim_space(value);
      outcome.passed = got == expected;
      if (!outcome.passed) {
        std::size_t at = 0;
        while (at < got.size() && at < expected.size() && got[at] == expected[at]) ++at;
        std::size_t line = 1, column = 1;
        for (std::size_t i = 0; i < at; ++i) {
          if (got[i] == '\n')
            ++line, column = 1;
          else
            ++column;
        }
        return fail("equals: differs at line " + std::to_string(line) + ", column " +
                    std::to_string(column) + ": expected '" + excerpt(expected.substr(at), 20) +
                    "', got '" + excerpt(got.substr(at), 20) + "'");
      }
      break;
    }
    case CheckKind::starts_with: {
      const auto got = trim_space(answer);
      outcome.passed = got.substr(0, value.size()) == value;
      if (!outcome.passed)
        return fail("starts-with '" + excerpt(value) + "' not met: the answer starts with '" +
                    excerpt(got, std::max<std::size_t>(value.size(), 20)) + "'");
      break;
    }
    case CheckKind::is_json: {
      const auto found = find_json_in_answer(answer);
      outcome.passed = found.value.has_value();
      if (!outcome.passed) return fail("is-json: " + found.problem);
      break;
    }
    case CheckKind::json_schema: {
      const auto found = find_json_in_answer(answer);
      if (!found.value) return fail("json-schema " + check.schema_path + ": " + found.problem);
      const auto violations = check.schema->violations(*found.value);
      outcome.passed = violations.empty();
      if (!outcome.passed) {
        std::string text = "json-schema: ";
        for (std::size_t i = 0; i < violations.size(); ++i) text += (i ? "; " : "") + violations[i];
        if (found.source != "the answer") text += " (in " + found.source + ")";
        return fail(text);
      }
      break;
    }
    case CheckKind::max_length: {
      const auto length = code_points(answer);
      outcome.passed = length <= check.max;
      if (!outcome.passed)
        return fail("max-length " + std::to_string(check.max) + ": the answer has " +
                    std::to_string(length) + " characters");
      break;
    }
  }
  return outcome;
}

}  // namespace modelcompare::text_checks
