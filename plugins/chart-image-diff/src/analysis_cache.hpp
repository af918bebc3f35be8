// The analyses of pictures an evaluator has already read, keyed by the file's content (its
// bytes, not its path): a run analyses the reference — OCR included — once, and a picture byte
// for byte equal to one seen before (the reference itself, an answer drawn again by the same
// code) is not analysed again.
#pragma once

#include <cstddef>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <vector>

#include "chart_features.hpp"
#include "image_file.hpp"

namespace modelcompare::chart_image_diff {

class AnalysisCache {
 public:
  // Keeps the `capacity` most recently used analyses besides the pinned ones.
  explicit AnalysisCache(std::size_t capacity);

  // The analysis of `file`'s bytes: a kept one, else `analyse(file)`, which is then kept —
  // for the cache's lifetime when `pin` (the reference). Safe to call from several threads;
  // `analyse` runs outside the lock.
  std::shared_ptr<const ChartFeatures> get(
      const ImageFile& file, const std::function<ChartFeatures(const ImageFile&)>& analyse,
      bool pin = false);

  std::size_t hits() const;
  std::size_t size() const;

 private:
  struct Entry {
    std::size_t hash = 0;
    std::vector<unsigned char> bytes;
    std::shared_ptr<const ChartFeatures> features;
    bool pinned = false;
  };

  std::shared_ptr<const ChartFeatures> find(std::size_t hash, const ImageFile& file);

  std::size_t capacity_;
  mutable std::mutex mutex_;
  std::list<Entry> entries_;  // most recently used first
  std::size_t hits_ = 0;
};

}  // namespace modelcompare::chart_image_diff
