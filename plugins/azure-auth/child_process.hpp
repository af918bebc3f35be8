// Runs a helper program (the Azure CLI) without blocking the io_context: its output is read
// asynchronously and it is killed when it overruns its time.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <string>
#include <vector>

namespace modelcompare::azure_auth {

struct ChildResult {
  bool started = false;
  std::string start_error;  // why it could not start (e.g. not found on PATH)
  bool timed_out = false;
  int exit_code = -1;
  std::string stdout_text;
  std::string stderr_text;
};

// argv[0] is looked up on PATH. The child inherits the environment.
boost::asio::awaitable<ChildResult> run_child_process(std::vector<std::string> argv,
                                                      std::chrono::milliseconds timeout);

}  // namespace modelcompare::azure_auth
