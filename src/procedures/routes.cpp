#include "procedures/routes.hpp"

#include "core/json.hpp"
#include "procedures/json.hpp"

namespace eiso::procedures {

using http::Access;
using http::Reply;
using http::Request;

namespace {

constexpr std::size_t kMaxCatalogBytes = 16u << 20;

Result<ListFilter> ReadFilter(const Request& req) {
  ListFilter f;
  f.query = req.Query("q");
  f.sector = req.Query("sector");
  f.date = req.Query("date");
  if (const std::string agency = req.Query("agency_id"); !agency.empty()) {
    try {
      std::size_t used = 0;
      f.agency_id = std::stoll(agency, &used);
      if (used != agency.size()) return Error::Invalid("common.bad_id", "agency_id");
    } catch (const std::exception&) {
      return Error::Invalid("common.bad_id", "agency_id");
    }
  }
  return f;
}

Result<std::pair<std::string, VersionInput>> ReadProcedureInput(const nlohmann::json& body, bool with_code) {
  std::string code;
  if (with_code) {
    EISO_TRY(c, core::RequireString(body, "code", 40));
    code = c;
  }
  std::vector<FieldProblem> problems;
  VersionInput in = ReadVersion(body, problems);
  if (!problems.empty()) return Error::Invalid(problems.front().problem, problems.front().field);
  const auto ids = body.find("agency_ids");
  if (ids == body.end() || !ids->is_array() || ids->empty())
    return Error::Invalid("procedures.agencies_required", "agency_ids");
  for (const auto& id : *ids) {
    if (!id.is_number_integer()) return Error::Invalid("common.bad_id", "agency_ids");
    if (std::find(in.agency_ids.begin(), in.agency_ids.end(), id.get<AgencyId>()) == in.agency_ids.end())
      in.agency_ids.push_back(id.get<AgencyId>());
  }
  return std::pair{code, in};
}

nlohmann::json List(const std::vector<Procedure>& procedures) {
  nlohmann::json list = nlohmann::json::array();
  for (const Procedure& p : procedures) list.push_back(ToJson(p, false));
  return {{"procedures", std::move(list)}};
}

}  // namespace

void RegisterRoutes(http::Router& router, const Service& procedures, http::RateLimiter& public_limiter,
                    const core::MessageCatalog& messages) {
  router.Get("/api/procedures", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(filter, ReadFilter(req));
    EISO_TRY(list, procedures.List(req.actor, filter));
    return Reply::Json(List(list));
  });
  router.Get("/api/procedures/export", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    const auto format = ParseFormat(req.Query("format"));
    if (!format) return Error::Invalid("procedures.bad_format", "format");
    EISO_TRY(text, procedures.Export(req.actor, *format));
    const bool csv = *format == Format::kCsv;
    return Reply::Text(std::move(text), csv ? "text/csv; charset=utf-8" : "application/json")
        .WithHeader("Content-Disposition", csv ? "attachment; filename=\"procedures.csv\""
                                               : "attachment; filename=\"procedures.json\"");
  });
  // The body is the file itself (CSV or JSON); 422 with the report when any record is bad.
  router.Upload("/api/procedures/import", Access::kAuthenticated, kMaxCatalogBytes, [&](Request& req) -> Result<Reply> {
    const auto format = ParseFormat(req.Query("format"));
    if (!format) return Error::Invalid("procedures.bad_format", "format");
    const bool dry_run = req.Query("dry_run") == "true";
    EISO_TRY(report, procedures.Import(req.actor, *format, req.body, dry_run));
    nlohmann::json problems = nlohmann::json::array();
    for (const ImportProblem& p : report.problems)
      problems.push_back({{"line", p.line}, {"field", p.field}, {"problem", p.problem},
                          {"message", messages.Localize(p.problem, req.lang)}});
    const bool ok = report.problems.empty();
    return Reply::Json({{"ok", ok}, {"dry_run", dry_run}, {"records", report.records}, {"imported", report.imported},
                        {"unchanged", report.unchanged}, {"problems", std::move(problems)}},
                       ok ? 200 : 422);
  });
  router.Get("/api/procedures/{id}", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(id, req.IdParam("id"));
    EISO_TRY(p, procedures.Get(req.actor, id));
    return Reply::Json(ToJson(p, true));
  });
  router.Post("/api/procedures", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(body, req.Json());
    EISO_TRY(input, ReadProcedureInput(body, true));
    EISO_TRY(p, procedures.Create(req.actor, input.first, input.second));
    return Reply::Created(ToJson(p, true));
  });
  router.Post("/api/procedures/{id}/versions", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(id, req.IdParam("id"));
    EISO_TRY(body, req.Json());
    EISO_TRY(input, ReadProcedureInput(body, false));
    EISO_TRY(p, procedures.AddVersion(req.actor, id, input.second));
    return Reply::Created(ToJson(p, true));
  });
  router.Get("/api/procedures/{id}/process-in-force", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(id, req.IdParam("id"));
    EISO_TRY(filter, ReadFilter(req));
    if (!filter.agency_id) return Error::Invalid("common.required", "agency_id");
    EISO_TRY(found, procedures.ProcessInForceOn(id, *filter.agency_id, filter.date));
    return Reply::Json(ToJson(found));
  });
  router.Post("/api/procedures/{id}/processes", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(id, req.IdParam("id"));
    EISO_TRY(body, req.Json());
    EISO_TRY(agency, core::RequireInt(body, "agency_id"));
    EISO_TRY(p, procedures.CreateProcess(req.actor, id, agency));
    return Reply::Created(ToJson(p));
  });
  router.Get("/api/processes/{id}", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(id, req.IdParam("id"));
    EISO_TRY(p, procedures.GetProcess(req.actor, id));
    return Reply::Json(ToJson(p));
  });
  router.Post("/api/processes/{id}/versions", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(id, req.IdParam("id"));
    EISO_TRY(p, procedures.NewProcessVersion(req.actor, id));
    return Reply::Created(ToJson(p));
  });
  router.Get("/api/processes/{id}/versions/{number}", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(id, req.IdParam("id"));
    EISO_TRY(number, req.IdParam("number"));
    EISO_TRY(p, procedures.PinnedProcess(id, static_cast<int>(number)));
    return Reply::Json(ToJson(p));
  });
  router.Put("/api/processes/{id}/versions/{number}/steps", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(id, req.IdParam("id"));
    EISO_TRY(number, req.IdParam("number"));
    EISO_TRY(body, req.Json());
    EISO_TRY(steps, ParseSteps(body));
    EISO_TRY(p, procedures.SaveSteps(req.actor, id, static_cast<int>(number), steps));
    return Reply::Json(ToJson(p));
  });

  // Public read side (cổng công khai): no session, limited per client address.
  router.Get("/api/public/procedures", Access::kPublic, [&](Request& req) -> Result<Reply> {
    if (!public_limiter.Allow(req.remote_addr)) return Error::RateLimited();
    EISO_TRY(filter, ReadFilter(req));
    EISO_TRY(list, procedures.PublicList(filter));
    return Reply::Json(List(list));
  });
  router.Get("/api/public/procedures/{id}", Access::kPublic, [&](Request& req) -> Result<Reply> {
    if (!public_limiter.Allow(req.remote_addr)) return Error::RateLimited();
    EISO_TRY(id, req.IdParam("id"));
    EISO_TRY(p, procedures.PublicGet(id));
    return Reply::Json(ToJson(p, true));
  });
}

}  // namespace eiso::procedures
