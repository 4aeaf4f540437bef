// The route table: method + path pattern ("/api/agencies/{id}") → access rule + handler.
// Handlers parse, call a service and serialize; rules stay in the services.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "http/message.hpp"

namespace eiso::http {

enum class Access {
  kPublic,         // no session needed (portal, health, login)
  kAuthenticated,  // a valid session; writes also need the CSRF token. Roles are the service's call.
};

using Handler = std::function<Result<Reply>(Request&)>;

struct Route {
  Method method;
  std::string pattern;
  Access access;
  Handler handler;
  std::vector<std::string> segments;  // pattern split on '/'; "{name}" segments capture
  std::size_t max_body_bytes = 0;     // 0: the server's limit (JSON); uploads set their own
  bool reads_only = false;            // GET, or a POST registered with PostRead: the read pool runs it
};

class Router {
 public:
  void Add(Method method, std::string pattern, Access access, Handler handler);
  void Get(std::string p, Access a, Handler h) { Add(Method::kGet, std::move(p), a, std::move(h)); }
  void Post(std::string p, Access a, Handler h) { Add(Method::kPost, std::move(p), a, std::move(h)); }
  void Put(std::string p, Access a, Handler h) { Add(Method::kPut, std::move(p), a, std::move(h)); }
  void Patch(std::string p, Access a, Handler h) { Add(Method::kPatch, std::move(p), a, std::move(h)); }
  void Delete(std::string p, Access a, Handler h) { Add(Method::kDelete, std::move(p), a, std::move(h)); }
  // A POST that only reads (its body carries what must not be in a URL, e.g. a lookup secret):
  // run on the read pool like a GET.
  void PostRead(std::string p, Access a, Handler h);
  // A POST whose raw body (a file) may be up to max_body_bytes, above the server's JSON limit.
  void Upload(std::string p, Access a, std::size_t max_body_bytes, Handler h);
  // The body limit for a request line: the matching route's own, or `fallback`.
  std::size_t BodyLimit(Method method, const std::string& path, std::size_t fallback) const;
  std::size_t LargestBodyLimit(std::size_t fallback) const;
  // Whether the request line names a route that only reads (unknown paths too: they get 404).
  bool ReadsOnly(Method method, const std::string& path) const;

  enum class Outcome { kFound, kNoPath, kWrongMethod };
  // Finds the route for method + path, filling request.path_params. HEAD matches GET routes.
  Outcome Find(Request& request, const Route*& route) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace eiso::http
