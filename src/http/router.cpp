#include "http/router.hpp"

#include <algorithm>

namespace eiso::http {
namespace {

std::vector<std::string> Split(std::string_view path) {
  std::vector<std::string> out;
  std::size_t start = 1;  // paths start with '/'
  while (start <= path.size()) {
    const std::size_t end = path.find('/', start);
    const std::size_t stop = end == std::string_view::npos ? path.size() : end;
    out.emplace_back(path.substr(start, stop - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

bool IsCapture(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

void Router::Add(Method method, std::string pattern, Access access, Handler handler) {
  Route route{method, pattern, access, std::move(handler), Split(pattern)};
  route.reads_only = method == Method::kGet;
  routes_.push_back(std::move(route));
}

void Router::PostRead(std::string pattern, Access access, Handler handler) {
  Add(Method::kPost, std::move(pattern), access, std::move(handler));
  routes_.back().reads_only = true;
}

void Router::Upload(std::string pattern, Access access, std::size_t max_body_bytes, Handler handler) {
  Add(Method::kPost, std::move(pattern), access, std::move(handler));
  routes_.back().max_body_bytes = max_body_bytes;
}

std::size_t Router::BodyLimit(Method method, const std::string& path, std::size_t fallback) const {
  Request probe;
  probe.method = method;
  probe.path = path;
  const Route* route = nullptr;
  if (Find(probe, route) != Outcome::kFound || route->max_body_bytes == 0) return fallback;
  return route->max_body_bytes;
}

bool Router::ReadsOnly(Method method, const std::string& path) const {
  Request probe;
  probe.method = method;
  probe.path = path;
  const Route* route = nullptr;
  return Find(probe, route) != Outcome::kFound || route->reads_only;
}

std::size_t Router::LargestBodyLimit(std::size_t fallback) const {
  std::size_t largest = fallback;
  for (const Route& route : routes_) largest = std::max(largest, route.max_body_bytes);
  return largest;
}

Router::Outcome Router::Find(Request& request, const Route*& found) const {
  const std::vector<std::string> parts = Split(request.path);
  const Method wanted = request.method == Method::kHead ? Method::kGet : request.method;
  Outcome outcome = Outcome::kNoPath;
  for (const Route& route : routes_) {
    if (route.segments.size() != parts.size()) continue;
    std::vector<std::pair<std::string, std::string>> params;
    bool match = true;
    for (std::size_t i = 0; i < parts.size() && match; ++i) {
      if (IsCapture(route.segments[i])) {
        if (parts[i].empty()) match = false;
        else params.emplace_back(route.segments[i].substr(1, route.segments[i].size() - 2), parts[i]);
      } else if (route.segments[i] != parts[i]) {
        match = false;
      }
    }
    if (!match) continue;
    if (route.method != wanted) {
      outcome = Outcome::kWrongMethod;
      continue;
    }
    request.path_params = std::move(params);
    found = &route;
    return Outcome::kFound;
  }
  return outcome;
}

}  // namespace eiso::http
