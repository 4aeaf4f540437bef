#include "org/routes.hpp"

#include <memory>
#include <mutex>

#include "core/json.hpp"
#include "org/json.hpp"

namespace eiso::org {

using http::Access;
using http::Reply;
using http::Request;

namespace {

// The agency directory is the same for every signed-in user and changes rarely, while every page
// of the UI asks for it: its serialized form is kept until the directory's stamp changes.
class DirectoryCache {
 public:
  Result<Reply> Get(const Service& org, const Request& req) {
    const bool include_inactive = req.Query("include_inactive") == "true";
    EISO_TRY(stamp, org.DirectoryStamp());
    Entry entry;
    {
      std::lock_guard lock(mutex_);
      entry = entries_[include_inactive];
    }
    if (entry.stamp != stamp) {
      EISO_TRY(agencies, org.List(req.actor, include_inactive));
      nlohmann::json list = nlohmann::json::array();
      for (const Agency& a : agencies) list.push_back(ToJson(a));
      entry = {stamp, Reply::Json({{"agencies", std::move(list)}}).body,
               "\"" + stamp + (include_inactive ? ":all\"" : ":active\"")};
      std::lock_guard lock(mutex_);
      entries_[include_inactive] = entry;
    }
    Reply reply;
    reply.WithHeader("etag", entry.etag).WithHeader("cache-control", "private, no-cache");
    if (req.Header("if-none-match") == entry.etag) {
      reply.status = 304;
      reply.content_type.clear();
      return reply;
    }
    reply.body = std::move(entry.body);
    return reply;
  }

 private:
  struct Entry {
    std::string stamp;
    std::string body;
    std::string etag;
  };
  std::mutex mutex_;
  Entry entries_[2];
};

}  // namespace

void RegisterRoutes(http::Router& router, const Service& org) {
  auto cache = std::make_shared<DirectoryCache>();
  router.Get("/api/agencies", Access::kAuthenticated, [&org, cache](Request& req) -> Result<Reply> {
    return cache->Get(org, req);
  });
  router.Get("/api/agencies/{id}", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(id, req.IdParam("id"));
    EISO_TRY(agency, org.Get(req.actor, id));
    return Reply::Json(ToJson(agency));
  });
  router.Post("/api/agencies", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(body, req.Json());
    EISO_TRY(input, ParseAgencyInput(body));
    EISO_TRY(agency, org.Create(req.actor, input));
    return Reply::Created(ToJson(agency));
  });
  router.Put("/api/agencies/{id}", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(id, req.IdParam("id"));
    EISO_TRY(body, req.Json());
    EISO_TRY(input, ParseAgencyInput(body));
    EISO_TRY(agency, org.Update(req.actor, id, input));
    return Reply::Json(ToJson(agency));
  });
  router.Post("/api/agencies/{id}/deactivate", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(id, req.IdParam("id"));
    EISO_TRY(body, req.Json());
    EISO_TRY(valid_to, core::RequireDate(body, "valid_to"));
    EISO_TRY(agency, org.Deactivate(req.actor, id, valid_to));
    return Reply::Json(ToJson(agency));
  });
}

}  // namespace eiso::org
