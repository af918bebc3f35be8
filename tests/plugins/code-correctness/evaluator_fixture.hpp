// An evaluator on a TestHost with the real process sandbox, its fork server already started.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <string>

#include "code_correctness_evaluator.hpp"
#include "sandbox/process_sandbox.hpp"
#include "support/test_host.hpp"

namespace modelcompare::testing {

inline std::string fixture_path(const std::string& name) {
  return std::string(CODE_CORRECTNESS_FIXTURES) + "/" + name;
}

inline std::string read_fixture(const std::string& name) {
  return read_file(fixture_path(name));
}

inline bool python_has_matplotlib() {
  return std::system("/usr/bin/python3 -c 'import matplotlib' >/dev/null 2>&1") == 0;
}

class EvaluatorFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(python_has_matplotlib())
        << "these tests run answers with /usr/bin/python3 and need matplotlib there "
           "(.ci/install-deps installs python3-matplotlib)";
    host_.set_sandbox(sandbox_.get());
  }

  std::unique_ptr<code_correctness::CodeCorrectnessEvaluator> make(nlohmann::json options) {
    options["harness"] = CODE_CORRECTNESS_HARNESS;
    sdk::PluginContext context;
    context.instance_id = "code-correctness";
    context.options = options;
    context.base_dir = CODE_CORRECTNESS_FIXTURES;
    context.host = &host_;
    return std::make_unique<code_correctness::CodeCorrectnessEvaluator>(context);
  }

  sdk::EvaluationInput input(const std::string& response, const std::string& provider) {
    sdk::EvaluationInput in;
    in.provider_id = provider;
    in.scenario_id = "pie-chart-to-code";
    in.case_key = provider + "/0";
    in.response = response;
    in.artifacts_dir = artifacts_.path() / provider;
    return in;
  }

  std::unique_ptr<sdk::Sandbox> sandbox_ = sandbox::make_process_sandbox();
  TestHost host_;
  TempDir artifacts_{"code-correctness-artifacts"};
};

}  // namespace modelcompare::testing
