#include <cstdio>
#include <iostream>

#include "cli/cli_error.hpp"
#include "cli/commands.hpp"
#include "report/run_exports.hpp"
#include "run/run_merge.hpp"
#include "store/run_store.hpp"
#include "telemetry/run_telemetry.hpp"

namespace modelcompare::cli {

int merge_command(const Arguments& args) {
  po::options_description options(
      "usage: modelcompare merge RUN_DIR... [--out DIR]\n\n"
      "Joins the run folders of one comparison's shards (`modelcompare run CONFIG --shard K/N`,\n"
      "one folder per K) into a new run folder, as if one machine had run it all: one run.db,\n"
      "the artifacts, and results.jsonl, summary.json (statistics over every case), report.md,\n"
      "report.html and charts computed afresh. Refuses runs of different configs, a shard given\n"
      "twice and any case present in two folders. Missing or unfinished shards are named; the\n"
      "merged run is then marked incomplete and the exit status is 1.\n\noptions");
  options.add_options()("help,h", "show this help")(
      "out", po::value<std::string>(),
      "make the merged run folder under DIR (default: beside the first RUN_DIR)")(
      "run-dir", po::value<std::vector<std::string>>(), "a shard's run folder");
  po::positional_options_description positional;
  positional.add("run-dir", -1);
  const auto vm = parse_arguments("merge", args, options, positional);
  if (vm.count("help")) {
    std::cout << options << "\n";
    return kSuccess;
  }
  if (!vm.count("run-dir"))
    throw UsageError("merge: missing RUN_DIR... (see `modelcompare merge --help`)");
  std::vector<std::filesystem::path> dirs;
  for (const auto& dir : vm["run-dir"].as<std::vector<std::string>>()) dirs.emplace_back(dir);
  std::optional<std::filesystem::path> out;
  if (vm.count("out")) out = vm["out"].as<std::string>();

  const auto outcome = [&] {
    try {
      return run::merge_runs(dirs, out);
    } catch (const std::exception& e) {  // one line, naming the folder at fault
      throw UsageError(std::string("merge: ") + e.what());
    }
  }();
  const auto store = store::RunStore::open(outcome.run_dir);
  report::write_run_exports(outcome.run_dir, store);
  telemetry::redraw_run_charts(outcome.run_dir);
  for (const auto& gap : outcome.gaps) std::fprintf(stderr, "merge: incomplete: %s\n", gap.c_str());
  std::printf("run folder: %s\n", outcome.run_dir.c_str());
  std::printf("%zu cases from %zu folders, %zu failed%s\n", outcome.cases, dirs.size(),
              outcome.failed, outcome.gaps.empty() ? "" : " (incomplete)");
  return outcome.failed > 0 || !outcome.gaps.empty() ? kCasesFailed : kSuccess;
}

}  // namespace modelcompare::cli
