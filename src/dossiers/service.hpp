// Dossiers: an administrative-procedure file (hồ sơ TTHC) from receipt at the single window to its
// result, moved stage by stage along the issued ISO process version it was received under (kept:
// a later issue never changes it). Statuses are the national portal's ten codes.
// Owns tables dossiers, dossier_counters, dossier_steps, dossier_events, dossier_stats,
// dossier_lookups, dossier_quality_events; other modules use this header only.
// Each mutating call commits its change, its dossier event, the statistics counters that event
// moves and its audit event in one transaction. Due times are computed with the calendar before
// that transaction, from a snapshot read just before; the write then checks the snapshot is
// unchanged (kConflict "dossiers.changed" otherwise: reload). State: an in-memory cache of the
// procedure version and process in force per (procedure, agency, day) — immutable values — and
// of the unit names the public lookup shows (a minute).
//
// Who may do what: clerks (một cửa) receive, take supplements, record withdrawals and return
// results at their own agency; officers act on steps assigned to them or, unassigned, to their
// unit; leaders of the agency act on its steps, approve or stop; a dossier is 404 to other
// agencies except those with one of its steps. Statistics: the agency's staff, province-wide
// administrators and DOST evaluators for the whole province.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <condition_variable>
#include <thread>
#include <span>
#include <string>
#include <tuple>
#include <vector>

#include "audit/service.hpp"
#include "auth/service.hpp"
#include "calendar/service.hpp"
#include "core/clock.hpp"
#include "core/i18n.hpp"
#include "core/result.hpp"
#include "db/database.hpp"
#include "dossiers/forms.hpp"
#include "dossiers/model.hpp"
#include "org/service.hpp"
#include "procedures/service.hpp"

namespace eiso::dossiers {

class Service {
 public:
  Service(db::Database& db, const audit::Service& audit, const org::Service& org, const auth::Service& auth,
          const procedures::Service& procedures, const calendar::Service& calendar, const core::Clock& clock);

  // Intake at the single window (Decree 61/2018 art. 17). kReceive: number <unit code>-YYMMDD-XXXX,
  // lookup secret (returned once), due time, steps; Mẫu 01. kGuide: status 1 with the missing
  // components and notes (Mẫu 02), once per dossier; kRefuse: status 3 with reasons (Mẫu 03).
  // kForbidden unless a clerk of input.agency_id; kFailedPrecondition
  // "procedures.no_process_in_force"; kInvalidInput "dossiers.components_missing" (field
  // components) when receiving without a required component, "dossiers.nothing_missing" when
  // guiding with nothing missing, "dossiers.reasons_required" when refusing without reasons;
  // kFailedPrecondition "dossiers.already_guided".
  Result<Dossier> Receive(const Actor& actor, const ReceiveInput& input) const;
  // With its steps. kNotFound when absent or hidden from the actor.
  Result<Dossier> Get(const Actor& actor, DossierId id) const;
  // The newest 100 of the actor's agency, optionally by status; or the 100 first of a work queue
  // (step queues soonest due first; they include other agencies' dossiers with a step here).
  // kInvalidInput "dossiers.bad_queue" (field queue).
  Result<std::vector<Dossier>> List(const Actor& actor, const ListQuery& query) const;

  // Finishes an active step (Phiếu kiểm soát row): classified early / on time / late against its
  // due time, a late one also recorded for the quality module; when its stage is complete the next
  // stage starts, each step due after its own budget, handed to `to_user_id` when given.
  // kFailedPrecondition "dossiers.step_not_active", "dossiers.use_approve" for approve/sign steps.
  Result<Dossier> Handover(const Actor& actor, DossierId id, StepId step, const HandoverInput& input) const;
  // Assigns an active step to an officer. Leaders of the step's unit, or the officer taking it.
  Result<Dossier> Assign(const Actor& actor, DossierId id, StepId step, UserId user) const;
  // Who may take a step: active officers and leaders of the step's unit (for the "next person"
  // choice at handover and for assignment). Whoever may read the dossier.
  Result<std::vector<auth::User>> Candidates(const Actor& actor, DossierId id, StepId step) const;
  // The dossier's events, newest first, with the acting person's name (history panel).
  Result<std::vector<DossierEvent>> History(const Actor& actor, DossierId id) const;
  // Status 4 → 5 (Mẫu 02 during appraisal), pausing the clock; notice_late when later than 3
  // working days after receipt (art. 19.4).
  Result<Dossier> RequestSupplement(const Actor& actor, DossierId id, const std::vector<std::string>& items) const;
  // Status 5 → 4: the processing time restarts from zero at the supplement's receipt. Clerks.
  Result<Dossier> ReceiveSupplement(const Actor& actor, DossierId id) const;
  // Status 2/4 → 6: the applicant must pay fees or taxes first (yêu cầu thực hiện nghĩa vụ tài
  // chính); the clock stops. Who may request a supplement; kInvalidInput "dossiers.items_required".
  Result<Dossier> RequestFinancial(const Actor& actor, DossierId id, const std::vector<std::string>& items) const;
  // Status 6 → 4 once paid: unlike a supplement the clock does not restart, the appointment and
  // the active steps' due times move by the working time the dossier waited. Clerks of the
  // agency, or who may act on its active step.
  Result<Dossier> FinancialDone(const Actor& actor, DossierId id) const;
  // Mẫu 04: a new appointment, at latest one working day before the due time, once only.
  // kFailedPrecondition "dossiers.apology_used", "dossiers.apology_too_late"; kInvalidInput
  // "dossiers.bad_new_due" (field new_due_at) unless after the current due time.
  Result<Dossier> Apologize(const Actor& actor, DossierId id, core::Millis new_due_at, const std::string& reason) const;
  // Status 9 by a leader of the agency: approved result, or a negative one with reasons (art.
  // 19.8); classified against the first due time (late_apology when an apology was made).
  Result<Dossier> Decide(const Actor& actor, DossierId id, bool positive, const std::string& reasons) const;
  // 7 (applicant withdraws; clerk), 8 (stopped; leader), 10 (result handed back; clerk).
  Result<Dossier> Withdraw(const Actor& actor, DossierId id, const std::string& reason) const;
  Result<Dossier> Stop(const Actor& actor, DossierId id, const std::string& reason) const;
  Result<Dossier> ReturnResult(const Actor& actor, DossierId id) const;

  // Statistics are never edited: a metric counted wrongly is corrected by a new event (delta -1 or
  // +1, in the current month) with its reason. Leaders of the dossier's agency. kInvalidInput
  // "dossiers.bad_metric" (field metric), "dossiers.bad_delta", "dossiers.reasons_required".
  Result<Dossier> Correct(const Actor& actor, DossierId id, const std::string& metric, int delta,
                          const std::string& reason) const;
  // From the counters, plus open dossiers now in progress and overdue.
  Result<Stats> GetStats(const Actor& actor, const StatsQuery& query) const;
  Result<Queues> GetQueues(const Actor& actor) const;

  // Printable one-stop forms (biểu mẫu một cửa, TT 01/2018/TT-VPCP art. 9; forms_service.cpp
  // gathers, dossiers/forms.hpp renders). A form is printed by whoever may Get its dossier, only
  // once the dossier's state has produced it: kFailedPrecondition "dossiers.form_not_applicable"
  // (field kind) otherwise; kInvalidInput "dossiers.bad_form_kind" for the book (PrintBook).
  struct PrintedForm {
    std::string filename;                                     // "Mau01-<number>.pdf"
    std::string pdf;
  };
  // Mẫu 01–05 of a dossier, with a QR code of its lookup address under `public_url`; `secret`
  // (receipt only, as given at intake) is printed and put in the QR code after VerifySecret.
  Result<PrintedForm> PrintForm(const Actor& actor, DossierId id, forms::FormKind kind, const std::string& secret,
                                const std::string& public_url) const;
  // The lookup code against its stored hash: kFailedPrecondition "dossiers.bad_secret" (field
  // secret) unless it matches; kNotFound as Get.
  Status VerifySecret(const Actor& actor, DossierId id, const std::string& secret) const;
  // Mẫu 06 Sổ theo dõi hồ sơ: the numbered dossiers an agency received in a year (months
  // from..to), read page by page. The agency's staff, province-wide administrators and DOST
  // evaluators; kForbidden otherwise. kInvalidInput "dossiers.bad_period" (field year, from or
  // to); kFailedPrecondition "dossiers.book_too_large" (field from) above kBookMaxRows.
  struct BookQuery {
    AgencyId agency_id = 0;
    int year = 0;
    int from_month = 1;
    int to_month = 12;
  };
  static constexpr std::int64_t kBookMaxRows = 5000;
  Result<PrintedForm> PrintBook(const Actor& actor, const BookQuery& query) const;

  // Portal lookup (no session): the same kNotFound for an unknown number and a wrong secret; the
  // secret's hash compared in constant time. Every lookup is logged (dossier_lookups) by a
  // background thread, in batches written once kLookupBatch wait or at least every second, and on
  // FlushLookups / destruction: a lookup costs one indexed read and never waits for a write (unless
  // the log falls kLookupBacklog behind, e.g. the database refuses writes); a crash loses at most
  // the unwritten batch.
  Result<PublicView> Lookup(const std::string& number, const std::string& secret,
                            const std::string& remote_addr) const;
  Status FlushLookups() const;
  ~Service();

  // For tests and `eiso` checks: the counters, and the same sums recomputed from the events,
  // keyed (agency, procedure, period, metric).
  using StatKey = std::tuple<AgencyId, std::int64_t, std::string, std::string>;
  Result<std::map<StatKey, std::int64_t>> Counters() const;
  Result<std::map<StatKey, std::int64_t>> RecountFromEvents() const;

 private:
  struct Pinned;
  Result<std::shared_ptr<const Pinned>> InForce(const Actor& actor, std::int64_t procedure, AgencyId agency,
                                                const std::string& date) const;
  Result<Dossier> Load(const Actor& actor, DossierId id) const;
  // The due time of an allowance (working_days / working_hours / days) counted from `from`.
  Result<core::Millis> DueOf(AgencyId agency, core::Millis from, const std::string& unit, int amount,
                             bool cutoff) const;
  // The due time of a step's budget started at `from` (minutes when not whole days).
  // A step with no budget of its own is due at `dossier_due` (the dossier's appointment).
  Result<core::Millis> StepDue(AgencyId agency, core::Millis from, std::int64_t minutes, int days,
                               std::optional<core::Millis> dossier_due) const;

  db::Database& db_;
  const audit::Service& audit_;
  const org::Service& org_;
  const auth::Service& auth_;
  const procedures::Service& procedures_;
  const calendar::Service& calendar_;
  const core::Clock& clock_;
  struct LookupLog {
    std::string number;
    core::Millis at = 0;
    std::string remote_addr;
    bool found = false;
  };
  static constexpr std::size_t kLookupBatch = 1024;
  static constexpr std::size_t kLookupBacklog = 16 * kLookupBatch;
  void FlushLoop() const;
  mutable std::mutex lookups_mutex_;
  mutable std::condition_variable lookups_cv_;
  mutable std::vector<LookupLog> lookups_;
  bool stopping_ = false;   // guarded by lookups_mutex_
  struct CachedStats {
    std::int64_t version = 0;   // the newest dossier event when computed
    core::Millis at = 0;
    Stats stats;
  };
  static constexpr core::Millis kStatsFresh = 2000;
  static constexpr core::Millis kStatsStale = 10'000;   // answered while a recount runs
  mutable std::mutex stats_mutex_;
  mutable std::map<std::string, CachedStats> stats_cache_;
  mutable std::map<std::string, std::shared_ptr<std::mutex>> stats_computing_;
  mutable std::mutex cache_mutex_;
  mutable std::map<std::tuple<std::int64_t, AgencyId, std::string>, std::shared_ptr<const Pinned>> in_force_;
  // The names of handling units shown by the public lookup, each kept kUnitNameFresh: a rename
  // shows there within a minute, and a lookup reads one row instead of two.
  static constexpr core::Millis kUnitNameFresh = 60'000;
  Result<std::string> UnitName(AgencyId agency, core::Millis now) const;
  mutable std::mutex unit_names_mutex_;   // guards unit_names_ (and cache_mutex_ guards in_force_)
  mutable std::map<AgencyId, std::pair<std::string, core::Millis>> unit_names_;
  std::thread flusher_;   // the lookup log's writer; last, so it starts after every other member exists
};

std::span<const core::Message> Messages();
const std::vector<db::Migration>& Migrations();

}  // namespace eiso::dossiers
