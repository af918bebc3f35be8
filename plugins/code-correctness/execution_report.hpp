// How one execution of an answer went, classified, with what the harness saw it draw.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

namespace modelcompare::code_correctness {

struct ExecutionReport {
  // ok        the code ran to its end
  // exited    it called sys.exit (exit_code says how)
  // exception it raised (error holds the last traceback line)
  // timeout   it outlived the wall-clock limit and was killed with everything it started
  // limit     a resource limit stopped it (limit: memory, cpu, file_size, processes, network)
  // killed    it died from a signal (signal)
  // no_report it ended without the harness's report (e.g. os._exit)
  // sandbox_error the sandbox or the interpreter could not run it (error says why)
  std::string status = "no_report";
  std::string limit;
  std::string error;
  int exit_code = 0;
  int signal = 0;
  double wall_ms = 0;
  std::string stdout_tail;
  std::string stderr_tail;
  nlohmann::json figures = nlohmann::json::array();
  std::string isolation;
  std::filesystem::path job_dir;
  // Where the time went, for the bench: moments of the job (seconds on CLOCK_MONOTONIC, named
  // by the host, the server and the harness) and the server's cpu_ms, reap_ms and prefork_ms.
  // Not scored.
  nlohmann::json timeline = nlohmann::json::object();

  bool ran() const { return status == "ok" || (status == "exited" && exit_code == 0); }
  nlohmann::json to_json() const;
};

// From the fork server's reply for a job and the harness's result.json (null when it wrote none).
ExecutionReport classify_execution(const nlohmann::json& reply, const nlohmann::json& result);

}  // namespace modelcompare::code_correctness
