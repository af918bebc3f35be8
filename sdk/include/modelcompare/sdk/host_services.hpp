// The services the host lends a plugin. Plugins never create their own threads or event loops:
// asynchronous work runs on io_context(), blocking work belongs in an evaluator.
#pragma once

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "modelcompare/sdk/abi.hpp"
#include "modelcompare/sdk/http.hpp"
#include "modelcompare/sdk/logger.hpp"
#include "modelcompare/sdk/sandbox.hpp"

namespace modelcompare::sdk {

class Provider;

class MODELCOMPARE_VISIBLE HostServices {
 public:
  virtual ~HostServices() = default;

  virtual Logger& logger() = 0;
  virtual boost::asio::io_context& io_context() = 0;
  virtual HttpClient& http() = 0;
  virtual Sandbox& sandbox() = 0;

  // Looks a secret or setting up in the environment and the .env beside the config. A value
  // returned here is masked from then on in every log line, error, report and the run store.
  virtual std::optional<std::string> secret(std::string_view name) = 0;
  // Masks a value obtained another way (e.g. an access token fetched at run time).
  virtual void register_secret(std::string_view value) = 0;

  // A folder private to this run and plugin, removed or kept with the run as the host decides.
  virtual std::filesystem::path scratch_dir() = 0;

  virtual std::chrono::system_clock::time_point now() { return std::chrono::system_clock::now(); }

  // The run's provider with this id in the config (e.g. a judge for an evaluator), or nullptr:
  // outside a run, or no such provider. It lives as long as the host. Its complete() runs on
  // io_context(): from an evaluator's worker thread, co_spawn it there and wait on a future;
  // never call it on, or run, the io_context yourself. Its tokens are not the run's.
  virtual Provider* provider(std::string_view /*id*/) { return nullptr; }
};

}  // namespace modelcompare::sdk
