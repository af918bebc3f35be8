#include "sandbox/capped_output.hpp"

namespace modelcompare::sandbox {

void CappedOutput::append(std::string_view data) {
  const std::size_t head_cap = cap_ / 2;
  if (head_.size() < head_cap) {
    const auto take = std::min(head_cap - head_.size(), data.size());
    head_.append(data.substr(0, take));
    data.remove_prefix(take);
  }
  if (data.empty()) return;
  const std::size_t tail_cap = cap_ - head_cap;
  tail_.append(data);
  if (tail_.size() > tail_cap) {
    const auto excess = tail_.size() - tail_cap;
    dropped_ += excess;
    tail_.erase(0, excess);
  }
}

std::string CappedOutput::text() const {
  if (dropped_ == 0) return head_ + tail_;
  return head_ + "\n[... " + std::to_string(dropped_) + " bytes dropped ...]\n" + tail_;
}

}  // namespace modelcompare::sandbox
