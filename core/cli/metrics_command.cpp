// Placeholder until the metrics verb lands (being written now); replaced by its owner.
#include "cli/cli_error.hpp"
#include "cli/commands.hpp"

namespace modelcompare::cli {

int metrics_command(const Arguments&) { throw UsageError("metrics: not available in this build yet"); }

}  // namespace modelcompare::cli
