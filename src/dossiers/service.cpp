#include "dossiers/service.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include <nlohmann/json.hpp>
#include <sodium.h>

#include "calendar/date.hpp"
#include "dossiers/store.hpp"

namespace eiso::dossiers {
namespace {

using calendar::Allowance;

// 12 characters without look-alikes (store::kSecretAlphabet), printed on Mẫu 01.
std::string NewSecret() {
  std::string out(12, ' ');
  for (char& c : out) c = store::kSecretAlphabet[randombytes_uniform(sizeof store::kSecretAlphabet - 1)];
  return out;
}

std::string ToString(calendar::Timeliness t) {
  switch (t) {
    case calendar::Timeliness::kEarly: return "early";
    case calendar::Timeliness::kOnTime: return "on_time";
    case calendar::Timeliness::kLate: return "late";
  }
  return "late";
}

std::string DayKey(core::Millis at) { return calendar::ToString(calendar::ToLocal(at).date); }

nlohmann::json Detail(nlohmann::json fields) { return fields; }

bool AtAgency(const Actor& a, AgencyId agency, Role role) { return a.agency_id == agency && a.Has(role); }

// Officers act on steps assigned to them, or unassigned ones of their unit; leaders on their unit's.
bool MayActOnStep(const Actor& a, const Step& s) {
  if (a.agency_id == s.agency_id && a.Has(Role::kLeader)) return true;
  if (s.assignee_id) return *s.assignee_id == a.user_id;
  return a.agency_id == s.agency_id && (a.Has(Role::kOfficer) || a.Has(Role::kClerk));
}

// Whom a step may be handed to or assigned: an active officer or leader of the step's unit (the
// people Candidates lists).
bool MayTake(db::Tx& tx, const auth::Service& auth, UserId user, AgencyId unit) {
  const auto u = auth.FindUser(tx, user);
  return u && u->active && u->agency_id == unit &&
         (u->roles & (static_cast<std::uint32_t>(Role::kOfficer) | static_cast<std::uint32_t>(Role::kLeader))) != 0;
}

// Who may pause a dossier in processing (supplement, fees): a leader of its agency, or whoever may
// act on one of its active steps.
bool MayHandle(const Actor& a, const Dossier& d) {
  return (a.agency_id == d.agency_id && a.Has(Role::kLeader)) ||
         std::any_of(d.steps.begin(), d.steps.end(),
                     [&](const Step& s) { return s.state == "active" && MayActOnStep(a, s); });
}

// Stands for a dossier's number inside the intake that draws it on the server (PostgreSQL) until
// the commit tells it; never stored (the audit entry's copy is filled in by the server).
constexpr const char* kNumberFromServer = "{{dossier.number}}";

// Claims the dossier for this change (the write fails with 409 "dossiers.changed" if someone
// changed it since it was read; store::Claim); d.updated_at becomes the new stamp.
Status Touch(db::Tx& tx, Dossier& d, core::Millis now) {
  d.updated_at = store::Claim(tx, d.id, d.updated_at, now);
  return Ok();
}

audit::Event AuditOf(const Dossier& d, const std::string& kind, nlohmann::json detail) {
  detail["status"] = d.status;
  if (d.number) detail["number"] = *d.number;
  return {"dossier." + kind, "dossier", d.id, d.agency_id, nullptr, std::move(detail)};
}

// Ends a change to a dossier: the dossier as now stored, then its event (and the statistics' shared
// rows) and the audit entry, after the read, so that nothing is awaited while those locks are held.
Result<Dossier> Recorded(db::Tx& tx, const audit::Service& audit, const Actor& actor, const Dossier& d,
                         const std::string& kind, core::Millis now, const std::optional<std::string>& metric,
                         const nlohmann::json& detail, int delta = 1) {
  std::optional<Dossier> stored = store::Find(tx, d.id);
  store::AppendEvent(tx, d, actor.user_id, kind, now, metric, detail, delta);
  audit.Record(tx, actor, AuditOf(d, kind, detail));
  return std::move(*stored);
}

}  // namespace

struct Service::Pinned {
  procedures::VersionId version_id = 0;
  std::string allowance_unit;
  int allowance_amount = 0;
  bool cutoff = false;
  std::vector<procedures::Component> components;
  procedures::DocumentId document_id = 0;
  int version = 0;
  std::vector<store::NewStep> steps;   // stage, budget, agency filled; states pending
};

Service::Service(db::Database& db, const audit::Service& audit, const org::Service& org, const auth::Service& auth,
                 const procedures::Service& procedures, const calendar::Service& calendar, const core::Clock& clock)
    : db_(db), audit_(audit), org_(org), auth_(auth), procedures_(procedures), calendar_(calendar), clock_(clock),
      flusher_([this] { FlushLoop(); }) {}

Result<core::Millis> Service::DueOf(AgencyId agency, core::Millis from, const std::string& unit, int amount,
                                    bool cutoff) const {
  Allowance a{unit == "working_hours" ? Allowance::Unit::kWorkingHours
              : unit == "days"        ? Allowance::Unit::kCalendarDays   // ngày, as the Civil Code counts
                                      : Allowance::Unit::kWorkingDays,
              amount};
  EISO_TRY(due, calendar_.DueAt(agency, from, a, {.next_day_after_cutoff = cutoff}));
  return due.due_at;
}

Result<core::Millis> Service::StepDue(AgencyId agency, core::Millis from, std::int64_t minutes, int days,
                                      std::optional<core::Millis> dossier_due) const {
  // A step without a budget of its own (0 in the process: done within the neighbouring steps'
  // time) is bounded by the dossier's appointment only.
  if (days == 0 && minutes == 0 && dossier_due) return std::max(from, *dossier_due);
  if (days > 0) return DueOf(agency, from, "working_days", days, false);
  return DueOf(agency, from, "working_hours", static_cast<int>((minutes + 59) / 60), false);
}

Result<std::shared_ptr<const Service::Pinned>> Service::InForce(const Actor& actor, std::int64_t procedure,
                                                                AgencyId agency, const std::string& date) const {
  const auto key = std::make_tuple(procedure, agency, date);
  {
    std::lock_guard lock(cache_mutex_);
    if (auto it = in_force_.find(key); it != in_force_.end()) return it->second;
  }
  EISO_TRY(proc, procedures_.Get(actor, procedure));
  const procedures::ProcedureVersion* version = nullptr;
  for (const auto& v : proc.versions)
    if (v.effective_from <= date && (!v.effective_to || date < *v.effective_to)) version = &v;
  if (!version) return Error::Precondition("procedures.no_process_in_force", "procedure_id");
  const bool competent = std::any_of(version->agencies.begin(), version->agencies.end(),
                                     [&](const procedures::AgencyRef& a) { return a.id == agency; });
  if (!competent) return Error::Precondition("dossiers.agency_not_competent", "procedure_id");
  EISO_TRY(process, procedures_.ProcessInForceOn(procedure, agency, date));
  auto pinned = std::make_shared<Pinned>();
  pinned->version_id = version->id;
  const procedures::Duration& t = version->statutory_time;
  switch (t.unit) {
    case procedures::TimeUnit::kWorkingDay:
      if (t.value == std::floor(t.value)) {
        pinned->allowance_unit = "working_days";
        pinned->allowance_amount = static_cast<int>(t.value);
      } else {
        pinned->allowance_unit = "working_hours";
        pinned->allowance_amount = static_cast<int>(std::ceil(t.value * 8));
      }
      break;
    case procedures::TimeUnit::kWorkingHour:
      pinned->allowance_unit = "working_hours";
      pinned->allowance_amount = static_cast<int>(std::ceil(t.value));
      break;
    case procedures::TimeUnit::kDay:
      pinned->allowance_unit = "days";
      pinned->allowance_amount = static_cast<int>(std::ceil(t.value));
      break;
  }
  pinned->cutoff = version->cutoff_rule;
  pinned->components = version->components;
  pinned->document_id = process.document_id;
  pinned->version = process.version;
  int stage = -1;
  std::optional<int> group;
  for (std::size_t i = 0; i < process.steps.size(); ++i) {
    const procedures::Step& s = process.steps[i];
    if (!(s.parallel_group && group && *s.parallel_group == *group)) ++stage;
    group = s.parallel_group;
    store::NewStep n;
    n.position = static_cast<int>(i);
    n.stage = stage;
    n.name = s.name;
    n.kind = std::string(procedures::ToString(s.kind));
    const bool whole_days = s.budget.unit == procedures::TimeUnit::kWorkingDay && s.budget.value == std::floor(s.budget.value);
    n.budget_days = whole_days ? static_cast<int>(s.budget.value) : 0;
    n.budget_minutes = static_cast<std::int64_t>(
        std::ceil(s.budget.unit == procedures::TimeUnit::kWorkingHour ? s.budget.value * 60 : s.budget.value * 480));
    n.agency_id = s.agency_id.value_or(agency);
    n.state = "pending";
    pinned->steps.push_back(std::move(n));
  }
  std::lock_guard lock(cache_mutex_);
  if (in_force_.size() > 10'000) in_force_.clear();
  in_force_.emplace(key, pinned);
  return std::shared_ptr<const Pinned>(pinned);
}

Result<Dossier> Service::Receive(const Actor& actor, const ReceiveInput& input) const {
  if (!AtAgency(actor, input.agency_id, Role::kClerk)) return Error::Forbidden();
  const core::Millis now = clock_.Now();
  EISO_TRY(pinned, InForce(actor, input.procedure_id, input.agency_id, DayKey(now)));
  std::set<int> present;
  for (int i : input.components) {
    if (i < 0 || i >= static_cast<int>(pinned->components.size()))
      return Error::Invalid("dossiers.bad_component", "components");
    present.insert(i);
  }
  std::vector<std::string> missing;
  for (std::size_t i = 0; i < pinned->components.size(); ++i)
    if (pinned->components[i].required && !present.count(static_cast<int>(i))) missing.push_back(pinned->components[i].name);

  Dossier d;
  d.agency_id = input.agency_id;
  d.procedure_id = input.procedure_id;
  d.procedure_version_id = pinned->version_id;
  d.process_document_id = pinned->document_id;
  d.process_version = pinned->version;
  d.channel = static_cast<int>(input.channel);
  d.applicant = input.applicant;
  d.components.assign(present.begin(), present.end());
  d.received_at = now;
  d.updated_at = now;
  d.allowance_unit = pinned->allowance_unit;
  d.allowance_amount = pinned->allowance_amount;
  d.cutoff_rule = pinned->cutoff;
  std::vector<store::NewStep> steps;
  std::optional<std::string> metric;
  switch (input.outcome) {
    case IntakeOutcome::kReceive: {
      if (!missing.empty()) return Error::Invalid("dossiers.components_missing", "components");
      EISO_TRY(due, DueOf(d.agency_id, now, d.allowance_unit, d.allowance_amount, d.cutoff_rule));
      d.status = static_cast<int>(DossierStatus::kReceived);
      d.outcome = "received";
      d.base_due_at = due;
      d.due_at = due;
      metric = "received." + std::to_string(d.channel);
      steps = pinned->steps;
      // The single window's own receipt step is done at intake; the first other stage starts.
      int first = 0;
      while (first < static_cast<int>(steps.size()) && steps[first].stage == steps.front().stage &&
             steps[first].kind == "receive") {
        steps[first].state = "done";
        steps[first].started_at = now;
        steps[first].due_at = now;
        steps[first].finished_at = now;
        steps[first].finished_by = actor.user_id;
        steps[first].timeliness = "on_time";
        steps[first].assignee_id = actor.user_id;
        ++first;
      }
      if (first < static_cast<int>(steps.size())) {
        const int stage = steps[first].stage;
        d.handling_agency_id = steps[first].agency_id;
        for (auto& s : steps)
          if (s.stage == stage) {
            EISO_TRY(step_due, StepDue(s.agency_id, now, s.budget_minutes, s.budget_days, d.due_at));
            s.state = "active";
            s.started_at = now;
            s.due_at = step_due;
          }
      }
      break;
    }
    case IntakeOutcome::kGuide:
      for (const auto& n : input.notes) missing.push_back(n);
      if (missing.empty()) return Error::Invalid("dossiers.nothing_missing", "components");
      d.status = static_cast<int>(DossierStatus::kNew);
      d.outcome = "guided";
      metric = "guided";
      break;
    case IntakeOutcome::kRefuse: {
      std::string reasons;
      for (const auto& n : input.notes) reasons += (reasons.empty() ? "" : "; ") + n;
      if (reasons.empty()) return Error::Invalid("dossiers.reasons_required", "notes");
      d.status = static_cast<int>(DossierStatus::kRefused);
      d.outcome = "refused";
      d.reasons = reasons;
      metric = "refused";
      break;
    }
  }
  if (input.outcome == IntakeOutcome::kGuide) d.missing = missing;
  std::optional<std::string> secret;
  if (input.outcome == IntakeOutcome::kReceive) secret = NewSecret();

  db::Rows drawn_number;   // PostgreSQL: the number, read at the commit
  Result<Dossier> received = db_.Write([&](db::Tx& tx) -> Result<Dossier> {
    if (input.guided_id) {
      const auto g = tx.QueryOne("SELECT agency_id, outcome, guided_closed FROM dossiers WHERE id = ?", {*input.guided_id});
      if (!g || g->Int(0) != d.agency_id || g->Text(1) != "guided") return Error::NotFound();
      if (input.outcome == IntakeOutcome::kGuide || g->Bool(2))
        return Error::Precondition("dossiers.already_guided", "guided_id");
      tx.Exec("UPDATE dossiers SET guided_closed = 1 WHERE id = ?", {*input.guided_id});
    }
    const store::ReservedIds ids_ahead = store::ReserveIdsLater(tx, steps.size());
    const bool numbered = d.status == static_cast<int>(DossierStatus::kReceived);
    // PostgreSQL draws the number on the server, in the dossier's INSERT, after the last wait: the
    // unit's day counter is then locked only while the server finishes the transaction. The audit
    // entry gets the number from the stored row (audit::Event::fill); this process reads it with
    // the COMMIT's answer.
    const bool drawn_on_server = numbered && ids_ahead.dossier.has_value();
    std::optional<db::Tx::Ticket> sequence;
    if (numbered && !drawn_on_server) sequence = store::NextSequenceLater(tx, d.agency_id, DayKey(now));
    std::string unit_code;
    if (numbered) {
      const auto agency = org_.Find(tx, d.agency_id);   // read with the ids' (and the counter's) answers
      if (!agency) return Error::NotFound();
      unit_code = agency->unit_code;
    }
    const store::NewDossier row{&d, secret ? std::optional(store::HashSecret(*secret)) : std::nullopt, actor.user_id};
    if (drawn_on_server) {
      d.number = kNumberFromServer;
      d.id = store::InsertNumberedLater(tx, row, ids_ahead, store::NumberPrefix(unit_code, now), DayKey(now),
                                        &drawn_number);
    } else {
      if (sequence) d.number = store::NumberOf(unit_code, now, store::TakeSequence(tx, *sequence));
      d.id = store::Insert(tx, row, ids_ahead);
    }
    const std::vector<StepId> ids =
        store::TakeStepIds(tx, store::InsertStepsLater(tx, d.id, steps, ids_ahead), steps);
    // The statistics' shared rows and the audit chain's lock last, after the last wait (on
    // PostgreSQL the ids above were reserved with the day's counter): they are held only while
    // the server runs what remains and commits, never across a round trip to this process.
    nlohmann::json detail = Detail({{"channel", d.channel}, {"outcome", d.outcome}});
    if (d.due_at) detail["due_at"] = *d.due_at;
    store::AppendEvent(tx, d, actor.user_id, d.outcome, now, metric, detail);
    audit::Event audited = AuditOf(d, d.outcome, detail);
    if (drawn_on_server) audited.fill = audit::Event::FromServer{kNumberFromServer, store::kNumberSql, {d.id}};
    audit_.Record(tx, actor, audited);
    // The answer is what was written (no re-read inside the one writer's transaction).
    d.steps.clear();
    for (std::size_t i = 0; i < steps.size(); ++i) {
      const store::NewStep& n = steps[i];
      d.steps.push_back({ids[i], n.position, n.stage, n.name, n.kind, n.agency_id, n.budget_minutes, n.budget_days,
                         n.state, n.assignee_id, n.started_at, n.due_at, n.finished_at, n.timeliness,
                         n.finished_by});
    }
    d.secret = secret;
    return std::move(d);
  });
  if (received.ok() && received->number == kNumberFromServer) received->number = drawn_number.at(0).Text(0);
  return received;
}

Result<Dossier> Service::Load(const Actor& actor, DossierId id) const {
  if (!actor.IsAuthenticated()) return Error::Unauthenticated();
  return db_.Read([&](db::Tx& tx) -> Result<Dossier> {
    auto d = store::Find(tx, id);
    if (!d) return Error::NotFound("dossiers.not_found");
    const bool visible = actor.province_wide || actor.agency_id == d->agency_id ||
                         std::any_of(d->steps.begin(), d->steps.end(),
                                     [&](const Step& s) { return s.agency_id == actor.agency_id; });
    if (!visible) return Error::NotFound("dossiers.not_found");
    return std::move(*d);
  });
}

Result<Dossier> Service::Get(const Actor& actor, DossierId id) const { return Load(actor, id); }

Result<std::vector<Dossier>> Service::List(const Actor& actor, const ListQuery& query) const {
  if (!actor.IsAuthenticated()) return Error::Unauthenticated();
  const core::Millis now = clock_.Now();
  return db_.Read([&](db::Tx& tx) -> Result<std::vector<Dossier>> {
    if (query.queue.empty()) return store::List(tx, actor.agency_id, query.status);
    auto list = store::ListQueue(tx, query.queue, actor.user_id, actor.agency_id, now);
    if (!list) return Error::Invalid("dossiers.bad_queue", "queue");
    return std::move(*list);
  });
}

namespace {

// Steps to start when `finishing` completes their stage: the next stage's, or none.
std::vector<const Step*> NextStage(const Dossier& d, const std::set<StepId>& finishing) {
  std::vector<const Step*> out;
  int stage = -1;
  for (const Step& s : d.steps)
    if (finishing.count(s.id)) stage = std::max(stage, s.stage);
  for (const Step& s : d.steps)
    if (s.stage <= stage && s.state != "done" && !finishing.count(s.id)) return out;   // a branch still open
  for (const Step& s : d.steps)
    if (s.stage > stage && s.state == "pending") {
      if (!out.empty() && s.stage != out.front()->stage) break;
      out.push_back(&s);
    }
  return out;
}

}  // namespace

Result<Dossier> Service::Handover(const Actor& actor, DossierId id, StepId step_id, const HandoverInput& input) const {
  EISO_TRY(d, Load(actor, id));
  const auto it = std::find_if(d.steps.begin(), d.steps.end(), [&](const Step& s) { return s.id == step_id; });
  if (it == d.steps.end()) return Error::NotFound("dossiers.step_not_found");
  const Step& step = *it;
  if (!MayActOnStep(actor, step)) return Error::Forbidden();
  if (step.state != "active" || (d.status != 2 && d.status != 4)) return Error::Precondition("dossiers.step_not_active");
  if (step.kind == "approve" || step.kind == "sign" || step.kind == "return")
    return Error::Precondition("dossiers.use_decide");
  const core::Millis now = clock_.Now();
  const std::string timeliness =
      ToString(calendar_.Classify(step.agency_id, now, step.due_at.value_or(now), calendar::Granularity::kMinute));
  std::vector<std::pair<const Step*, core::Millis>> started;
  for (const Step* next : NextStage(d, {step_id})) {
    EISO_TRY(due, StepDue(next->agency_id, now, next->budget_minutes, next->budget_days, d.due_at));
    started.emplace_back(next, due);
  }
  // The named receiver takes the started step of the dossier's own agency, or the only one.
  const auto taken_by_receiver = [&](const Step* next) { return next->agency_id == d.agency_id || started.size() == 1; };
  const std::optional<AgencyId> handling =
      started.empty() ? d.handling_agency_id : std::optional<AgencyId>(started.front().first->agency_id);
  return db_.Write([&](db::Tx& tx) -> Result<Dossier> {
    // Claimed now, with the dossier's new status and unit; if someone changed the dossier
    // meanwhile, the write fails and everything sent with it rolls back. Nothing is awaited on
    // PostgreSQL unless a receiver is named: the whole handover is one round trip.
    const core::Millis stamp = store::Claim(tx, d.id, d.updated_at, now, store::StatusChange{4, handling});
    tx.Send("UPDATE dossier_steps SET state = 'done', finished_at = ?, finished_by = ?, timeliness = ? WHERE id = ?",
            {now, actor.user_id, timeliness, step_id});
    if (timeliness == "late")
      store::QualityEvent(tx, id, step_id, step.agency_id, now, *step.due_at, Detail({{"step", step.name}}));
    bool taken = false;   // a named receiver must take one of the steps that start
    for (const auto& [next, due] : started) {
      const bool mine = taken_by_receiver(next);
      if (mine && input.to_user_id) {
        if (!MayTake(tx, auth_, *input.to_user_id, next->agency_id))
          return Error::Invalid("dossiers.bad_receiver", "to_user_id");
        taken = true;
      }
      tx.Send("UPDATE dossier_steps SET state = 'active', started_at = ?, due_at = ?, assignee_id = ? WHERE id = ?",
              {now, due, mine ? input.to_user_id : std::nullopt, next->id});
    }
    if (input.to_user_id && !taken) return Error::Invalid("dossiers.bad_receiver", "to_user_id");
    d.status = 4;
    d.handling_agency_id = handling;
    const nlohmann::json detail = Detail({{"step_id", step_id}, {"timeliness", timeliness}, {"note", input.note},
                                          {"to_user_id", input.to_user_id ? nlohmann::json(*input.to_user_id) : nlohmann::json()}});
    store::AppendEvent(tx, d, actor.user_id, "step_handed_over", now, std::nullopt, detail);
    audit_.Record(tx, actor, AuditOf(d, "step_handed_over", detail));
    d.updated_at = stamp;
    // The answer is what was written (no re-read inside the one writer's transaction).
    for (Step& s : d.steps) {
      if (s.id == step_id) {
        s.state = "done";
        s.finished_at = now;
        s.finished_by = actor.user_id;
        s.timeliness = timeliness;
      }
      for (const auto& [next, due] : started)
        if (s.id == next->id) {
          s.state = "active";
          s.started_at = now;
          s.due_at = due;
          s.assignee_id = taken_by_receiver(next) ? input.to_user_id : std::nullopt;
        }
    }
    return std::move(d);
  });
}

Result<Dossier> Service::Assign(const Actor& actor, DossierId id, StepId step_id, UserId user) const {
  EISO_TRY(d, Load(actor, id));
  const auto it = std::find_if(d.steps.begin(), d.steps.end(), [&](const Step& s) { return s.id == step_id; });
  if (it == d.steps.end()) return Error::NotFound("dossiers.step_not_found");
  const bool leader = actor.agency_id == it->agency_id && actor.Has(Role::kLeader);
  const bool self = user == actor.user_id && MayActOnStep(actor, *it);
  if (!leader && !self) return Error::Forbidden();
  if (it->state != "active") return Error::Precondition("dossiers.step_not_active");
  const core::Millis now = clock_.Now();
  return db_.Write([&](db::Tx& tx) -> Result<Dossier> {
    if (!MayTake(tx, auth_, user, it->agency_id)) return Error::Invalid("dossiers.bad_receiver", "user_id");
    EISO_CHECK(Touch(tx, d, now));
    tx.Exec("UPDATE dossier_steps SET assignee_id = ? WHERE id = ?", {user, step_id});
    const nlohmann::json detail = Detail({{"step_id", step_id}, {"user_id", user}});
    return Recorded(tx, audit_, actor, d, "step_assigned", now, std::nullopt, detail);
  });
}

Result<std::vector<auth::User>> Service::Candidates(const Actor& actor, DossierId id, StepId step_id) const {
  EISO_TRY(d, Load(actor, id));
  const auto it = std::find_if(d.steps.begin(), d.steps.end(), [&](const Step& s) { return s.id == step_id; });
  if (it == d.steps.end()) return Error::NotFound("dossiers.step_not_found");
  return db_.Read([&](db::Tx& tx) -> Result<std::vector<auth::User>> {
    std::vector<auth::User> out;
    for (auth::User& u : auth_.ActiveUsersOf(tx, {it->agency_id}))
      if (u.roles & (static_cast<std::uint32_t>(Role::kOfficer) | static_cast<std::uint32_t>(Role::kLeader)))
        out.push_back(std::move(u));
    return out;
  });
}

Result<std::vector<DossierEvent>> Service::History(const Actor& actor, DossierId id) const {
  EISO_TRY(d, Load(actor, id));
  return db_.Read([&](db::Tx& tx) -> Result<std::vector<DossierEvent>> {
    std::vector<DossierEvent> out = store::Events(tx, d.id);
    std::map<UserId, std::string> names;
    for (DossierEvent& e : out) {
      if (!e.actor_id) continue;
      auto [it, fresh] = names.try_emplace(*e.actor_id);
      if (fresh)
        if (const auto u = auth_.FindUser(tx, *e.actor_id)) it->second = u->full_name;
      e.actor_name = it->second;
    }
    return out;
  });
}

Result<Dossier> Service::RequestSupplement(const Actor& actor, DossierId id, const std::vector<std::string>& items) const {
  EISO_TRY(d, Load(actor, id));
  if (!MayHandle(actor, d)) return Error::Forbidden();
  if (d.status != 2 && d.status != 4) return Error::Precondition("dossiers.bad_status");
  if (items.empty()) return Error::Invalid("dossiers.items_required", "items");
  const core::Millis now = clock_.Now();
  EISO_TRY(notice_by, DueOf(d.agency_id, d.received_at, "working_days", 3, false));
  const bool notice_late = now > notice_by;
  return db_.Write([&](db::Tx& tx) -> Result<Dossier> {
    EISO_CHECK(Touch(tx, d, now));
    tx.Exec("UPDATE dossiers SET status = 5, paused_at = ?, missing_json = ?, notice_late = ? WHERE id = ?",
            {now, nlohmann::json(items).dump(), notice_late, id});
    d.status = 5;
    const nlohmann::json detail = Detail({{"items", items}, {"notice_late", notice_late}});
    return Recorded(tx, audit_, actor, d, "supplement_requested", now, std::nullopt, detail);
  });
}

Result<Dossier> Service::RequestFinancial(const Actor& actor, DossierId id, const std::vector<std::string>& items) const {
  EISO_TRY(d, Load(actor, id));
  if (!MayHandle(actor, d)) return Error::Forbidden();
  if (d.status != 2 && d.status != 4) return Error::Precondition("dossiers.bad_status");
  if (items.empty()) return Error::Invalid("dossiers.items_required", "items");
  const core::Millis now = clock_.Now();
  return db_.Write([&](db::Tx& tx) -> Result<Dossier> {
    EISO_CHECK(Touch(tx, d, now));
    tx.Exec("UPDATE dossiers SET status = 6, paused_at = ?, missing_json = ? WHERE id = ?",
            {now, nlohmann::json(items).dump(), id});
    d.status = 6;
    const nlohmann::json detail = Detail({{"items", items}});
    return Recorded(tx, audit_, actor, d, "financial_requested", now, std::nullopt, detail);
  });
}

Result<Dossier> Service::FinancialDone(const Actor& actor, DossierId id) const {
  EISO_TRY(d, Load(actor, id));
  if (!AtAgency(actor, d.agency_id, Role::kClerk) && !MayHandle(actor, d)) return Error::Forbidden();
  if (d.status != 6) return Error::Precondition("dossiers.bad_status");
  const core::Millis now = clock_.Now();
  const core::Millis paused = d.paused_at.value_or(now);
  // Every due time moves by the working minutes waited, in its own unit's calendar.
  auto moved = [&](AgencyId agency, core::Millis due) {
    const auto calendar = calendar_.CalendarFor(agency);
    const std::int64_t minutes = calendar->WorkingMinutesBetween(paused, now);
    return minutes > 0 ? calendar->AddWorkingMinutes(due, minutes) : due;
  };
  const std::int64_t waited = calendar_.WorkingMinutesBetween(d.agency_id, paused, now);
  const std::optional<core::Millis> due = d.due_at ? std::optional(moved(d.agency_id, *d.due_at)) : std::nullopt;
  const std::optional<core::Millis> base = d.base_due_at ? std::optional(moved(d.agency_id, *d.base_due_at)) : std::nullopt;
  std::vector<std::pair<StepId, core::Millis>> steps;
  for (const Step& s : d.steps)
    if (s.state == "active" && s.due_at) steps.emplace_back(s.id, moved(s.agency_id, *s.due_at));
  return db_.Write([&](db::Tx& tx) -> Result<Dossier> {
    EISO_CHECK(Touch(tx, d, now));
    tx.Exec("UPDATE dossiers SET status = 4, paused_at = NULL, missing_json = '[]', due_at = ?, base_due_at = ? "
            "WHERE id = ?",
            {due, base, id});
    for (const auto& [step, step_due] : steps)
      tx.Exec("UPDATE dossier_steps SET due_at = ? WHERE id = ?", {step_due, step});
    d.status = 4;
    nlohmann::json detail = Detail({{"waited_minutes", waited}});
    if (due) detail["due_at"] = *due;
    return Recorded(tx, audit_, actor, d, "financial_done", now, std::nullopt, detail);
  });
}

Result<Dossier> Service::ReceiveSupplement(const Actor& actor, DossierId id) const {
  EISO_TRY(d, Load(actor, id));
  if (!AtAgency(actor, d.agency_id, Role::kClerk)) return Error::Forbidden();
  if (d.status != 5) return Error::Precondition("dossiers.bad_status");
  const core::Millis now = clock_.Now();
  // Decree 61/2018 art. 19.4: the processing time restarts from zero at the complete dossier.
  EISO_TRY(due, DueOf(d.agency_id, now, d.allowance_unit, d.allowance_amount, d.cutoff_rule));
  std::vector<std::pair<StepId, core::Millis>> restarted;
  for (const Step& s : d.steps)
    if (s.state == "active") {
      EISO_TRY(step_due, StepDue(s.agency_id, now, s.budget_minutes, s.budget_days, due));
      restarted.emplace_back(s.id, step_due);
    }
  return db_.Write([&](db::Tx& tx) -> Result<Dossier> {
    EISO_CHECK(Touch(tx, d, now));
    tx.Exec("UPDATE dossiers SET status = 4, paused_at = NULL, base_due_at = ?, due_at = ? WHERE id = ?", {due, due, id});
    for (const auto& [step, step_due] : restarted)
      tx.Exec("UPDATE dossier_steps SET started_at = ?, due_at = ? WHERE id = ?", {now, step_due, step});
    d.status = 4;
    const nlohmann::json detail = Detail({{"due_at", due}});
    return Recorded(tx, audit_, actor, d, "supplement_received", now, std::nullopt, detail);
  });
}

Result<Dossier> Service::Apologize(const Actor& actor, DossierId id, core::Millis new_due_at,
                                   const std::string& reason) const {
  EISO_TRY(d, Load(actor, id));
  const bool may = (actor.agency_id == d.agency_id && (actor.Has(Role::kLeader) || actor.Has(Role::kOfficer) ||
                                                       actor.Has(Role::kClerk)));
  if (!may) return Error::Forbidden();
  if (d.status != 2 && d.status != 4) return Error::Precondition("dossiers.bad_status");
  if (d.apologized) return Error::Precondition("dossiers.apology_used");
  if (reason.empty()) return Error::Invalid("dossiers.reasons_required", "reason");
  if (!d.due_at || new_due_at <= *d.due_at) return Error::Invalid("dossiers.bad_new_due", "new_due_at");
  const core::Millis now = clock_.Now();
  // Decree 61/2018 art. 19.9: at latest one working day before the due time.
  EISO_TRY(one_day, DueOf(d.agency_id, now, "working_days", 1, false));
  if (one_day > *d.due_at) return Error::Precondition("dossiers.apology_too_late");
  return db_.Write([&](db::Tx& tx) -> Result<Dossier> {
    EISO_CHECK(Touch(tx, d, now));
    tx.Exec("UPDATE dossiers SET apologized = 1, due_at = ? WHERE id = ?", {new_due_at, id});
    const nlohmann::json detail = Detail({{"reason", reason}, {"old_due_at", *d.due_at}, {"due_at", new_due_at}});
    return Recorded(tx, audit_, actor, d, "apology", now, std::nullopt, detail);
  });
}

Result<Dossier> Service::Decide(const Actor& actor, DossierId id, bool positive, const std::string& reasons) const {
  EISO_TRY(d, Load(actor, id));
  if (!AtAgency(actor, d.agency_id, Role::kLeader)) return Error::Forbidden();
  if (d.status != 4 && d.status != 2) return Error::Precondition("dossiers.bad_status");
  if (!positive && reasons.empty()) return Error::Invalid("dossiers.reasons_required", "reasons");
  // The leader's decision closes the approval and signing steps (active, and those still ahead);
  // the return step, if any, starts.
  std::set<StepId> finishing;
  for (const Step& s : d.steps) {
    if (s.state == "active" && s.kind != "approve" && s.kind != "sign") return Error::Precondition("dossiers.steps_open");
    if (s.state != "done" && (s.kind == "approve" || s.kind == "sign")) finishing.insert(s.id);
  }
  const core::Millis now = clock_.Now();
  const core::Millis base = d.base_due_at.value_or(now);
  // The result counts by day, as the reports do: resolved on the appointment's day is on time
  // (đúng hạn), on an earlier day early (trước hạn), on a later day late (quá hạn).
  std::string timeliness = ToString(calendar_.Classify(d.agency_id, now, base, calendar::Granularity::kDay));
  if (timeliness == "late" && d.apologized) timeliness = "late_apology";
  std::vector<std::pair<const Step*, std::string>> finished;
  for (const Step& s : d.steps)
    if (finishing.count(s.id))
      finished.emplace_back(&s, s.due_at ? ToString(calendar_.Classify(s.agency_id, now, *s.due_at,
                                                                       calendar::Granularity::kMinute))
                                         : "on_time");
  std::vector<std::pair<const Step*, core::Millis>> started;
  if (!finishing.empty())
    for (const Step* next : NextStage(d, finishing)) {
      EISO_TRY(due, StepDue(next->agency_id, now, next->budget_minutes, next->budget_days, d.due_at));
      started.emplace_back(next, due);
    }
  return db_.Write([&](db::Tx& tx) -> Result<Dossier> {
    EISO_CHECK(Touch(tx, d, now));
    for (const auto& [s, t] : finished)
      tx.Exec("UPDATE dossier_steps SET state = 'done', started_at = COALESCE(started_at, ?), finished_at = ?, "
              "finished_by = ?, timeliness = ? WHERE id = ?",
              {now, now, actor.user_id, t, s->id});
    for (const auto& [s, due] : started)
      tx.Exec("UPDATE dossier_steps SET state = 'active', started_at = ?, due_at = ? WHERE id = ?", {now, due, s->id});
    tx.Exec("UPDATE dossiers SET status = 9, result_positive = ?, reasons = ?, resolved_at = ?, timeliness = ?, "
            "handling_agency_id = agency_id WHERE id = ?",
            {positive, reasons, now, timeliness, id});
    d.status = 9;
    if (timeliness == "late" || timeliness == "late_apology")
      store::QualityEvent(tx, id, std::nullopt, d.agency_id, now, base, Detail({{"timeliness", timeliness}}));
    const nlohmann::json detail = Detail({{"positive", positive}, {"timeliness", timeliness}, {"reasons", reasons}});
    return Recorded(tx, audit_, actor, d, "resolved", now, "resolved." + timeliness, detail);
  });
}

namespace {

// Closes a dossier without a result: 7 withdrawn, 8 stopped. Open steps are cancelled.
Result<Dossier> Close(db::Database& db, const audit::Service& audit, const Actor& actor, Dossier d, int status,
                      const std::string& kind, const std::string& reason, core::Millis now) {
  return db.Write([&](db::Tx& tx) -> Result<Dossier> {
    EISO_CHECK(Touch(tx, d, now));
    tx.Exec("UPDATE dossier_steps SET state = 'cancelled' WHERE dossier_id = ? AND state <> 'done'", {d.id});
    tx.Exec("UPDATE dossiers SET status = ?, reasons = ?, resolved_at = ? WHERE id = ?", {status, reason, now, d.id});
    d.status = status;
    const nlohmann::json detail = Detail({{"reason", reason}});
    return Recorded(tx, audit, actor, d, kind, now, kind, detail);
  });
}

}  // namespace

Result<Dossier> Service::Withdraw(const Actor& actor, DossierId id, const std::string& reason) const {
  EISO_TRY(d, Load(actor, id));
  if (!AtAgency(actor, d.agency_id, Role::kClerk)) return Error::Forbidden();
  if (d.status != 2 && d.status != 4 && d.status != 5 && d.status != 6) return Error::Precondition("dossiers.bad_status");
  return Close(db_, audit_, actor, std::move(d), 7, "withdrawn", reason, clock_.Now());
}

Result<Dossier> Service::Stop(const Actor& actor, DossierId id, const std::string& reason) const {
  EISO_TRY(d, Load(actor, id));
  if (!AtAgency(actor, d.agency_id, Role::kLeader)) return Error::Forbidden();
  if (d.status != 4 && d.status != 5 && d.status != 6) return Error::Precondition("dossiers.bad_status");
  if (reason.empty()) return Error::Invalid("dossiers.reasons_required", "reason");
  return Close(db_, audit_, actor, std::move(d), 8, "stopped", reason, clock_.Now());
}

Result<Dossier> Service::ReturnResult(const Actor& actor, DossierId id) const {
  EISO_TRY(d, Load(actor, id));
  if (!AtAgency(actor, d.agency_id, Role::kClerk)) return Error::Forbidden();
  if (d.status != 9) return Error::Precondition("dossiers.bad_status");
  const core::Millis now = clock_.Now();
  std::vector<std::pair<StepId, std::string>> finished;
  for (const Step& s : d.steps)
    if (s.state == "active")
      finished.emplace_back(s.id, ToString(calendar_.Classify(s.agency_id, now, s.due_at.value_or(now),
                                                              calendar::Granularity::kMinute)));
  return db_.Write([&](db::Tx& tx) -> Result<Dossier> {
    EISO_CHECK(Touch(tx, d, now));
    for (const auto& [s, t] : finished)
      tx.Exec("UPDATE dossier_steps SET state = 'done', finished_at = ?, finished_by = ?, timeliness = ? WHERE id = ?",
              {now, actor.user_id, t, s});
    tx.Exec("UPDATE dossiers SET status = 10, returned_at = ?, handling_agency_id = NULL WHERE id = ?", {now, id});
    d.status = 10;
    return Recorded(tx, audit_, actor, d, "returned", now, "returned", nlohmann::json::object());
  });
}

Result<Dossier> Service::Correct(const Actor& actor, DossierId id, const std::string& metric, int delta,
                                 const std::string& reason) const {
  static const std::set<std::string> kMetrics = {
      "received.1", "received.2", "received.3", "guided", "refused", "resolved.early", "resolved.on_time",
      "resolved.late", "resolved.late_apology", "withdrawn", "stopped", "returned"};
  EISO_TRY(d, Load(actor, id));
  if (!AtAgency(actor, d.agency_id, Role::kLeader)) return Error::Forbidden();
  if (!kMetrics.count(metric)) return Error::Invalid("dossiers.bad_metric", "metric");
  if (delta != 1 && delta != -1) return Error::Invalid("dossiers.bad_delta", "delta");
  if (reason.empty()) return Error::Invalid("dossiers.reasons_required", "reason");
  const core::Millis now = clock_.Now();
  return db_.Write([&](db::Tx& tx) -> Result<Dossier> {
    EISO_CHECK(Touch(tx, d, now));
    const nlohmann::json detail = Detail({{"metric", metric}, {"delta", delta}, {"reason", reason}});
    return Recorded(tx, audit_, actor, d, "correction", now, metric, detail, delta);
  });
}

namespace {

void Finish(StatsFigures& f) {
  auto count = [&](const char* k) {
    const auto it = f.counts.find(k);
    return it == f.counts.end() ? 0 : it->second;
  };
  f.received = count("received.1") + count("received.2") + count("received.3");
  const std::int64_t good = count("resolved.early") + count("resolved.on_time");
  f.resolved = good + count("resolved.late") + count("resolved.late_apology");
  f.on_time_over_received = f.received ? static_cast<double>(good) / static_cast<double>(f.received) : 0;
  f.on_time_over_resolved = f.resolved ? static_cast<double>(good) / static_cast<double>(f.resolved) : 0;
}

// Received minus closed (resolved, withdrawn, stopped) before `from`: still open at its start.
std::int64_t OpenAt(const std::vector<store::CounterSum>& before) {
  std::int64_t open = 0;
  for (const auto& c : before) {
    if (c.metric.rfind("received.", 0) == 0) open += c.count;
    if (c.metric.rfind("resolved.", 0) == 0 || c.metric == "withdrawn" || c.metric == "stopped") open -= c.count;
  }
  return std::max<std::int64_t>(open, 0);
}

}  // namespace

Result<Stats> Service::GetStats(const Actor& actor, const StatsQuery& query) const {
  if (!actor.IsAuthenticated()) return Error::Unauthenticated();
  const bool province = actor.province_wide || actor.Has(Role::kDostEvaluator);
  if (!query.agency_id && !province) return Error::Forbidden();
  if (query.agency_id && *query.agency_id != actor.agency_id && !province) return Error::Forbidden();
  store::Group group = store::Group::kNone;
  if (query.group_by == "period") group = store::Group::kPeriod;
  else if (query.group_by == "agency" || query.group_by == "level") group = store::Group::kAgency;
  else if (query.group_by == "procedure") group = store::Group::kProcedure;
  else if (!query.group_by.empty()) return Error::Invalid("dossiers.bad_group_by", "group_by");
  const bool by_agency = group == store::Group::kAgency;
  // An answer is reused while no statistics event has been written since (any process: the
  // newest event id says so) and for at most kStatsFresh, the "overdue now" part changing with time.
  const core::Millis now = clock_.Now();
  const std::string cache_key =
      std::to_string(query.agency_id.value_or(0)) + "|" + query.from + "|" + query.to + "|" + query.group_by;
  EISO_TRY(version, db_.Read([&](db::Tx& tx) -> Result<std::int64_t> { return store::StatsVersion(tx); }));
  // The cached answer if younger than max_age and, unless `any_version`, computed after the newest event.
  auto cached = [&](core::Millis max_age = kStatsFresh, bool any_version = false) -> std::optional<Stats> {
    std::lock_guard lock(stats_mutex_);
    const auto it = stats_cache_.find(cache_key);
    if (it != stats_cache_.end() && (any_version || it->second.version >= version) && now >= it->second.at &&
        now - it->second.at < max_age)
      return it->second.stats;
    return std::nullopt;
  };
  if (auto hit = cached()) return std::move(*hit);
  // One computation per question at a time. The others asking it meanwhile get the previous
  // answer if it is younger than kStatsStale (a dashboard refreshed every few seconds must not
  // queue behind a recount of every open dossier, nor recount once per waiter while events keep
  // coming); without one, they wait for the computation's answer.
  std::shared_ptr<std::mutex> computing;
  {
    std::lock_guard lock(stats_mutex_);
    auto& slot = stats_computing_[cache_key];
    if (!slot) slot = std::make_shared<std::mutex>();
    computing = slot;
  }
  std::unique_lock computing_lock(*computing, std::try_to_lock);
  if (!computing_lock.owns_lock()) {
    if (auto previous = cached(kStatsStale, true)) return std::move(*previous);
    computing_lock.lock();
  }
  if (auto hit = cached()) return std::move(*hit);
  // Names of the groups, read outside the statistics snapshot (they are labels only).
  std::map<std::string, std::pair<std::string, std::string>> names;   // key → (name, level)
  if (by_agency) {
    EISO_TRY(agencies, org_.List(actor, true));
    for (const auto& a : agencies) names[std::to_string(a.id)] = {a.name, std::string(org::ToString(a.level))};
  } else if (group == store::Group::kProcedure) {
    EISO_TRY(list, procedures_.List(actor, {}));
    for (const auto& p : list) names[std::to_string(p.id)] = {p.code + " — " + p.current.name, ""};
  }
  auto computed = db_.Read([&](db::Tx& tx) -> Result<Stats> {
    Stats out;
    store::CounterQuery q{query.agency_id, query.from, query.to, std::nullopt, store::Group::kNone};
    for (const auto& c : store::SumCounters(tx, q)) out.total.counts[c.metric] += c.count;
    Finish(out.total);
    q.before = query.from;
    out.carried_over = OpenAt(store::SumCounters(tx, q));
    const auto open = store::CountOpen(tx, query.agency_id, now, by_agency);
    out.total.in_progress = 0;
    out.total.overdue = 0;
    for (const auto& o : open) {
      *out.total.in_progress += o.in_progress;
      *out.total.overdue += o.overdue;
    }
    if (group == store::Group::kNone) return out;

    q.before.reset();
    q.group = group;
    std::map<std::string, StatsGroup> groups;
    const bool by_level = query.group_by == "level";
    auto key_of = [&](const std::string& key) {
      if (!by_level) return key;
      const auto it = names.find(key);
      return it == names.end() ? std::string("province") : it->second.second;
    };
    for (const auto& c : store::SumCounters(tx, q)) groups[key_of(c.key)].figures.counts[c.metric] += c.count;
    if (by_agency)
      for (const auto& o : open) {
        StatsFigures& f = groups[key_of(std::to_string(o.agency_id))].figures;
        f.in_progress = f.in_progress.value_or(0) + o.in_progress;
        f.overdue = f.overdue.value_or(0) + o.overdue;
      }
    for (auto& [key, g] : groups) {
      g.key = key;
      const auto it = names.find(key);
      g.name = by_level || group == store::Group::kPeriod ? key : it != names.end() ? it->second.first : "#" + key;
      if (by_agency && !g.figures.in_progress) {
        g.figures.in_progress = 0;
        g.figures.overdue = 0;
      }
      Finish(g.figures);
      out.groups.push_back(std::move(g));
    }
    return out;
  });
  if (computed.ok()) {
    std::lock_guard lock(stats_mutex_);
    if (stats_cache_.size() > 512) stats_cache_.clear();
    if (stats_computing_.size() > 512) stats_computing_.clear();   // a waiter keeps its own copy
    stats_cache_[cache_key] = {version, now, *computed};
  }
  return computed;
}

Result<Queues> Service::GetQueues(const Actor& actor) const {
  if (!actor.IsAuthenticated()) return Error::Unauthenticated();
  const core::Millis now = clock_.Now();
  return db_.Read([&](db::Tx& tx) -> Result<Queues> {
    Queues q;
    auto count = [&](const char* queue) { return store::CountQueue(tx, queue, actor.user_id, actor.agency_id, now); };
    if (actor.Has(Role::kClerk)) {
      q.clerk_guided = count("guided");
      q.clerk_to_return = count("to_return");
    }
    if (actor.Has(Role::kOfficer) || actor.Has(Role::kLeader)) {
      q.officer_my_steps = count("my_steps");
      q.officer_overdue = count("overdue");
      q.officer_due_soon = count("due_soon");
    }
    if (actor.Has(Role::kLeader)) q.leader_to_approve = count("to_approve");
    return q;
  });
}

Result<PublicView> Service::Lookup(const std::string& number, const std::string& secret,
                                   const std::string& remote_addr) const {
  bool behind = false;
  {
    std::lock_guard lock(lookups_mutex_);
    behind = lookups_.size() >= kLookupBacklog;
  }
  // The background writer is far behind (the database refuses writes?): no lookup is answered
  // that cannot be logged.
  if (behind) EISO_CHECK(FlushLookups());
  const std::string given = store::HashSecret(secret);
  const core::Millis now = clock_.Now();
  std::optional<AgencyId> handling;
  EISO_TRY(view, db_.ReadStatement([&](db::Tx& tx) -> Result<std::optional<PublicView>> {
    const auto row = tx.QueryOne(
        "SELECT secret_hash, status, due_at, handling_agency_id FROM dossiers WHERE number = ?", {number});
    // Compared whether or not the number exists, so that timing tells nothing either.
    const std::string stored = row && !row->IsNull(0) ? row->Text(0) : std::string(64, '0');
    const bool match = stored.size() == given.size() &&
                       sodium_memcmp(stored.data(), given.data(), given.size()) == 0 && row.has_value();
    if (!match) return std::optional<PublicView>();
    PublicView v;
    v.number = number;
    v.status = static_cast<int>(row->Int(1));
    v.due_at = row->OptInt(2);
    handling = row->OptInt(3);
    v.result_ready = v.status == 9;
    return std::optional<PublicView>(std::move(v));
  }));
  if (view && handling) {
    EISO_TRY(unit, UnitName(*handling, now));
    view->handling_unit = std::move(unit);
  }
  std::size_t waiting = 0;
  {
    std::lock_guard lock(lookups_mutex_);
    lookups_.push_back({number.substr(0, 64), now, remote_addr, view.has_value()});
    waiting = lookups_.size();
  }
  if (waiting == kLookupBatch) lookups_cv_.notify_one();
  if (!view) return Error::NotFound("dossiers.not_found");
  return std::move(*view);
}

Result<std::string> Service::UnitName(AgencyId agency, core::Millis now) const {
  {
    std::lock_guard lock(unit_names_mutex_);
    if (const auto it = unit_names_.find(agency); it != unit_names_.end() && now - it->second.second < kUnitNameFresh)
      return it->second.first;
  }
  EISO_TRY(found, db_.Read([&](db::Tx& tx) -> Result<std::optional<org::Agency>> { return org_.Find(tx, agency); }));
  if (!found) return std::string();
  std::lock_guard lock(unit_names_mutex_);
  unit_names_[agency] = {found->name, now};
  return found->name;
}

Status Service::FlushLookups() const {
  std::vector<LookupLog> batch;
  {
    std::lock_guard lock(lookups_mutex_);
    batch.swap(lookups_);
  }
  if (batch.empty()) return Ok();
  // Multi-row INSERTs of up to 64 rows: one round trip each on PostgreSQL instead of one per row.
  Status written = db_.Write([&](db::Tx& tx) -> Status {
    for (std::size_t i = 0; i < batch.size(); i += 64) {
      const std::size_t n = std::min<std::size_t>(64, batch.size() - i);
      std::string sql = "INSERT INTO dossier_lookups (number, at, remote_addr, found) VALUES ";
      db::Params params;
      params.reserve(n * 4);
      for (std::size_t k = 0; k < n; ++k) {
        const LookupLog& l = batch[i + k];
        sql += k == 0 ? "(?, ?, ?, ?)" : ", (?, ?, ?, ?)";
        params.emplace_back(l.number);
        params.emplace_back(l.at);
        params.emplace_back(l.remote_addr);
        params.emplace_back(l.found);
      }
      tx.Exec(sql, params);
    }
    return Ok();
  });
  if (!written.ok()) {   // kept, in front of the newer ones, for the next attempt
    std::lock_guard lock(lookups_mutex_);
    batch.insert(batch.end(), std::make_move_iterator(lookups_.begin()), std::make_move_iterator(lookups_.end()));
    lookups_.swap(batch);
  }
  return written;
}

void Service::FlushLoop() const {
  std::unique_lock lock(lookups_mutex_);
  while (!stopping_) {
    lookups_cv_.wait_for(lock, std::chrono::seconds(1),
                         [this] { return stopping_ || lookups_.size() >= kLookupBatch; });
    if (stopping_ || lookups_.empty()) continue;
    lock.unlock();
    // A failed batch is retried a second later with the next one (the rows go back in front);
    // past the backlog the requests themselves write and answer the error.
    const bool written = FlushLookups().ok();
    lock.lock();
    if (!written) lookups_cv_.wait_for(lock, std::chrono::seconds(1), [this] { return stopping_; });
  }
}

Service::~Service() {
  {
    std::lock_guard lock(lookups_mutex_);
    stopping_ = true;
  }
  lookups_cv_.notify_one();
  flusher_.join();
  (void)FlushLookups();
}

Result<std::map<Service::StatKey, std::int64_t>> Service::Counters() const {
  return db_.Read([&](db::Tx& tx) -> Result<std::map<StatKey, std::int64_t>> {
    std::map<StatKey, std::int64_t> out;
    for (const db::Row& r : tx.Query("SELECT agency_id, procedure_id, period, metric, count FROM dossier_stats"))
      if (r.Int(4) != 0) out[{r.Int(0), r.Int(1), r.Text(2), r.Text(3)}] = r.Int(4);
    return out;
  });
}

Result<std::map<Service::StatKey, std::int64_t>> Service::RecountFromEvents() const {
  return db_.Read([&](db::Tx& tx) -> Result<std::map<StatKey, std::int64_t>> {
    std::map<StatKey, std::int64_t> out;
    for (const db::Row& r : tx.Query("SELECT agency_id, procedure_id, period, metric, SUM(delta) FROM dossier_events "
                                     "WHERE metric IS NOT NULL GROUP BY agency_id, procedure_id, period, metric"))
      if (r.Int(4) != 0) out[{r.Int(0), r.Int(1), r.Text(2), r.Text(3)}] = r.Int(4);
    return out;
  });
}

}  // namespace eiso::dossiers
