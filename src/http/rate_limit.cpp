#include "http/rate_limit.hpp"

#include <algorithm>

namespace eiso::http {

bool RateLimiter::Allow(std::string_view key) {
  const core::Millis now = clock_.Now();
  std::lock_guard lock(mutex_);
  auto it = buckets_.find(std::string(key));
  if (it == buckets_.end()) {
    if (buckets_.size() >= options_.max_keys) Prune(now);
    it = buckets_.emplace(std::string(key), Bucket{options_.burst, now}).first;
  }
  Bucket& b = it->second;
  const double elapsed = static_cast<double>(std::max<core::Millis>(0, now - b.at)) / 1000.0;
  b.tokens = std::min(options_.burst, b.tokens + elapsed * options_.per_second);
  b.at = now;
  if (b.tokens < 1) return false;
  b.tokens -= 1;
  return true;
}

void RateLimiter::Prune(core::Millis now) {
  std::erase_if(buckets_, [&](const auto& entry) {
    const double elapsed = static_cast<double>(now - entry.second.at) / 1000.0;
    return entry.second.tokens + elapsed * options_.per_second >= options_.burst;
  });
  if (buckets_.size() >= options_.max_keys) buckets_.clear();   // a flood of distinct keys
}

}  // namespace eiso::http
