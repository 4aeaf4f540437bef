#include "dossiers/routes.hpp"

#include <nlohmann/json.hpp>

#include "core/json.hpp"

namespace eiso::dossiers {

using http::Access;
using http::Reply;
using http::Request;

namespace {

nlohmann::json OptMillis(const std::optional<core::Millis>& m) {
  return m ? nlohmann::json(core::FormatIso8601(*m)) : nlohmann::json();
}

nlohmann::json ToJson(const Step& s) {
  return {{"id", s.id},
          {"position", s.position},
          {"stage", s.stage},
          {"name", s.name},
          {"kind", s.kind},
          {"agency_id", s.agency_id},
          {"state", s.state},
          {"assignee_id", s.assignee_id ? nlohmann::json(*s.assignee_id) : nlohmann::json()},
          {"started_at", OptMillis(s.started_at)},
          {"due_at", OptMillis(s.due_at)},
          {"finished_at", OptMillis(s.finished_at)},
          {"timeliness", s.timeliness.empty() ? nlohmann::json() : nlohmann::json(s.timeliness)}};
}

nlohmann::json ToJson(const Dossier& d) {
  nlohmann::json steps = nlohmann::json::array();
  for (const Step& s : d.steps) steps.push_back(ToJson(s));
  nlohmann::json out = {
      {"id", d.id},
      {"agency_id", d.agency_id},
      {"procedure_id", d.procedure_id},
      {"procedure_version_id", d.procedure_version_id},
      {"process", {{"document_id", d.process_document_id}, {"version", d.process_version}}},
      {"number", d.number ? nlohmann::json(*d.number) : nlohmann::json()},
      {"status", d.status},
      {"outcome", d.outcome},
      {"channel", d.channel},
      {"applicant",
       {{"name", d.applicant.name},
        {"id_number", d.applicant.id_number},
        {"address", d.applicant.address},
        {"phone", d.applicant.phone},
        {"email", d.applicant.email}}},
      {"components", d.components},
      {"missing", d.missing},
      {"reasons", d.reasons},
      {"received_at", core::FormatIso8601(d.received_at)},
      {"statutory_time", {{"unit", d.allowance_unit}, {"amount", d.allowance_amount}, {"cutoff_rule", d.cutoff_rule}}},
      {"original_due_at", OptMillis(d.base_due_at)},
      {"due_at", OptMillis(d.due_at)},
      {"apologized", d.apologized},
      {"notice_late", d.notice_late},
      {"result_positive", d.result_positive ? nlohmann::json(*d.result_positive) : nlohmann::json()},
      {"resolved_at", OptMillis(d.resolved_at)},
      {"timeliness", d.timeliness.empty() ? nlohmann::json() : nlohmann::json(d.timeliness)},
      {"returned_at", OptMillis(d.returned_at)},
      {"handling_agency_id", d.handling_agency_id ? nlohmann::json(*d.handling_agency_id) : nlohmann::json()},
      {"steps", std::move(steps)}};
  if (d.secret) out["secret"] = *d.secret;
  return out;
}

nlohmann::json ToJson(const StatsFigures& f) {
  nlohmann::json out = {{"counts", f.counts},
                        {"received", f.received},
                        {"resolved", f.resolved},
                        {"on_time_rate", {{"early_on_time_over_received", f.on_time_over_received},
                                          {"early_on_time_over_resolved", f.on_time_over_resolved}}}};
  if (f.in_progress) out["in_progress"] = *f.in_progress;
  if (f.overdue) out["overdue"] = *f.overdue;
  return out;
}

Result<std::string> Text(const nlohmann::json& body, std::string_view field, bool required, std::size_t max = 500) {
  if (required) return core::RequireString(body, field, max);
  EISO_TRY(v, core::OptionalString(body, field, max));
  return v.value_or("");
}

Result<ReceiveInput> ParseReceive(const Request& req, const nlohmann::json& body) {
  ReceiveInput in;
  EISO_TRY(agency, core::OptionalInt(body, "agency_id"));
  in.agency_id = agency.value_or(req.actor.agency_id);
  EISO_TRY(procedure, core::RequireInt(body, "procedure_id"));
  in.procedure_id = procedure;
  EISO_TRY(channel, core::OptionalInt(body, "channel"));
  const std::int64_t c = channel.value_or(1);
  if (c < 1 || c > 3) return Error::Invalid("dossiers.bad_channel", "channel");
  in.channel = static_cast<Channel>(c);
  const auto applicant = body.find("applicant");
  if (applicant == body.end() || !applicant->is_object()) return Error::Invalid("common.required", "applicant");
  EISO_TRY(name, Text(*applicant, "name", true, 200));
  if (name.empty()) return Error::Invalid("common.required", "applicant.name");
  EISO_TRY(id_number, Text(*applicant, "id_number", false, 40));
  EISO_TRY(address, Text(*applicant, "address", false, 300));
  EISO_TRY(phone, Text(*applicant, "phone", false, 40));
  EISO_TRY(email, Text(*applicant, "email", false, 200));
  in.applicant = {name, id_number, address, phone, email};
  if (const auto comps = body.find("components"); comps != body.end()) {
    if (!comps->is_array()) return Error::Invalid("common.bad_type", "components");
    for (const auto& c2 : *comps) {
      if (!c2.is_number_integer()) return Error::Invalid("common.bad_type", "components");
      in.components.push_back(c2.get<int>());
    }
  }
  EISO_TRY(outcome, Text(body, "outcome", false, 20));
  if (outcome.empty() || outcome == "receive") in.outcome = IntakeOutcome::kReceive;
  else if (outcome == "guide") in.outcome = IntakeOutcome::kGuide;
  else if (outcome == "refuse") in.outcome = IntakeOutcome::kRefuse;
  else return Error::Invalid("dossiers.bad_outcome", "outcome");
  if (body.contains("notes")) {
    EISO_TRY(notes, core::RequireStringArray(body, "notes"));
    in.notes = std::move(notes);
  }
  EISO_TRY(guided, core::OptionalInt(body, "guided_id"));
  in.guided_id = guided;
  return in;
}

}  // namespace

void RegisterRoutes(http::Router& router, const Service& dossiers, http::RateLimiter& public_limiter,
                    const std::string& public_url) {
  RegisterFormRoutes(router, dossiers, public_url);   // before /api/dossiers/{id}, which would take "book"
  router.Post("/api/dossiers", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(body, req.Json());
    EISO_TRY(input, ParseReceive(req, body));
    EISO_TRY(d, dossiers.Receive(req.actor, input));
    return Reply::Created(ToJson(d));
  });
  router.Get("/api/dossiers", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    std::optional<int> status;
    if (const std::string s = req.Query("status"); !s.empty()) {
      try {
        status = std::stoi(s);
      } catch (...) {
        return Error::Invalid("common.bad_type", "status");
      }
    }
    EISO_TRY(list, dossiers.List(req.actor, {status, req.Query("queue")}));
    nlohmann::json out = nlohmann::json::array();
    for (const Dossier& d : list) out.push_back(ToJson(d));
    return Reply::Json({{"dossiers", std::move(out)}});
  });
  router.Get("/api/dossiers/queues", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(q, dossiers.GetQueues(req.actor));
    return Reply::Json({{"clerk", {{"guided", q.clerk_guided}, {"to_return", q.clerk_to_return}}},
                        {"officer", {{"my_steps", q.officer_my_steps}, {"due_soon", q.officer_due_soon},
                                     {"overdue", q.officer_overdue}}},
                        {"leader", {{"to_approve", q.leader_to_approve}}}});
  });
  router.Get("/api/dossiers/stats", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    StatsQuery q;
    if (const std::string a = req.Query("agency_id"); !a.empty()) {
      try {
        q.agency_id = std::stoll(a);
      } catch (...) {
        return Error::Invalid("common.bad_type", "agency_id");
      }
    }
    q.from = req.Query("from").substr(0, 7);
    q.to = req.Query("to").substr(0, 7);
    if (q.from.empty()) q.from = "0000-00";
    if (q.to.empty()) q.to = "9999-99";
    q.group_by = req.Query("group_by");
    EISO_TRY(s, dossiers.GetStats(req.actor, q));
    nlohmann::json out = ToJson(s.total);
    out["from"] = q.from;
    out["to"] = q.to;
    out["carried_over"] = s.carried_over;
    if (!q.group_by.empty()) {
      nlohmann::json groups = nlohmann::json::array();
      for (const StatsGroup& g : s.groups) {
        nlohmann::json item = ToJson(g.figures);
        item["key"] = g.key;
        item["name"] = g.name;
        groups.push_back(std::move(item));
      }
      out["group_by"] = q.group_by;
      out["groups"] = std::move(groups);
    }
    return Reply::Json(out);
  });
  router.Get("/api/dossiers/{id}", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(id, req.IdParam("id"));
    EISO_TRY(d, dossiers.Get(req.actor, id));
    return Reply::Json(ToJson(d));
  });
  router.Post("/api/dossiers/{id}/steps/{step}/handover", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(id, req.IdParam("id"));
    EISO_TRY(step, req.IdParam("step"));
    EISO_TRY(body, req.Json());
    HandoverInput in;
    EISO_TRY(to, core::OptionalInt(body, "to_user_id"));
    in.to_user_id = to;
    EISO_TRY(note, Text(body, "note", false, 2000));
    in.note = note;
    EISO_TRY(d, dossiers.Handover(req.actor, id, step, in));
    return Reply::Json(ToJson(d));
  });
  router.Get("/api/dossiers/{id}/steps/{step}/candidates", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(id, req.IdParam("id"));
    EISO_TRY(step, req.IdParam("step"));
    EISO_TRY(users, dossiers.Candidates(req.actor, id, step));
    nlohmann::json out = nlohmann::json::array();
    for (const auth::User& u : users) {
      out.push_back({{"id", u.id}, {"full_name", u.full_name}, {"roles", auth::RoleNames(u.roles)}});
    }
    return Reply::Json({{"users", std::move(out)}});
  });
  router.Get("/api/dossiers/{id}/events", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(id, req.IdParam("id"));
    EISO_TRY(events, dossiers.History(req.actor, id));
    nlohmann::json out = nlohmann::json::array();
    for (const DossierEvent& e : events)
      out.push_back({{"id", e.id},
                     {"at", e.at},
                     {"kind", e.kind},
                     {"actor_id", e.actor_id ? nlohmann::json(*e.actor_id) : nlohmann::json()},
                     {"actor_name", e.actor_name},
                     {"detail", nlohmann::json::parse(e.detail_json, nullptr, false)}});
    return Reply::Json({{"events", std::move(out)}});
  });
  router.Post("/api/dossiers/{id}/steps/{step}/assign", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(id, req.IdParam("id"));
    EISO_TRY(step, req.IdParam("step"));
    EISO_TRY(body, req.Json());
    EISO_TRY(user, core::RequireInt(body, "user_id"));
    EISO_TRY(d, dossiers.Assign(req.actor, id, step, user));
    return Reply::Json(ToJson(d));
  });
  router.Post("/api/dossiers/{id}/supplement-request", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(id, req.IdParam("id"));
    EISO_TRY(body, req.Json());
    EISO_TRY(items, core::RequireStringArray(body, "items"));
    EISO_TRY(d, dossiers.RequestSupplement(req.actor, id, items));
    return Reply::Json(ToJson(d));
  });
  router.Post("/api/dossiers/{id}/financial-obligation", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(id, req.IdParam("id"));
    EISO_TRY(body, req.Json());
    EISO_TRY(items, core::RequireStringArray(body, "items"));
    EISO_TRY(d, dossiers.RequestFinancial(req.actor, id, items));
    return Reply::Json(ToJson(d));
  });
  router.Post("/api/dossiers/{id}/financial-obligation-done", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(id, req.IdParam("id"));
    EISO_TRY(d, dossiers.FinancialDone(req.actor, id));
    return Reply::Json(ToJson(d));
  });
  router.Post("/api/dossiers/{id}/supplement-received", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(id, req.IdParam("id"));
    EISO_TRY(d, dossiers.ReceiveSupplement(req.actor, id));
    return Reply::Json(ToJson(d));
  });
  router.Post("/api/dossiers/{id}/apology", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(id, req.IdParam("id"));
    EISO_TRY(body, req.Json());
    EISO_TRY(text, core::RequireString(body, "new_due_at", 40));
    core::Millis due = 0;
    if (!core::ParseIso8601(text, due)) return Error::Invalid("common.bad_date", "new_due_at");
    EISO_TRY(reason, Text(body, "reason", true, 2000));
    EISO_TRY(d, dossiers.Apologize(req.actor, id, due, reason));
    return Reply::Json(ToJson(d));
  });
  router.Post("/api/dossiers/{id}/decision", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(id, req.IdParam("id"));
    EISO_TRY(body, req.Json());
    EISO_TRY(positive, core::OptionalBool(body, "positive", true));
    EISO_TRY(reasons, Text(body, "reasons", false, 2000));
    EISO_TRY(d, dossiers.Decide(req.actor, id, positive, reasons));
    return Reply::Json(ToJson(d));
  });
  router.Post("/api/dossiers/{id}/withdraw", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(id, req.IdParam("id"));
    EISO_TRY(body, req.Json());
    EISO_TRY(reason, Text(body, "reason", false, 2000));
    EISO_TRY(d, dossiers.Withdraw(req.actor, id, reason));
    return Reply::Json(ToJson(d));
  });
  router.Post("/api/dossiers/{id}/stop", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(id, req.IdParam("id"));
    EISO_TRY(body, req.Json());
    EISO_TRY(reason, Text(body, "reason", false, 2000));
    EISO_TRY(d, dossiers.Stop(req.actor, id, reason));
    return Reply::Json(ToJson(d));
  });
  router.Post("/api/dossiers/{id}/corrections", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(id, req.IdParam("id"));
    EISO_TRY(body, req.Json());
    EISO_TRY(metric, Text(body, "metric", true, 40));
    EISO_TRY(delta, core::RequireInt(body, "delta"));
    if (delta != 1 && delta != -1) return Error::Invalid("dossiers.bad_delta", "delta");
    EISO_TRY(reason, Text(body, "reason", false, 2000));
    EISO_TRY(d, dossiers.Correct(req.actor, id, metric, static_cast<int>(delta), reason));
    return Reply::Json(ToJson(d));
  });
  router.Post("/api/dossiers/{id}/return", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(id, req.IdParam("id"));
    EISO_TRY(d, dossiers.ReturnResult(req.actor, id));
    return Reply::Json(ToJson(d));
  });

  // Portal lookup (tra cứu hồ sơ): no session; limited per client address; minimal fields.
  auto lookup = [&dossiers, &public_limiter](const Request& req, const std::string& number,
                                             const std::string& secret) -> Result<Reply> {
    if (!public_limiter.Allow(req.remote_addr)) return Error::RateLimited();
    if (number.size() > 64 || secret.size() > 64) return Error::NotFound("dossiers.not_found");
    EISO_TRY(v, dossiers.Lookup(number, secret, req.remote_addr));
    return Reply::Json({{"number", v.number},
                        {"status", v.status},
                        {"due_at", OptMillis(v.due_at)},
                        {"handling_unit", v.handling_unit},
                        {"result_ready", v.result_ready}});
  };
  router.Get("/api/public/dossiers/{number}", Access::kPublic, [lookup](Request& req) -> Result<Reply> {
    return lookup(req, std::string(req.PathParam("number")), req.Query("secret"));
  });
  router.PostRead("/api/public/dossiers/lookup", Access::kPublic, [lookup](Request& req) -> Result<Reply> {
    EISO_TRY(body, req.Json());
    EISO_TRY(number, Text(body, "number", false, 64));
    EISO_TRY(secret, Text(body, "secret", false, 64));
    return lookup(req, number, secret);
  });
}

}  // namespace eiso::dossiers
