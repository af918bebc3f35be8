#include <exception>
#include <optional>
#include <string>
#include <typeinfo>

#include "config/config_loader.hpp"
#include "fuzz_entry.hpp"
#include "scratch_file.hpp"

namespace modelcompare::fuzz {

void config_loader_one_input(const std::uint8_t* data, std::size_t size) {
  const auto file = write_scratch_file("config.json", data, size);
  config::LoadOptions options;
  // A fixed environment: the process's own must not change what an input does.
  options.environment = [](const std::string& name) -> std::optional<std::string> {
    if (name == "FUZZ_API_KEY") return "secret-value";
    if (name == "FUZZ_NAME") return "gpt-4o";
    return std::nullopt;
  };
  options.on_secret = [](const std::string&) {};
  try {
    config::load_config(file, options);
  } catch (const config::ConfigError& e) {
    // Expected: a bad config. Its message must name the file.
    if (std::string(e.what()).find(file.string()) == std::string::npos) {
      report_finding(std::string("ConfigError without the file name: ") + e.what());
    }
  } catch (const std::exception& e) {
    report_finding(std::string("load_config let ") + typeid(e).name() + " escape: " + e.what());
  } catch (...) {
    report_finding("load_config threw a non-std exception");
  }
}

}  // namespace modelcompare::fuzz
