#include "run/progress_reporter.hpp"

#include <unistd.h>

namespace modelcompare::run {
namespace {

std::string clock_text(std::chrono::seconds s) {
  char buffer[32];
  const long long total = s.count();
  if (total >= 3600)
    std::snprintf(buffer, sizeof buffer, "%lldh%02lldm", total / 3600, total % 3600 / 60);
  else
    std::snprintf(buffer, sizeof buffer, "%lldm%02llds", total / 60, total % 60);
  return buffer;
}

}  // namespace

ProgressReporter::ProgressReporter(std::FILE* out, std::size_t total, bool interactive)
    : out_(out), total_(total), interactive_(interactive) {}

bool ProgressReporter::stream_is_terminal(std::FILE* out) {
  return isatty(fileno(out)) == 1;
}

void ProgressReporter::case_finished(bool failed) {
  ++done_;
  if (failed) ++failed_;
  draw(false);
}

void ProgressReporter::set_note(std::string note) {
  note_ = std::move(note);
  draw(true);
}

std::string ProgressReporter::line() const {
  using namespace std::chrono;
  const auto elapsed = duration_cast<seconds>(steady_clock::now() - start_);
  std::string eta = "--";
  if (done_ > 0 && done_ < total_) {
    const double per_case = duration<double>(steady_clock::now() - start_).count() / double(done_);
    eta = clock_text(seconds(static_cast<long long>(per_case * double(total_ - done_))));
  } else if (done_ >= total_) {
    eta = "0m00s";
  }
  char buffer[200];
  std::snprintf(buffer, sizeof buffer, "%zu/%zu cases, %zu failed, %s elapsed, ETA %s", done_,
                total_, failed_, clock_text(elapsed).c_str(), eta.c_str());
  std::string text = buffer;
  if (!note_.empty()) text += " (" + note_ + ")";
  return text;
}

void ProgressReporter::draw(bool force) {
  using namespace std::chrono;
  const auto now = steady_clock::now();
  const auto gap = interactive_ ? milliseconds(100) : milliseconds(5000);
  if (!force && now - last_draw_ < gap && done_ != total_) return;
  last_draw_ = now;
  drawn_done_ = done_;
  if (interactive_)
    std::fprintf(out_, "\r\033[K%s", line().c_str());
  else
    std::fprintf(out_, "progress: %s\n", line().c_str());
  std::fflush(out_);
}

void ProgressReporter::finish() {
  if (!interactive_ && drawn_done_ == done_ && done_ > 0) return;  // already the last line
  if (interactive_)
    std::fprintf(out_, "\r\033[K%s\n", line().c_str());
  else
    std::fprintf(out_, "progress: %s\n", line().c_str());
  std::fflush(out_);
}

}  // namespace modelcompare::run
