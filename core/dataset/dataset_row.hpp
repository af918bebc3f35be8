// One row of a scenario's dataset: its variables and its identity.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace modelcompare::dataset {

struct DatasetRow {
  nlohmann::json values = nlohmann::json::object();  // column or field name -> value
  // Stable identity within the scenario: the `id` value when the row has one, else
  // "row-" + a hash of the row, so editing one row never renumbers the others.
  std::string key;
  // A hash of the row's whole content: a resumed run re-sends a row whose hash changed.
  std::string content_hash;
  // Where the row was read, for messages: "data.csv:12" or "config.json: /scenarios/0/vars/3".
  std::string origin;
};

}  // namespace modelcompare::dataset
