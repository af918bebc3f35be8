// The code-correctness evaluator: runs each answer's code in the host's sandbox (through a fork
// server) and scores the chart it draws against an expectation file.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "execution_limits.hpp"
#include "expectation.hpp"
#include "fork_server.hpp"
#include "modelcompare/sdk/evaluator.hpp"
#include "modelcompare/sdk/host_services.hpp"

namespace modelcompare::code_correctness {

class CodeCorrectnessEvaluator : public sdk::Evaluator {
 public:
  // Options: expect, provider, python, harness, timeout_seconds, cpu_seconds, memory_mb,
  // file_size_mb, processes. Throws sdk::PluginError naming the option at fault.
  explicit CodeCorrectnessEvaluator(const sdk::PluginContext& context);
  ~CodeCorrectnessEvaluator() override;

  sdk::EvaluationResult evaluate(const sdk::EvaluationInput& input) override;

  // The server, started on first use (exposed for tests and the bench).
  ForkServer& server();

 private:
  sdk::HostServices* host_;
  std::optional<Expectation> expectation_;
  std::string provider_override_;
  std::filesystem::path harness_;
  std::vector<std::filesystem::path> pythons_;
  std::string python_source_;
  ExecutionLimits limits_;
  std::mutex start_mutex_;
  std::unique_ptr<ForkServer> server_;
};

}  // namespace modelcompare::code_correctness
