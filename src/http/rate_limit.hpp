// A per-key token bucket in this process's memory, for the public endpoints (key: the client's
// address). Each key holds up to `burst` tokens, refilled at `per_second`; a request takes one.
// Counters are per process: behind a load balancer each eiso process limits on its own, which
// bounds abuse without a database write per public read. Thread-safe.
#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/clock.hpp"

namespace eiso::http {

class RateLimiter {
 public:
  struct Options {
    double per_second = 5;
    double burst = 30;
    std::size_t max_keys = 100'000;   // beyond it, full buckets are forgotten
  };
  RateLimiter(const core::Clock& clock, Options options) : clock_(clock), options_(options) {}

  // Takes a token for `key`; false when it has none left.
  bool Allow(std::string_view key);

 private:
  struct Bucket {
    double tokens = 0;
    core::Millis at = 0;
  };
  void Prune(core::Millis now);

  const core::Clock& clock_;
  const Options options_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace eiso::http
