// Dossiers (hồ sơ thủ tục hành chính): what the single window receives, its steps along the
// pinned ISO process, and the statistics derived from its events.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "core/clock.hpp"

namespace eiso::dossiers {

using DossierId = std::int64_t;
using StepId = std::int64_t;

// The national portal's status codes (DVCQG, rules-vn (b)).
enum class DossierStatus : int {
  kNew = 1,               // Mới đăng ký (also: guided at intake, Mẫu 02)
  kReceived = 2,          // Được tiếp nhận
  kRefused = 3,           // Không được tiếp nhận (Mẫu 03)
  kProcessing = 4,        // Đang xử lý
  kSupplement = 5,        // Yêu cầu bổ sung giấy tờ
  kFinancial = 6,         // Yêu cầu thực hiện nghĩa vụ tài chính
  kWithdrawn = 7,         // Công dân yêu cầu rút hồ sơ
  kStopped = 8,           // Dừng xử lý
  kResolved = 9,          // Đã xử lý xong
  kReturned = 10,         // Đã trả kết quả
};

enum class Channel : int { kCounter = 1, kOnline = 2, kPostal = 3 };
enum class IntakeOutcome { kReceive, kGuide, kRefuse };

struct Applicant {
  std::string name;
  std::string id_number;
  std::string address;
  std::string phone;
  std::string email;
};

struct ReceiveInput {
  AgencyId agency_id = 0;
  std::int64_t procedure_id = 0;
  Channel channel = Channel::kCounter;
  Applicant applicant;
  std::vector<int> components;            // indexes into the procedure version's components
  IntakeOutcome outcome = IntakeOutcome::kReceive;
  std::vector<std::string> notes;         // guidance beyond the missing components, or refusal reasons
  std::optional<DossierId> guided_id;     // the guidance this intake follows
};

struct Step {
  StepId id = 0;
  int position = 0;
  int stage = 0;
  std::string name;
  std::string kind;                       // procedures::StepKind as text
  AgencyId agency_id = 0;
  std::int64_t budget_minutes = 0;        // the process step's budget: working minutes,
  int budget_days = 0;                    // or whole working days when not 0
  std::string state;                      // pending / active / done / cancelled
  std::optional<UserId> assignee_id;
  std::optional<core::Millis> started_at;
  std::optional<core::Millis> due_at;
  std::optional<core::Millis> finished_at;
  std::string timeliness;                 // early / on_time / late once done
  std::optional<UserId> finished_by;      // who handed it over (the control slip's receiver)
};

struct Dossier {
  DossierId id = 0;
  AgencyId agency_id = 0;
  std::int64_t procedure_id = 0;
  std::int64_t procedure_version_id = 0;
  std::int64_t process_document_id = 0;
  int process_version = 0;
  std::optional<std::string> number;
  int status = 1;
  std::string outcome;                    // received / guided / refused
  int channel = 1;
  Applicant applicant;
  std::vector<int> components;
  std::vector<std::string> missing;       // guidance items (Mẫu 02) or supplement request items
  std::string reasons;
  core::Millis received_at = 0;
  std::string allowance_unit;             // working_days / working_hours / days (statutory time)
  int allowance_amount = 0;
  bool cutoff_rule = false;               // the 15:00 rule of the procedure version
  std::optional<core::Millis> base_due_at;   // due time before an apology (hẹn trả lần đầu)
  std::optional<core::Millis> due_at;        // the appointment now
  bool apologized = false;
  bool notice_late = false;
  std::optional<core::Millis> paused_at;     // status 5 or 6: the clock stopped then
  std::optional<bool> result_positive;
  std::optional<core::Millis> resolved_at;
  std::string timeliness;                 // early / on_time / late / late_apology once resolved
  std::optional<core::Millis> returned_at;
  std::optional<AgencyId> handling_agency_id;
  core::Millis updated_at = 0;
  std::vector<Step> steps;
  std::optional<std::string> secret;      // only in the answer to its intake (printed on Mẫu 01)
};

// One entry of a dossier's history (dossier_events): what happened, when, by whom.
struct DossierEvent {
  std::int64_t id = 0;
  core::Millis at = 0;
  std::string kind;                       // received, step_handed_over, apology, correction, …
  std::optional<UserId> actor_id;
  std::string actor_name;
  std::string detail_json;
};

struct HandoverInput {
  std::optional<UserId> to_user_id;       // the officer who takes the next step
  std::string note;
};

// A list of the actor's agency, by status, or one of the actor's work queues (Queues below):
// guided, to_return, my_steps, due_soon, overdue, to_approve.
struct ListQuery {
  std::optional<int> status;
  std::string queue;
};

struct StatsQuery {
  std::optional<AgencyId> agency_id;      // empty: the province (province-wide readers only)
  std::string from;                       // YYYY-MM, inclusive
  std::string to;                         // YYYY-MM, inclusive
  std::string group_by;                   // "", period, agency, level, procedure
};

// The figures of one scope (the whole query, or one group of it).
struct StatsFigures {
  std::map<std::string, std::int64_t> counts;   // metric → count in the periods
  std::int64_t received = 0;
  std::int64_t resolved = 0;
  // (early + on time) / received, and / resolved: both denominators, labelled.
  double on_time_over_received = 0;
  double on_time_over_resolved = 0;
  std::optional<std::int64_t> in_progress;      // now (not per period): the scope, agency and level groups
  std::optional<std::int64_t> overdue;
};

struct StatsGroup {
  std::string key;                        // "2026-03", an agency or procedure id, a level name
  std::string name;
  StatsFigures figures;
};

struct Stats {
  StatsFigures total;
  std::int64_t carried_over = 0;          // received before `from`, still open at `from`
  std::vector<StatsGroup> groups;
};

struct Queues {
  std::int64_t clerk_guided = 0;          // guided at intake, awaiting the complete dossier
  std::int64_t clerk_to_return = 0;       // resolved, result to hand back
  std::int64_t officer_my_steps = 0;
  std::int64_t officer_due_soon = 0;      // due within 8 hours
  std::int64_t officer_overdue = 0;
  std::int64_t leader_to_approve = 0;
};

struct PublicView {
  std::string number;
  int status = 0;
  std::optional<core::Millis> due_at;
  std::string handling_unit;
  bool result_ready = false;
};

}  // namespace eiso::dossiers
