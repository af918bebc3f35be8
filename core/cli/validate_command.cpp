#include <cstdio>
#include <iostream>

#include "cli/cli_error.hpp"
#include "cli/commands.hpp"
#include "run/comparison_run.hpp"

namespace modelcompare::cli {

int validate_command(const Arguments& args) {
  po::options_description options(
      "usage: modelcompare validate CONFIG [options]\n\n"
      "Checks the config (JSON, keys, types, ${VAR}s, ids), that every plugin it names is found,\n"
      "that each plugin accepts its options, and that referenced files can be read. Sends\n"
      "nothing and writes nothing. Exit 0 when valid, 2 with one line naming the fault.\n\n"
      "options");
  options.add_options()("help,h", "show this help")("config", po::value<std::string>(),
                                                    "the config file");
  add_plugin_dir_option(options);
  po::positional_options_description positional;
  positional.add("config", 1);
  const auto vm = parse_arguments("validate", args, options, positional);
  if (vm.count("help")) {
    std::cout << options << "\n";
    return kSuccess;
  }
  if (!vm.count("config"))
    throw UsageError("validate: missing CONFIG (see `modelcompare validate --help`)");
  run::RunRequest request;
  request.config_file = vm["config"].as<std::string>();
  for (const auto& dir : plugin_dirs(vm)) request.plugin_dirs.emplace_back(dir);
  const auto prepared = run::prepare_run(request);
  const auto& config = prepared.config();
  std::printf("%s: ok — %zu providers, %zu scenarios, %zu conversations, %zu cases\n",
              config.source.c_str(), config.providers.size(), config.scenarios.size(),
              prepared.conversation_count(), prepared.case_count());
  return kSuccess;
}

}  // namespace modelcompare::cli
