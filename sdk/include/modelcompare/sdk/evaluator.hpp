// An evaluator scores one answer. It runs on a worker thread, never on the network thread, so it
// may block (run a sandbox, decode images).
#pragma once

#include "modelcompare/sdk/evaluation.hpp"
#include "modelcompare/sdk/plugin.hpp"

namespace modelcompare::sdk {

class MODELCOMPARE_VISIBLE Evaluator : public Plugin {
 public:
  // May be called from several threads at once. A thrown PluginError fails this evaluation with
  // its message; the run goes on.
  virtual EvaluationResult evaluate(const EvaluationInput& input) = 0;
};

}  // namespace modelcompare::sdk
