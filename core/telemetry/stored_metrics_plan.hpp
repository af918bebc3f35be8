// The metrics plan of a finished run, rebuilt from the config run.db keeps (as written, with its
// ${VAR}s), expanded now from the environment and the .env beside the original config file.
#pragma once

#include "store/run_store.hpp"
#include "telemetry/server_metrics_fetch.hpp"

namespace modelcompare::telemetry {

// Throws std::runtime_error with one line (the run folder and the config key at fault), e.g. for
// a ${VAR} of a metrics entry that is not set. Without `with_metrics` only the deployments are
// read (what the local series needs), and nothing can fail over a metrics entry.
MetricsPlan stored_metrics_plan(const store::RunStore& store, bool with_metrics = true);

// The metrics plan of a loaded config (what `run` has at hand).
MetricsPlan metrics_plan(const config::Config& config);

}  // namespace modelcompare::telemetry
