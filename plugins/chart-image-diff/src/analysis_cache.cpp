#include "analysis_cache.hpp"

#include <algorithm>
#include <iterator>
#include <string_view>

namespace modelcompare::chart_image_diff {
namespace {

std::size_t content_hash(const std::vector<unsigned char>& bytes) {
  return std::hash<std::string_view>{}(
      std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

}  // namespace

AnalysisCache::AnalysisCache(std::size_t capacity) : capacity_(capacity) {}

std::shared_ptr<const ChartFeatures> AnalysisCache::find(std::size_t hash, const ImageFile& file) {
  for (auto entry = entries_.begin(); entry != entries_.end(); ++entry) {
    // The whole content is compared: a hash collision must not return another picture's reading.
    if (entry->hash == hash && entry->bytes == file.bytes) {
      entries_.splice(entries_.begin(), entries_, entry);
      ++hits_;
      return entries_.front().features;
    }
  }
  return nullptr;
}

std::shared_ptr<const ChartFeatures> AnalysisCache::get(
    const ImageFile& file, const std::function<ChartFeatures(const ImageFile&)>& analyse,
    bool pin) {
  const std::size_t hash = content_hash(file.bytes);
  {
    std::lock_guard lock(mutex_);
    if (auto kept = find(hash, file)) return kept;
  }
  auto features = std::make_shared<const ChartFeatures>(analyse(file));
  std::lock_guard lock(mutex_);
  if (auto kept = find(hash, file)) return kept;  // another thread analysed it meanwhile
  entries_.push_front({hash, file.bytes, features, pin});
  const auto unpinned = [](const Entry& e) { return !e.pinned; };
  if (static_cast<std::size_t>(std::count_if(entries_.begin(), entries_.end(), unpinned)) >
      capacity_) {
    // The least recently used unpinned entry goes.
    const auto last = std::find_if(entries_.rbegin(), entries_.rend(), unpinned);
    entries_.erase(std::next(last).base());
  }
  return features;
}

std::size_t AnalysisCache::hits() const {
  std::lock_guard lock(mutex_);
  return hits_;
}

std::size_t AnalysisCache::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace modelcompare::chart_image_diff
