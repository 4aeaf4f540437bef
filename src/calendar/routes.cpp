#include "calendar/routes.hpp"

#include <charconv>

#include "calendar/json.hpp"

namespace eiso::calendar {

using http::Access;
using http::Reply;
using http::Request;

namespace {

Result<int> ParseYear(std::string_view text) {
  int year = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size())
    return Error::Invalid("calendar.bad_year", "year");
  return year;
}

}  // namespace

void RegisterRoutes(http::Router& router, const Service& calendar) {
  router.Get("/api/calendar/years/{year}", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(year, ParseYear(req.PathParam("year")));
    EISO_TRY(agency, ParseAgencyParam(req.Query("agency_id")));
    EISO_TRY(view, calendar.Year(req.actor, year, agency));
    return Reply::Json(ToJson(view));
  });
  router.Get("/api/calendar/decisions", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(year, ParseYear(req.Query("year")));
    EISO_TRY(decisions, calendar.Decisions(req.actor, year));
    nlohmann::json list = nlohmann::json::array();
    for (const Decision& d : decisions) list.push_back(ToJson(d));
    return Reply::Json({{"year", year}, {"decisions", std::move(list)}});
  });
  router.Post("/api/calendar/decisions", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(body, req.Json());
    EISO_TRY(input, ParseDecisionInput(body));
    EISO_TRY(decision, calendar.CreateDecision(req.actor, input));
    return Reply::Created(ToJson(decision));
  });
  router.Put("/api/calendar/decisions/{id}", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(id, req.IdParam("id"));
    EISO_TRY(body, req.Json());
    EISO_TRY(input, ParseDecisionInput(body));
    EISO_TRY(decision, calendar.UpdateDecision(req.actor, id, input));
    return Reply::Json(ToJson(decision));
  });
  router.Delete("/api/calendar/decisions/{id}", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(id, req.IdParam("id"));
    EISO_CHECK(calendar.DeleteDecision(req.actor, id));
    return Reply::NoContent();
  });
  router.Get("/api/calendar/settings", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(agency, ParseAgencyParam(req.Query("agency_id")));
    EISO_TRY(view, calendar.GetSettings(req.actor, agency));
    return Reply::Json(ToJson(view));
  });
  router.Put("/api/calendar/settings", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(agency, ParseAgencyParam(req.Query("agency_id")));
    EISO_TRY(body, req.Json());
    EISO_TRY(values, ParseSettingsOverride(body));
    EISO_TRY(view, calendar.PutSettings(req.actor, UnitSettings{agency, std::move(values), 0}));
    return Reply::Json(ToJson(view));
  });
  router.Post("/api/calendar/deadline", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(body, req.Json());
    EISO_TRY(input, ParseDeadlineInput(body));
    EISO_TRY(due, calendar.TryDeadline(req.actor, input));
    return Reply::Json(ToJson(due));
  });
}

}  // namespace eiso::calendar
