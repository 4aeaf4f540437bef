#include "http/metrics.hpp"

#include <cstdio>

namespace eiso::http {

void Metrics::Observe(int status, double seconds) {
  const int cls = status / 100;
  if (cls >= 1 && cls <= 5) by_class_[static_cast<std::size_t>(cls)].fetch_add(1, std::memory_order_relaxed);
  for (std::size_t i = 0; i < kBucketsSeconds.size(); ++i)
    if (seconds <= kBucketsSeconds[i]) buckets_[i].fetch_add(1, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
  sum_micros_.fetch_add(static_cast<std::uint64_t>(seconds * 1e6), std::memory_order_relaxed);
}

std::string Metrics::Render() const {
  std::string out;
  char line[160];
  out += "# HELP eiso_http_requests_total HTTP requests answered, by status class.\n";
  out += "# TYPE eiso_http_requests_total counter\n";
  for (int cls = 1; cls <= 5; ++cls) {
    std::snprintf(line, sizeof line, "eiso_http_requests_total{code=\"%dxx\"} %llu\n", cls,
                  static_cast<unsigned long long>(by_class_[static_cast<std::size_t>(cls)].load()));
    out += line;
  }
  out += "# HELP eiso_http_request_duration_seconds Time from a whole request read to its reply.\n";
  out += "# TYPE eiso_http_request_duration_seconds histogram\n";
  for (std::size_t i = 0; i < kBucketsSeconds.size(); ++i) {
    std::snprintf(line, sizeof line, "eiso_http_request_duration_seconds_bucket{le=\"%g\"} %llu\n",
                  kBucketsSeconds[i], static_cast<unsigned long long>(buckets_[i].load()));
    out += line;
  }
  const auto count = static_cast<unsigned long long>(count_.load());
  std::snprintf(line, sizeof line, "eiso_http_request_duration_seconds_bucket{le=\"+Inf\"} %llu\n", count);
  out += line;
  std::snprintf(line, sizeof line, "eiso_http_request_duration_seconds_sum %.6f\n",
                static_cast<double>(sum_micros_.load()) / 1e6);
  out += line;
  std::snprintf(line, sizeof line, "eiso_http_request_duration_seconds_count %llu\n", count);
  out += line;
  out += "# HELP eiso_http_connections_open Open client connections.\n# TYPE eiso_http_connections_open gauge\n";
  std::snprintf(line, sizeof line, "eiso_http_connections_open %lld\n",
                static_cast<long long>(connections_open_.load()));
  out += line;
  out += "# HELP eiso_http_connections_total Client connections accepted.\n# TYPE eiso_http_connections_total counter\n";
  std::snprintf(line, sizeof line, "eiso_http_connections_total %llu\n",
                static_cast<unsigned long long>(connections_total_.load()));
  out += line;
  return out;
}

}  // namespace eiso::http
