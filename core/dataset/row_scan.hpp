// The first pass over a scenario's rows, before anything is sent: counts them (for progress and
// `validate`) and checks each one, so a bad row stops the run before the first request rather
// than hours into it. Streams: only the rows' keys are kept.
#pragma once

#include <cstddef>
#include <filesystem>

#include "config/config.hpp"

namespace modelcompare::dataset {

// Throws DatasetError (one line, naming the file and line or the scenario) for: a row that cannot
// be read, two rows with the same key, a {{name}} in the scenario's prompts (system, text, image
// paths) that a row does not provide, and an image path filled from a row that names no file.
std::size_t scan_rows(const config::ScenarioConfig& scenario,
                      const std::filesystem::path& config_file);

}  // namespace modelcompare::dataset
