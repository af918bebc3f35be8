#include <cstdio>
#include <iostream>

#include "cli/cli_error.hpp"
#include "cli/commands.hpp"
#include "report/run_exports.hpp"
#include "store/run_store.hpp"
#include "telemetry/run_telemetry.hpp"

namespace modelcompare::cli {

int report_command(const Arguments& args) {
  po::options_description options(
      "usage: modelcompare report RUN_DIR\n\n"
      "Rebuilds results.jsonl, summary.json and report.md from the run's run.db (the source of\n"
      "truth), e.g. after a killed run or with a newer modelcompare.\n\noptions");
  options.add_options()("help,h", "show this help")("run-dir", po::value<std::string>(),
                                                    "the run folder");
  po::positional_options_description positional;
  positional.add("run-dir", 1);
  const auto vm = parse_arguments("report", args, options, positional);
  if (vm.count("help")) {
    std::cout << options << "\n";
    return kSuccess;
  }
  if (!vm.count("run-dir"))
    throw UsageError("report: missing RUN_DIR (see `modelcompare report --help`)");
  const std::filesystem::path dir = vm["run-dir"].as<std::string>();
  const auto store = store::RunStore::open(dir);
  report::write_run_exports(dir, store);
  telemetry::redraw_run_charts(dir);
  std::printf("rewrote %s/{results.jsonl,summary.json,report.md} from run.db\n", dir.c_str());
  return kSuccess;
}

}  // namespace modelcompare::cli
