// One gnuplot process kept for the life of modelcompare and fed chart scripts one batch at a time.
// Starting gnuplot and loading its cairo fonts costs more than drawing a chart (about 0.13 s
// against 0.05 s a PNG), so a run starts it ahead (warm_up) while it sends its requests, and the
// charts at its end only draw. When the session cannot be used (gnuplot missing, crashed, hung),
// run() says so and the caller runs gnuplot once for its batch, as before.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace modelcompare::charts {

// Starts the session in the background (gnuplot from the GNUPLOT env var, else PATH), with the
// PNG and SVG terminals' fonts loaded, without waiting for it. Does nothing when it runs already.
void warm_up_gnuplot();

// Tells the session that no batch follows for now: gnuplot reads the end of its input and exits
// while the caller goes on, instead of at modelcompare's exit, where it would be waited for. A
// later batch starts a new session.
void end_gnuplot_session();

// Sends the gnuplot script `script` to the session and returns without waiting: a batch number
// for finish_in_gnuplot_session, or 0 when the session is unusable (the caller runs its own
// gnuplot).
long start_in_gnuplot_session(const std::filesystem::path& script);

// Waits for batch `batch`. Nothing when the session died meanwhile; else whether every command of
// the script ran, and what gnuplot printed on stderr meanwhile.
struct SessionResult {
  bool completed = false;
  std::string errors;
};
std::optional<SessionResult> finish_in_gnuplot_session(long batch);

}  // namespace modelcompare::charts
