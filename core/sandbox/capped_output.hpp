// Keeps the head and the tail of a stream up to a byte budget and counts what it dropped.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace modelcompare::sandbox {

class CappedOutput {
 public:
  explicit CappedOutput(std::size_t cap) : cap_(cap) {}

  void append(std::string_view data);
  bool truncated() const { return dropped_ > 0; }
  std::size_t dropped() const { return dropped_; }
  // Head and tail joined by a line saying how much was dropped.
  std::string text() const;
  // The last `cap` bytes seen (for a live process's stderr).
  const std::string& tail() const { return tail_; }

 private:
  std::size_t cap_;
  std::string head_;
  std::string tail_;
  std::size_t dropped_ = 0;
};

}  // namespace modelcompare::sandbox
