#include "run/run_log.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <mutex>
#include <stdexcept>

#include "plugins/secret_redactor.hpp"

namespace modelcompare::run {
namespace {

// Masks secrets in the formatted line, then hands it to the real sink.
class RedactingSink : public spdlog::sinks::base_sink<std::mutex> {
 public:
  explicit RedactingSink(spdlog::sink_ptr inner) : inner_(std::move(inner)) {}

 protected:
  void sink_it_(const spdlog::details::log_msg& message) override {
    const std::string clean = plugins::global_redactor().redact(
        std::string_view(message.payload.data(), message.payload.size()));
    spdlog::details::log_msg copy(message.time, message.source, message.logger_name, message.level,
                                  clean);
    inner_->log(copy);
  }
  void flush_() override { inner_->flush(); }

 private:
  spdlog::sink_ptr inner_;
};

std::shared_ptr<spdlog::logger> logger() {
  static auto instance = [] {
    auto log = std::make_shared<spdlog::logger>("modelcompare");
    log->set_level(spdlog::level::trace);
    log->flush_on(spdlog::level::warn);
    spdlog::set_default_logger(log);
    return log;
  }();
  return instance;
}

}  // namespace

void install_console_log(const std::string& level) {
  const auto parsed = spdlog::level::from_str(level);
  if (parsed == spdlog::level::off && level != "off")
    throw std::invalid_argument("--log-level " + level +
                                ": expected trace, debug, info, warn, error or off");
  auto stderr_sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  stderr_sink->set_pattern("%^%l%$: %v");
  auto sink = std::make_shared<RedactingSink>(stderr_sink);
  sink->set_level(parsed);
  auto log = logger();
  log->sinks().clear();
  log->sinks().push_back(sink);
}

void attach_run_log(const std::filesystem::path& run_dir) {
  auto file_sink =
      std::make_shared<spdlog::sinks::basic_file_sink_mt>((run_dir / "run.log").string());
  file_sink->set_formatter(std::make_unique<spdlog::pattern_formatter>(
      "%Y-%m-%dT%H:%M:%S.%eZ %l %v", spdlog::pattern_time_type::utc));
  auto sink = std::make_shared<RedactingSink>(file_sink);
  sink->set_level(spdlog::level::debug);
  logger()->sinks().push_back(sink);
  logger()->flush_on(spdlog::level::info);
}

}  // namespace modelcompare::run
