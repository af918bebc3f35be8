#include "execution_report.hpp"

#include <signal.h>
#include <string.h>

namespace modelcompare::code_correctness {
namespace {

constexpr int kFileTooLarge = 27;         // EFBIG
constexpr int kTryAgain = 11;             // EAGAIN: fork refused by RLIMIT_NPROC
constexpr int kNetworkUnreachable = 101;  // ENETUNREACH: no network in the sandbox

void set_limit(ExecutionReport& report, const std::string& limit, const std::string& why) {
  report.status = "limit";
  report.limit = limit;
  if (report.error.empty()) report.error = why;
}

}  // namespace

ExecutionReport classify_execution(const nlohmann::json& reply, const nlohmann::json& result) {
  ExecutionReport report;
  report.wall_ms = reply.value("wall_ms", 0.0);
  if (reply.value("timed_out", false)) {
    report.status = "timeout";
    report.error = "killed at the wall-clock limit";
  } else if (reply.contains("signal")) {
    report.signal = reply["signal"].get<int>();
    if (report.signal == SIGXCPU) {
      set_limit(report, "cpu", "CPU time limit exceeded");
    } else if (report.signal == SIGXFSZ) {
      set_limit(report, "file_size", "file size limit exceeded");
    } else {
      report.status = "killed";
      report.error = std::string("killed by signal ") + std::to_string(report.signal) + " (" +
                     sigabbrev_np(report.signal) + ")";
    }
  } else if (result.is_object()) {
    report.status = result.value("status", "no_report");
    report.exit_code = result.value("exit_code", 0);
    report.error = result.value("error", "");
    if (report.status == "exited" && report.exit_code != 0 && report.error.empty())
      report.error = "sys.exit(" + std::to_string(report.exit_code) + ")";
    if (report.status == "exception") {
      const auto type = result.value("exception", "");
      const int err = result.value("errno", 0);
      if (type == "MemoryError") set_limit(report, "memory", "MemoryError");
      if (err == kFileTooLarge) set_limit(report, "file_size", report.error);
      if (err == kTryAgain &&
          report.error.find("Resource temporarily unavailable") != std::string::npos)
        set_limit(report, "processes", report.error);
      if (err == kNetworkUnreachable) set_limit(report, "network", report.error);
    }
  } else {
    report.status = "no_report";
    report.exit_code = reply.value("exit_code", 0);
    report.error = "the program ended (exit code " + std::to_string(report.exit_code) +
                   ") without the harness's report";
  }
  if (result.is_object() && result.contains("figures") && result["figures"].is_array())
    report.figures = result["figures"];
  for (const auto* source : {&reply, &result})
    if (source->is_object() && source->contains("timeline") && (*source)["timeline"].is_object())
      report.timeline.update((*source)["timeline"]);
  for (const char* key : {"cpu_ms", "reap_ms", "prefork_ms"})
    if (reply.contains(key) && reply[key].is_number()) report.timeline[key] = reply[key];
  return report;
}

nlohmann::json ExecutionReport::to_json() const {
  nlohmann::json out = {{"status", status}, {"wall_ms", wall_ms}, {"isolation", isolation}};
  if (!limit.empty()) out["limit"] = limit;
  if (!error.empty()) out["error"] = error;
  if (status == "exited" || status == "no_report") out["exit_code"] = exit_code;
  if (signal) out["signal"] = signal;
  out["stdout_tail"] = stdout_tail;
  out["stderr_tail"] = stderr_tail;
  return out;
}

}  // namespace modelcompare::code_correctness
