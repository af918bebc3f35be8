#include "azure_cli_credential.hpp"

#include <cctype>

#include "child_process.hpp"
#include "token_response.hpp"

namespace modelcompare::azure_auth {
namespace {

// Scopes are URLs; anything else is refused before it reaches a command line.
bool safe_scope(const std::string& scope) {
  for (const unsigned char c : scope)
    if (!std::isalnum(c) &&
        std::string_view("-_./:").find(static_cast<char>(c)) == std::string_view::npos)
      return false;
  return !scope.empty();
}

std::string first_line(const std::string& text) {
  auto start = text.find_first_not_of(" \r\n\t");
  if (start == std::string::npos) return {};
  return text.substr(start, text.find_first_of("\r\n", start) - start);
}

}  // namespace

AzureCliCredential::AzureCliCredential(sdk::HostServices& host, std::string az_program,
                                       std::chrono::milliseconds timeout)
    : host_(host), az_program_(std::move(az_program)), timeout_(timeout) {}

boost::asio::awaitable<TokenOutcome> AzureCliCredential::get_token(const std::string& scope) {
  if (!safe_scope(scope))
    co_return TokenOutcome::failed("Azure CLI: refusing the scope '" + scope +
                                   "' (only letters, digits and -_./: are allowed)");
  std::vector<std::string> argv = {az_program_, "account", "get-access-token", "--output", "json",
                                   "--scope",   scope};
  const auto run = co_await run_child_process(std::move(argv), timeout_);
  if (!run.started)
    co_return TokenOutcome::not_here("Azure CLI not available (" + run.start_error + ")");
  if (run.timed_out)
    co_return TokenOutcome::failed("Azure CLI: az account get-access-token did not finish within " +
                                   std::to_string(timeout_.count()) + " ms");
  if (run.exit_code != 0) {
    const auto message = first_line(run.stderr_text);
    // Not signed in: the CLI does not apply here, like the SDKs treat it.
    if (message.find("az login") != std::string::npos)
      co_return TokenOutcome::not_here("Azure CLI is not signed in (" + message + ")");
    co_return TokenOutcome::failed("Azure CLI: az account get-access-token exited with " +
                                   std::to_string(run.exit_code) + ": " + message);
  }
  try {
    auto token = parse_cli_token(run.stdout_text);
    host_.register_secret(token.token);
    co_return TokenOutcome::ok(std::move(token));
  } catch (const std::exception& error) {
    co_return TokenOutcome::failed(std::string("Azure CLI: ") + error.what());
  }
}

}  // namespace modelcompare::azure_auth
