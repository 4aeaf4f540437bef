#include "http/rate_limit.hpp"

#include <gtest/gtest.h>

namespace eiso::http {
namespace {

TEST(RateLimiter, AllowsABurstThenRefillsPerKey) {
  core::FakeClock clock(1'000'000);
  RateLimiter limiter(clock, {.per_second = 2, .burst = 3, .max_keys = 10});
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.Allow("10.0.0.1")) << i;
  EXPECT_FALSE(limiter.Allow("10.0.0.1"));
  EXPECT_TRUE(limiter.Allow("10.0.0.2"));   // another client has its own bucket
  clock.Advance(500);                         // one token back
  EXPECT_TRUE(limiter.Allow("10.0.0.1"));
  EXPECT_FALSE(limiter.Allow("10.0.0.1"));
  clock.Advance(60'000);                      // never more than the burst
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.Allow("10.0.0.1")) << i;
  EXPECT_FALSE(limiter.Allow("10.0.0.1"));
}

TEST(RateLimiter, ForgetsFullBucketsWhenFull) {
  core::FakeClock clock(0);
  RateLimiter limiter(clock, {.per_second = 1, .burst = 1, .max_keys = 2});
  EXPECT_TRUE(limiter.Allow("a"));
  EXPECT_TRUE(limiter.Allow("b"));
  clock.Advance(5'000);
  EXPECT_TRUE(limiter.Allow("c"));   // a and b refilled: forgotten to make room
  EXPECT_FALSE(limiter.Allow("c"));
}

}  // namespace
}  // namespace eiso::http
