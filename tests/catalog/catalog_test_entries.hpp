// A valid catalog document to start tests from, and a way to write one into a folder.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "support/temp_dir.hpp"

namespace modelcompare::testing {

inline nlohmann::json catalog_document(const std::string& id, const std::string& model,
                                       const std::string& version, double input, double output,
                                       double mmlu = 80, double gpqa = 40, double math = 70,
                                       double humaneval = 90) {
  return {{"id", id},
          {"model", model},
          {"version", version},
          {"publisher", "Example Labs"},
          {"input_modalities", {"text", "image"}},
          {"prices",
           {{"input_per_1m", input},
            {"cached_input_per_1m", input / 2},
            {"output_per_1m", output},
            {"sources", {"https://example.com/prices"}},
            {"checked", "2026-11-28"}}},
          {"benchmarks",
           {{"mmlu", mmlu},
            {"gpqa", gpqa},
            {"math", math},
            {"humaneval", humaneval},
            {"source", "https://example.com/evals"},
            {"checked", "2026-11-28"}}}};
}

inline std::filesystem::path write_catalog_document(const std::filesystem::path& dir,
                                                    const nlohmann::json& document) {
  const auto file = dir / (document.at("id").get<std::string>() + ".json");
  write_file(file, document.dump(2));
  return file;
}

}  // namespace modelcompare::testing
