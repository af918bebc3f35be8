#include "dataset/row_source.hpp"

#include "dataset/csv_row_source.hpp"
#include "dataset/jsonl_row_source.hpp"
#include "dataset/row_identity.hpp"

namespace modelcompare::dataset {
namespace {

// The scenario's inline "vars" array (already checked to hold objects by the config loader).
class InlineRowSource : public RowSource {
 public:
  InlineRowSource(const config::ScenarioConfig& scenario, const std::string& origin_prefix)
      : rows_(*scenario.vars), prefix_(origin_prefix) {}

  std::optional<DatasetRow> next() override {
    if (next_ >= rows_.size()) return std::nullopt;
    DatasetRow row;
    row.values = rows_[next_];
    row.origin = prefix_ + std::to_string(next_);
    ++next_;
    assign_identity(row);
    return row;
  }

 private:
  const nlohmann::json& rows_;
  std::string prefix_;
  std::size_t next_ = 0;
};

// A scenario without rows is one case, keyed by the scenario id (as before datasets existed,
// so older run folders resume).
class SingleCaseSource : public RowSource {
 public:
  explicit SingleCaseSource(std::string key) : key_(std::move(key)) {}
  std::optional<DatasetRow> next() override {
    if (done_) return std::nullopt;
    done_ = true;
    DatasetRow row;
    row.key = key_;
    return row;
  }

 private:
  std::string key_;
  bool done_ = false;
};

}  // namespace

std::unique_ptr<RowSource> open_rows(const config::ScenarioConfig& scenario,
                                     const std::filesystem::path& config_file) {
  if (scenario.dataset) {
    if (scenario.dataset->format == config::DatasetConfig::Format::csv)
      return std::make_unique<CsvRowSource>(scenario.dataset->file);
    return std::make_unique<JsonlRowSource>(scenario.dataset->file);
  }
  if (scenario.vars) {
    // The pointer of the scenario is not kept in ScenarioConfig; its id names it.
    return std::make_unique<InlineRowSource>(
        scenario, config_file.string() + ": scenario \"" + scenario.id + "\" vars/");
  }
  return std::make_unique<SingleCaseSource>(scenario.id);
}

}  // namespace modelcompare::dataset
