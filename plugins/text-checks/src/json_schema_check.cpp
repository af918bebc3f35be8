#include "json_schema_check.hpp"

#include <fstream>
#include <set>
#include <sstream>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include "json_in_answer.hpp"
#include "modelcompare/sdk/plugin.hpp"

namespace modelcompare::text_checks {
namespace {

using nlohmann::json;

// Draft 3 to 7 keywords: a schema file has at least one of them, a data file usually none.
const std::set<std::string>& schema_keywords() {
  static const std::set<std::string> keywords = {"$schema",
                                                 "$id",
                                                 "id",
                                                 "$ref",
                                                 "$comment",
                                                 "title",
                                                 "description",
                                                 "default",
                                                 "examples",
                                                 "type",
                                                 "enum",
                                                 "const",
                                                 "properties",
                                                 "required",
                                                 "additionalProperties",
                                                 "patternProperties",
                                                 "propertyNames",
                                                 "dependencies",
                                                 "minProperties",
                                                 "maxProperties",
                                                 "items",
                                                 "additionalItems",
                                                 "contains",
                                                 "minItems",
                                                 "maxItems",
                                                 "uniqueItems",
                                                 "minLength",
                                                 "maxLength",
                                                 "pattern",
                                                 "format",
                                                 "minimum",
                                                 "maximum",
                                                 "exclusiveMinimum",
                                                 "exclusiveMaximum",
                                                 "multipleOf",
                                                 "allOf",
                                                 "anyOf",
                                                 "oneOf",
                                                 "not",
                                                 "if",
                                                 "then",
                                                 "else",
                                                 "definitions",
                                                 "readOnly",
                                                 "writeOnly",
                                                 "contentMediaType",
                                                 "contentEncoding",
                                                 "disallow",
                                                 "extends",
                                                 "divisibleBy"};
  return keywords;
}

std::string escape_token(const std::string& token) {
  std::string out;
  for (char c : token) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

// The target of a local reference ("#" or "#/a/b"), or nullptr.
const json* resolve_local(const json& root, const std::string& ref) {
  if (ref == "#") return &root;
  try {
    const json::json_pointer pointer(ref.substr(1));
    return root.contains(pointer) ? &root.at(pointer) : nullptr;
  } catch (const json::exception&) {
    return nullptr;
  }
}

// Every "$ref" must stay inside the file, point somewhere, and not loop through references only
// (valijson recurses forever on both, so they are refused here).
void check_references(const json& root, const json& node, const std::string& at,
                      const std::string& prefix) {
  if (node.is_array()) {
    for (std::size_t i = 0; i < node.size(); ++i)
      check_references(root, node[i], at + "/" + std::to_string(i), prefix);
    return;
  }
  if (!node.is_object()) return;
  for (const auto& [key, value] : node.items()) {
    const std::string here = at + "/" + escape_token(key);
    if (key == "$ref" && value.is_string()) {
      std::string ref = value.get<std::string>();
      if (ref.empty() || ref[0] != '#' || (ref.size() > 1 && ref[1] != '/'))
        throw sdk::PluginError(prefix + "$ref '" + ref + "' at " + here +
                               " leaves the file (only references such as "
                               "'#/definitions/name' are followed)");
      std::set<std::string> seen = {ref};
      for (const json* target = resolve_local(root, ref);;) {
        if (!target)
          throw sdk::PluginError(prefix + "$ref '" + ref + "' at " + here + " points nowhere");
        if (!target->is_object() || !target->contains("$ref") || !(*target)["$ref"].is_string())
          break;
        ref = (*target)["$ref"].get<std::string>();
        if (ref.empty() || ref[0] != '#') break;  // reported where that reference is written
        if (!seen.insert(ref).second)
          throw sdk::PluginError(prefix + "$ref at " + here + " loops back to '" + ref + "'");
        target = resolve_local(root, ref);
      }
    } else {
      check_references(root, value, here, prefix);
    }
  }
}

std::string json_type(const json& value) {
  if (value.is_number_integer()) return "integer";
  return value.type_name();
}

std::string types_text(const json& type) {
  if (type.is_string()) return type.get<std::string>();
  std::string out;
  if (type.is_array())
    for (std::size_t i = 0; i < type.size(); ++i) {
      if (i) out += i + 1 == type.size() ? " or " : ", ";
      out += type[i].is_string() ? type[i].get<std::string>() : type[i].dump();
    }
  return out;
}

// The subschema that applies at `tokens` of `document`, following properties, items and local
// references; nullptr where that takes a combinator or pattern to decide.
const json* subschema_at(const json& root, const json& document,
                         const std::vector<std::string>& tokens) {
  const json* schema = &root;
  const json* node = &document;
  const auto follow = [&](const json* s) {
    for (int hops = 0; s && s->is_object() && s->contains("$ref") && hops < 32; ++hops)
      s = (*s)["$ref"].is_string() ? resolve_local(root, (*s)["$ref"].get<std::string>()) : nullptr;
    return s;
  };
  for (const auto& token : tokens) {
    schema = follow(schema);
    if (!schema || !schema->is_object()) return nullptr;
    if (node->is_object()) {
      const json* next = nullptr;
      if (schema->contains("properties") && (*schema)["properties"].contains(token))
        next = &(*schema)["properties"][token];
      else if (schema->contains("additionalProperties") &&
               (*schema)["additionalProperties"].is_object())
        next = &(*schema)["additionalProperties"];
      if (!next || !node->contains(token)) return nullptr;
      schema = next;
      node = &(*node)[token];
    } else if (node->is_array()) {
      const std::size_t index = std::stoul(token);
      if (index >= node->size() || !schema->contains("items")) return nullptr;
      const json& items = (*schema)["items"];
      if (items.is_object())
        schema = &items;
      else if (items.is_array() && index < items.size())
        schema = &items[index];
      else
        return nullptr;
      node = &(*node)[index];
    } else {
      return nullptr;
    }
  }
  return follow(schema);
}

std::string lower_first(std::string text) {
  if (!text.empty()) text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

}  // namespace

JsonSchema JsonSchema::load(const std::filesystem::path& file, const std::string& shown_path,
                            const std::string& where) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec))
    throw sdk::PluginError(where + " " + shown_path + ": no such file");
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) throw sdk::PluginError(where + " " + shown_path + ": cannot be read");

  const std::string prefix = where + " " + shown_path + " is not a JSON Schema: ";
  JsonSchema schema;
  try {
    schema.source_ = json::parse(text.str());
  } catch (const json::parse_error& e) {
    throw sdk::PluginError(prefix + "not JSON (" + parse_error_text(e) + ")");
  }
  const json& source = schema.source_;
  if (!source.is_object() && !source.is_boolean())
    throw sdk::PluginError(prefix + "a schema is an object, this file holds " +
                           std::string(source.type_name() == std::string("array") ? "an " : "a ") +
                           source.type_name());
  if (source.is_object() && !source.empty()) {
    bool any_keyword = false;
    std::string keys;
    for (const auto& [key, value] : source.items()) {
      any_keyword = any_keyword || schema_keywords().count(key);
      if (keys.size() < 60) keys += (keys.empty() ? "" : ", ") + key;
    }
    if (!any_keyword)
      throw sdk::PluginError(prefix + "none of its keys (" + keys +
                             ") is a schema keyword such as type, properties or $schema");
  }
  check_references(source, source, "", prefix);

  auto compiled = std::make_shared<valijson::Schema>();
  try {
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    valijson::adapters::NlohmannJsonAdapter adapter(source);
    parser.populateSchema(adapter, *compiled);
  } catch (const std::exception& e) {
    throw sdk::PluginError(prefix + lower_first(e.what()));
  }
  schema.compiled_ = std::move(compiled);
  return schema;
}

std::vector<std::string> JsonSchema::violations(const json& document, std::size_t limit) const {
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter adapter(document);
  if (validator.validate(*compiled_, adapter, &results)) return {};

  struct Violation {
    std::vector<std::string> tokens;
    std::string description;
  };
  std::vector<Violation> all;
  valijson::ValidationResults::Error error;
  while (results.popError(error)) {
    Violation violation;
    for (std::size_t i = 1; i < error.context.size(); ++i) {  // [0] is "<root>"
      const auto& part = error.context[i];
      violation.tokens.push_back(part.size() >= 2 && part.front() == '[' && part.back() == ']'
                                     ? part.substr(1, part.size() - 2)
                                     : part);
    }
    violation.description = error.description;
    all.push_back(std::move(violation));
  }
  // "Failed to validate against schema associated with property ..." and "... item #N" only
  // repeat, one level up, what a deeper violation says.
  std::vector<std::string> lines;
  std::size_t skipped = 0;
  for (const auto& violation : all) {
    const auto& d = violation.description;
    if (all.size() > 1 && (d.rfind("Failed to validate against schema associated with", 0) == 0 ||
                           d.rfind("Failed to validate item #", 0) == 0))
      continue;
    std::string pointer;
    for (const auto& token : violation.tokens) pointer += "/" + escape_token(token);
    if (pointer.empty()) pointer = "/";
    std::string what = lower_first(d);
    if (d.rfind("Value type not permitted by 'type' constraint", 0) == 0) {
      json::json_pointer at;
      for (const auto& token : violation.tokens) at /= token;
      std::string got;
      try {
        got = json_type(document.at(at));
      } catch (const json::exception&) {
      }
      const json* subschema = subschema_at(source_, document, violation.tokens);
      const std::string expected =
          subschema && subschema->contains("type") ? types_text((*subschema)["type"]) : "";
      if (!expected.empty() && !got.empty())
        what = "expected " + expected + ", got " + got;
      else if (!got.empty())
        what = got + " is not an allowed type";
    }
    const std::string line = pointer + ": " + what;
    if (std::find(lines.begin(), lines.end(), line) != lines.end()) continue;
    if (lines.size() < limit)
      lines.push_back(line);
    else
      ++skipped;
  }
  if (skipped) lines.push_back("... and " + std::to_string(skipped) + " more");
  return lines;
}

}  // namespace modelcompare::text_checks
