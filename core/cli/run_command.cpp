#include <cstdio>
#include <iostream>

#include "cli/cli_error.hpp"
#include "cli/commands.hpp"
#include "run/comparison_run.hpp"
#include "run/progress_reporter.hpp"
#include "telemetry/run_telemetry.hpp"
#include "telemetry/stored_metrics_plan.hpp"

namespace modelcompare::cli {

int run_command(const Arguments& args) {
  po::options_description options(
      "usage: modelcompare run CONFIG [options]\n\n"
      "Sends every scenario to every provider (repeats included), evaluates each answer and\n"
      "writes a run folder <output.dir>/<name>-<UTC time>/ with run.db, results.jsonl,\n"
      "summary.json, report.md, run.log and artifacts/. Ctrl-C stops cleanly: requests in flight\n"
      "finish, the files are written, and --resume continues later.\n\noptions");
  options.add_options()("help,h", "show this help")(
      "out", po::value<std::string>(), "make the run folder under DIR instead of output.dir")(
      "resume", po::value<std::string>(),
      "continue the run in DIR (made from the same config): only missing cases are sent")(
      "only", po::value<std::vector<std::string>>()->composing(),
      "run only this provider or scenario id (repeatable)")(
      "repeat", po::value<int>(), "repeat every scenario N times (overrides the config)")(
      "concurrency", po::value<int>(),
      "at most N requests in flight across all providers (each provider also has its own limit)")(
      "shard", po::value<std::string>(),
      "run only slice K of N (e.g. 2/4): every provider's conversations dealt round-robin, the "
      "same ones for the same config; join the shards' run folders with `modelcompare merge`")(
      "no-cache",
      "send every request instead of answering identical ones from the response cache "
      "(<output.dir>/cache.db); new answers are still saved there")(
      "config", po::value<std::string>(), "the config file");
  add_plugin_dir_option(options);
  po::positional_options_description positional;
  positional.add("config", 1);
  const auto vm = parse_arguments("run", args, options, positional);
  if (vm.count("help")) {
    std::cout << options << "\n";
    return kSuccess;
  }
  if (!vm.count("config")) throw UsageError("run: missing CONFIG (see `modelcompare run --help`)");

  run::RunRequest request;
  request.config_file = vm["config"].as<std::string>();
  if (vm.count("out")) request.out_dir = vm["out"].as<std::string>();
  if (vm.count("resume")) request.resume_dir = vm["resume"].as<std::string>();
  if (vm.count("only")) request.filter.only = vm["only"].as<std::vector<std::string>>();
  if (vm.count("repeat")) {
    const int n = vm["repeat"].as<int>();
    if (n < 1) throw UsageError("run: --repeat must be at least 1, found " + std::to_string(n));
    request.filter.repeat = n;
  }
  if (vm.count("concurrency")) {
    const int n = vm["concurrency"].as<int>();
    if (n < 1)
      throw UsageError("run: --concurrency must be at least 1, found " + std::to_string(n));
    request.concurrency = n;
  }
  if (vm.count("shard")) {
    try {
      request.filter.shard = run::parse_shard(vm["shard"].as<std::string>());
    } catch (const std::invalid_argument& e) {
      throw UsageError(std::string("run: ") + e.what());
    }
  }
  for (const auto& dir : plugin_dirs(vm)) request.plugin_dirs.emplace_back(dir);
  request.interactive_progress = run::ProgressReporter::stream_is_terminal(stderr);
  request.read_cache = !vm.count("no-cache");

  auto prepared = run::prepare_run(request);
  const auto outcome = prepared.execute();
  // Charts of our own count, then the server's series (polling while it ingests). Warnings only:
  // the run is complete in run.db whatever happens here, and its exit code stays the cases'.
  telemetry::record_run_telemetry(outcome.run_dir, telemetry::metrics_plan(prepared.config()),
                                  request.plugin_dirs, !outcome.interrupted);
  std::printf("run folder: %s\n", outcome.run_dir.c_str());
  std::printf("%zu cases, %zu failed%s\n", outcome.cases, outcome.failed,
              outcome.interrupted ? " (interrupted: continue with --resume)" : "");
  return outcome.failed > 0 || outcome.interrupted ? kCasesFailed : kSuccess;
}

}  // namespace modelcompare::cli
