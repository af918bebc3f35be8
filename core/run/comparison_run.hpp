// A comparison from config file to run folder: prepare (load and check everything, make the
// plugin instances; nothing is written), then execute (send every case, evaluate, store, export).
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "run/conversation_plan.hpp"

namespace modelcompare::plugins {
class PluginRegistry;
}

namespace modelcompare::run {

struct RunRequest {
  std::filesystem::path config_file;
  std::optional<std::filesystem::path> out_dir;     // --out: where run folders are made
  std::optional<std::filesystem::path> resume_dir;  // --resume
  PlanFilter filter;
  std::optional<int> concurrency;  // requests in flight across all providers
  std::vector<std::filesystem::path> plugin_dirs;
  bool interactive_progress = false;
  // Answer identical requests from the response cache (--no-cache: false; answers are still
  // saved for later runs).
  bool read_cache = true;
};

struct RunOutcome {
  std::filesystem::path run_dir;
  std::size_t cases = 0;   // in the store at the end
  std::size_t failed = 0;  // status error or skipped
  bool interrupted = false;
};

// What `validate` reports and `run` executes.
class PreparedRun {
 public:
  ~PreparedRun();
  PreparedRun(PreparedRun&&) noexcept;

  const config::Config& config() const;
  std::size_t conversation_count() const;
  std::size_t case_count() const;

  // Sends everything, writes the run folder; returns how it went. Throws std::runtime_error for
  // a run that cannot start (e.g. --resume of another config).
  RunOutcome execute();

 private:
  friend PreparedRun prepare_run(const RunRequest& request);
  struct State;
  explicit PreparedRun(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

// Loads the config, finds the plugins, makes every provider, evaluator and metrics instance
// (so plugins validate their options), and plans the cases. Touches no network and writes
// nothing. Throws config::ConfigError / std::invalid_argument with the one line to show.
PreparedRun prepare_run(const RunRequest& request);

}  // namespace modelcompare::run
