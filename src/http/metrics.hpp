// Request counters and a latency histogram, rendered in the Prometheus text format at /metrics.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string>

namespace eiso::http {

class Metrics {
 public:
  static constexpr std::array<double, 10> kBucketsSeconds{0.0005, 0.001, 0.0025, 0.005, 0.01,
                                                          0.025, 0.05, 0.1, 0.5, 2.5};
  void Observe(int status, double seconds);
  void ConnectionOpened() { ++connections_open_; ++connections_total_; }
  void ConnectionClosed() { --connections_open_; }
  std::string Render() const;

 private:
  std::array<std::atomic<std::uint64_t>, 6> by_class_{};  // index = status / 100 (0 unused)
  std::array<std::atomic<std::uint64_t>, kBucketsSeconds.size()> buckets_{};
  std::atomic<std::uint64_t> count_{0};
  std::atomic<std::uint64_t> sum_micros_{0};
  std::atomic<std::int64_t> connections_open_{0};
  std::atomic<std::uint64_t> connections_total_{0};
};

}  // namespace eiso::http
