#include "org/routes.hpp"

#include "core/json.hpp"
#include "org/json.hpp"

namespace eiso::org {

using http::Access;
using http::Reply;
using http::Request;

void RegisterRoutes(http::Router& router, const Service& org) {
  router.Get("/api/agencies", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(agencies, org.List(req.actor, req.Query("include_inactive") == "true"));
    nlohmann::json list = nlohmann::json::array();
    for (const Agency& a : agencies) list.push_back(ToJson(a));
    return Reply::Json({{"agencies", std::move(list)}});
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
