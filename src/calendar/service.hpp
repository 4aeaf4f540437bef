// Calendar: the working-day calendar of the province as a service — the built-in holiday rules
// (HolidayRules::Vietnam: Labour Code art. 112, the announced arrangements shipped with eISO)
// extended per year by decisions administrators enter with their legal basis, and the province's
// working-time settings (weekly rest, office sessions, Saturday-morning reception) with per-unit
// overrides. Every deadline of eISO is computed here. Owns tables calendar_decisions,
// calendar_unit_settings and calendar_version; other modules use this header only.
//
// State: an immutable snapshot (one Calendar for the province, one per unit with an override),
// replaced whole after each write of this process (shared_ptr swap under a mutex held only for
// the swap: readers never wait for a write or a rebuild). Another eiso process's write is seen
// within about a second: a reader checks calendar_version at most once per second and reloads
// when it moved. Each mutating call commits its change and its audit event in one transaction.
// Computations (DueAt, WorkingMinutesBetween, Classify, CalendarFor) take no actor: callers are
// other modules, which decide who may ask; they may read the database for that freshness check,
// so call them outside an open write transaction.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <vector>

#include "audit/service.hpp"
#include "calendar/model.hpp"
#include "core/clock.hpp"
#include "core/i18n.hpp"
#include "core/result.hpp"
#include "db/database.hpp"
#include "org/service.hpp"

namespace eiso::calendar {

class Service {
 public:
  // Loads the snapshot; the built-in rules alone if the database cannot be read.
  Service(db::Database& db, const audit::Service& audit, const org::Service& org,
          const core::Clock& clock);

  // The due time of `allowance` for work received at `received_at` by `agency_id` (the
  // province's calendar when empty or when the unit has no override), with its explanation.
  // kInvalidInput "calendar.bad_amount" (field "amount") for a negative allowance or one beyond
  // 1,000 days / 8,000 hours; "calendar.out_of_range" (field "received_at") outside 1900–2100.
  Result<Due> DueAt(std::optional<AgencyId> agency_id, core::Millis received_at,
                    const Allowance& allowance, const CountingOptions& options = {}) const;
  // Office minutes in [from, to) on the unit's calendar (negative when to < from).
  std::int64_t WorkingMinutesBetween(std::optional<AgencyId> agency_id, core::Millis from,
                                     core::Millis to) const;
  Timeliness Classify(std::optional<AgencyId> agency_id, core::Millis finished_at,
                      core::Millis due_at, Granularity granularity) const;
  // The unit's calendar in the current snapshot, for ProcessingClock; keep it no longer than the
  // computation at hand, so that later calls see later decisions.
  std::shared_ptr<const Calendar> CalendarFor(std::optional<AgencyId> agency_id) const;

  // Reading, for every signed-in user (kUnauthenticated otherwise).
  // Every day of `year` with its kind, reason and lunar date; kInvalidInput "calendar.bad_year"
  // outside 1900–2100, "calendar.agency_not_found" for an unknown agency.
  Result<YearView> Year(const Actor& actor, int year, std::optional<AgencyId> agency_id) const;
  // The built-in entries of `year` not overridden by a row, and the rows, ordered by date.
  Result<std::vector<Decision>> Decisions(const Actor& actor, int year) const;
  Result<SettingsView> GetSettings(const Actor& actor, std::optional<AgencyId> agency_id) const;
  // DueAt for the "try a deadline" form.
  Result<Due> TryDeadline(const Actor& actor, const DeadlineInput& input) const;

  // Writes. Decisions: province-wide administrators only (kForbidden). kInvalidInput with the
  // field for bad input; kConflict "calendar.date_taken" when a row already holds the date;
  // kNotFound "calendar.decision_not_found".
  Result<Decision> CreateDecision(const Actor& actor, const DecisionInput& input) const;
  Result<Decision> UpdateDecision(const Actor& actor, DecisionId id, const DecisionInput& input) const;
  Status DeleteDecision(const Actor& actor, DecisionId id) const;
  // Replaces the settings row of the province (empty agency: province-wide administrators) or of
  // a unit (its administrators, or those of an agency above it). kInvalidInput "calendar.*" for
  // sessions out of order or overlapping, or a week without a working day.
  Result<SettingsView> PutSettings(const Actor& actor, const UnitSettings& input) const;

 private:
  struct Snapshot;

  std::shared_ptr<const Snapshot> Current() const;
  std::shared_ptr<const Snapshot> Load(db::Tx& tx) const;
  void Install(std::shared_ptr<const Snapshot> snapshot) const;
  void Reload() const;
  const Calendar& CalendarIn(const Snapshot& snapshot, std::optional<AgencyId> agency_id) const;
  Status CheckAgency(db::Tx& tx, std::optional<AgencyId> agency_id) const;
  bool MayAdminister(db::Tx& tx, const Actor& actor, std::optional<AgencyId> agency_id) const;
  SettingsView ViewOf(const Snapshot& snapshot, std::optional<AgencyId> agency_id) const;

  db::Database& db_;
  const audit::Service& audit_;
  const org::Service& org_;
  const core::Clock& clock_;
  mutable std::mutex mutex_;  // guards snapshot_ (the pointer only)
  mutable std::shared_ptr<const Snapshot> snapshot_;
  mutable std::atomic<std::int64_t> last_version_check_ms_{0};  // steady clock
};

std::span<const core::Message> Messages();
const std::vector<db::Migration>& Migrations();

}  // namespace eiso::calendar
