#include "cli/cli_error.hpp"

namespace modelcompare::cli {

po::variables_map parse_arguments(const std::string& verb, const std::vector<std::string>& args,
                                  const po::options_description& options,
                                  const po::positional_options_description& positional) {
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(options).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError(verb + ": " + e.what() + " (see `modelcompare " + verb + " --help`)");
  }
  return vm;
}

void add_plugin_dir_option(po::options_description& options) {
  options.add_options()("plugin-dir", po::value<std::vector<std::string>>()->composing(),
                        "also look for plugins in DIR (repeatable; searched before "
                        "MODELCOMPARE_PLUGIN_PATH and the bundled plugin folder)");
}

std::vector<std::string> plugin_dirs(const po::variables_map& vm) {
  return vm.count("plugin-dir") ? vm["plugin-dir"].as<std::vector<std::string>>()
                                : std::vector<std::string>{};
}

}  // namespace modelcompare::cli
