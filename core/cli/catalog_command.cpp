// Placeholder until the catalog verb lands (being written now); replaced by its owner.
#include "cli/cli_error.hpp"
#include "cli/commands.hpp"

namespace modelcompare::cli {

int catalog_command(const Arguments&) { throw UsageError("catalog: not available in this build yet"); }

}  // namespace modelcompare::cli
