// modelcompare: compare language models on your own use case. See `modelcompare --help`.
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

#include "cli/cli_error.hpp"
#include "cli/commands.hpp"
#include "plugins/secret_redactor.hpp"
#include "run/run_log.hpp"

namespace {

constexpr const char* kUsage = R"(usage: modelcompare [--log-level LEVEL] VERB [ARGS]

Compare language models on your own use case: the same prompts sent to several models, every
answer scored by evaluator plugins, tokens, latency and cost measured, and a report.

verbs:
  run CONFIG        send every scenario to every provider, evaluate, write a run folder
  validate CONFIG   check the config, its plugins and referenced files; no network
  plugins           list every plugin found (kind, name, version, ABI, path) or why it was refused
  evaluate PLUGIN   score one candidate file with an evaluator plugin
  report RUN_DIR    rebuild results.jsonl, summary.json and report.md from a run's run.db
  catalog           list, show and compare the models of the catalog (prices, benchmarks)
  metrics RUN_DIR   chart tokens and requests per minute per model, ours or the server's
  merge RUN_DIR...  join the run folders of one comparison's shards (run --shard K/N)

options:
  --log-level LEVEL  trace, debug, info, warn, error or off (default: info); a run also logs
                     at debug level to run.log in its folder
  --version          print the version
  -h, --help         this help; `modelcompare VERB --help` explains a verb

exit codes: 0 success, 1 the run finished but some cases failed, 2 bad usage, config or input.
Plugins are found in --plugin-dir folders, MODELCOMPARE_PLUGIN_PATH (colon-separated) and the
plugin folder of the build or install tree.
)";

}  // namespace

int main(int argc, char** argv) {
  using namespace modelcompare;
  std::vector<std::string> args(argv + 1, argv + argc);
  std::string log_level = "info";
  while (!args.empty() && args[0].rfind("--", 0) == 0) {
    if (args[0] == "--help") {
      std::fputs(kUsage, stdout);
      return cli::kSuccess;
    }
    if (args[0] == "--version") {
      std::printf("modelcompare %s\n", MODELCOMPARE_VERSION);
      return cli::kSuccess;
    }
    if (args[0] == "--log-level" && args.size() >= 2) {
      log_level = args[1];
      args.erase(args.begin(), args.begin() + 2);
      continue;
    }
    if (args[0].rfind("--log-level=", 0) == 0) {
      log_level = args[0].substr(12);
      args.erase(args.begin());
      continue;
    }
    std::fprintf(stderr, "modelcompare: unknown option %s (see modelcompare --help)\n",
                 args[0].c_str());
    return cli::kBadInput;
  }
  if (args.empty() || args[0] == "-h" || args[0] == "help") {
    std::fputs(kUsage, args.empty() ? stderr : stdout);
    return args.empty() ? cli::kBadInput : cli::kSuccess;
  }
  const std::string verb = args[0];
  args.erase(args.begin());
  try {
    run::install_console_log(log_level);
    if (verb == "run") return cli::run_command(args);
    if (verb == "validate") return cli::validate_command(args);
    if (verb == "plugins") return cli::plugins_command(args);
    if (verb == "evaluate") return cli::evaluate_command(args);
    if (verb == "report") return cli::report_command(args);
    if (verb == "catalog") return cli::catalog_command(args);
    if (verb == "metrics") return cli::metrics_command(args);
    if (verb == "merge") return cli::merge_command(args);
    throw cli::UsageError(
        "unknown verb '" + verb +
        "'; expected run, validate, plugins, evaluate, report, catalog, metrics or merge");
  } catch (const std::exception& e) {
    // Usage, config and input errors alike: one line, exit 2 (a run that started returns 0/1).
    std::fprintf(stderr, "modelcompare: %s\n", plugins::global_redactor().redact(e.what()).c_str());
    return cli::kBadInput;
  }
}
