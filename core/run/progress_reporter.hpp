// Shows how a run goes: on a terminal one line redrawn in place (done/total, failures, elapsed,
// ETA); otherwise a plain line every few seconds, so logs of CI jobs stay readable.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <string>

namespace modelcompare::run {

class ProgressReporter {
 public:
  ProgressReporter(std::FILE* out, std::size_t total, bool interactive);

  void case_finished(bool failed);
  void set_note(std::string note);  // e.g. "interrupted: finishing requests in flight"
  void finish();                    // the last line, always printed

  std::size_t done() const { return done_; }
  std::size_t failed() const { return failed_; }

  static bool stream_is_terminal(std::FILE* out);

 private:
  void draw(bool force);
  std::string line() const;

  std::FILE* out_;
  std::size_t total_;
  bool interactive_;
  std::size_t done_ = 0;
  std::size_t failed_ = 0;
  std::size_t drawn_done_ = 0;
  std::string note_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace modelcompare::run
