#include "calendar/service.hpp"

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <utility>

#include "calendar/json.hpp"
#include "calendar/store.hpp"

namespace eiso::calendar {

struct Service::Snapshot {
  std::int64_t version = -1;  // calendar_version when loaded; -1: built-in rules only
  HolidayRules rules;         // built-in, extended by the rows
  std::vector<Decision> rows;
  Settings province_settings;
  UnitSettings province_row;
  std::map<AgencyId, UnitSettings> unit_rows;
  std::shared_ptr<const Calendar> province;
  std::map<AgencyId, std::shared_ptr<const Calendar>> units;
};

namespace {

constexpr int kMaxDays = 1000;
constexpr int kMaxHours = 8000;
constexpr int kMaxSessions = 4;
constexpr std::int64_t kVersionCheckMillis = 1000;

const HolidayRules& BuiltinRules() {
  static const HolidayRules kRules = HolidayRules::Vietnam();
  return kRules;
}

std::int64_t SteadyMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

bool InRange(Date date) {
  return date.IsValid() && date >= kFirstSupportedDate && date <= kLastSupportedDate;
}

// Joins the citations of several rows that place the same days, each once.
void AddCitation(std::string& basis, const std::string& citation) {
  if (basis.find(citation) != std::string::npos) return;
  basis += basis.empty() ? citation : "; " + citation;
}

// The built-in rules with the rows applied: a day_off / working_day row replaces the built-in
// entry of its date or adds one; tet_day and national_day_adjacent rows of a year replace that
// year's placement.
HolidayRules Merge(const std::vector<Decision>& rows) {
  HolidayRules rules = BuiltinRules();
  std::map<int, std::pair<Placement, Placement>> placements;  // year → (Tết, Quốc khánh)
  for (const Decision& d : rows) {
    YearDecisions& year = rules.decisions[d.date.year];
    switch (d.kind) {
      case DecisionKind::kTetDay:
      case DecisionKind::kNationalDayAdjacent: {
        auto& [tet, national] = placements[d.date.year];
        Placement& p = d.kind == DecisionKind::kTetDay ? tet : national;
        p.days.push_back(d.date);
        AddCitation(p.legal_basis, d.Citation());
        break;
      }
      case DecisionKind::kDayOff:
      case DecisionKind::kWorkingDay:
        std::erase_if(year.overrides, [&](const Override& o) { return o.date == d.date; });
        year.overrides.push_back(
            {d.date,
             d.kind == DecisionKind::kDayOff ? Override::Kind::kDayOff : Override::Kind::kWorkingDay,
             {d.reason_vi, d.reason_en, d.Citation()}});
        break;
    }
  }
  for (auto& [year, both] : placements) {
    if (!both.first.days.empty()) rules.decisions[year].tet = std::move(both.first);
    if (!both.second.days.empty()) rules.decisions[year].national_day_adjacent = std::move(both.second);
  }
  return rules;
}

// The built-in entries of `year` that no row replaces, as decisions.
std::vector<Decision> BuiltinDecisions(int year, const std::vector<Decision>& rows) {
  std::vector<Decision> out;
  const auto found = BuiltinRules().decisions.find(year);
  if (found == BuiltinRules().decisions.end()) return out;
  const YearDecisions& decided = found->second;
  const auto row_holds = [&](Date date) {
    return std::any_of(rows.begin(), rows.end(), [&](const Decision& d) { return d.date == date; });
  };
  const auto row_of_kind = [&](DecisionKind kind) {
    return std::any_of(rows.begin(), rows.end(), [&](const Decision& d) {
      return d.kind == kind && d.date.year == year;
    });
  };
  const auto add = [&](Date date, DecisionKind kind, const Reason& reason) {
    if (row_holds(date)) return;
    Decision d;
    d.builtin = true;
    d.date = date;
    d.kind = kind;
    d.reason_vi = reason.vi;
    d.reason_en = reason.en;
    d.legal_basis = reason.legal_basis;
    out.push_back(std::move(d));
  };
  const HolidayRules& rules = BuiltinRules();
  if (decided.tet && !row_of_kind(DecisionKind::kTetDay))
    for (const Date& date : decided.tet->days)
      add(date, DecisionKind::kTetDay, {rules.tet.vi, rules.tet.en, decided.tet->legal_basis});
  if (decided.national_day_adjacent && !row_of_kind(DecisionKind::kNationalDayAdjacent))
    for (const Date& date : decided.national_day_adjacent->days)
      add(date, DecisionKind::kNationalDayAdjacent,
          {rules.national_day_adjacent.vi, rules.national_day_adjacent.en,
           decided.national_day_adjacent->legal_basis});
  for (const Override& o : decided.overrides)
    add(o.date, o.kind == Override::Kind::kDayOff ? DecisionKind::kDayOff : DecisionKind::kWorkingDay,
        o.reason);
  return out;
}

Status ValidateDecision(const DecisionInput& in) {
  if (!InRange(in.date)) return Error::Invalid("calendar.out_of_range", "date");
  if (in.year && in.date.year != *in.year) return Error::Invalid("calendar.date_outside_year", "date");
  if (in.reason_vi.empty()) return Error::Invalid("calendar.reason_required", "reason_vi");
  if (in.legal_basis.empty()) return Error::Invalid("calendar.legal_basis_required", "legal_basis");
  if (!InRange(in.legal_basis_date)) return Error::Invalid("calendar.out_of_range", "legal_basis_date");
  if (in.kind == DecisionKind::kTetDay) {
    // Tết is placed around 1/1 lunar: the days before it close the old year.
    const std::optional<Date> new_year = LunarNewYear(in.date.year);
    if (!new_year || std::abs(in.date - *new_year) > 10) return Error::Invalid("calendar.tet_day_far", "date");
  }
  if (in.kind == DecisionKind::kNationalDayAdjacent) {
    const Date national_day{in.date.year, 9, 2};
    if (in.date == national_day || std::abs(in.date - national_day) > 7)
      return Error::Invalid("calendar.national_day_far", "date");
  }
  return Ok();
}

Status ValidateSettings(const SettingsOverride& values) {
  if (values.weekly_rest &&
      std::find(values.weekly_rest->begin(), values.weekly_rest->end(), false) == values.weekly_rest->end())
    return Error::Invalid("calendar.no_working_weekday", "weekly_rest");
  if (values.sessions) {
    const std::vector<Session>& sessions = *values.sessions;
    if (sessions.empty()) return Error::Invalid("calendar.sessions_required", "sessions");
    if (sessions.size() > kMaxSessions) return Error::Invalid("calendar.too_many_sessions", "sessions");
    int previous_end = 0;
    for (std::size_t i = 0; i < sessions.size(); ++i) {
      const std::string field = "sessions[" + std::to_string(i) + "]";
      if (sessions[i].end_minute <= sessions[i].start_minute)
        return Error::Invalid("calendar.session_ends_before_start", field + ".end");
      if (sessions[i].start_minute < previous_end)
        return Error::Invalid("calendar.sessions_overlap", field + ".start");
      previous_end = sessions[i].end_minute;
    }
  }
  return Ok();
}

// Instants the calendar covers: the library refuses any other.
core::Millis Clamp(core::Millis instant) {
  return std::clamp(instant, FromLocal(kFirstSupportedDate, 0), FromLocal(kLastSupportedDate, 24 * 60) - 1);
}

}  // namespace

Service::Service(db::Database& db, const audit::Service& audit, const org::Service& org,
                 const core::Clock& clock)
    : db_(db), audit_(audit), org_(org), clock_(clock) {
  auto loaded = db_.Read([&](db::Tx& tx) -> Result<std::shared_ptr<const Snapshot>> { return Load(tx); });
  if (loaded.ok()) {
    snapshot_ = std::move(loaded).value();
  } else {
    auto builtin = std::make_shared<Snapshot>();
    builtin->rules = BuiltinRules();
    builtin->province = std::make_shared<const Calendar>(builtin->province_settings, builtin->rules);
    snapshot_ = std::move(builtin);
  }
  last_version_check_ms_ = SteadyMillis();
}

std::shared_ptr<const Service::Snapshot> Service::Load(db::Tx& tx) const {
  auto s = std::make_shared<Snapshot>();
  s->version = store::Version(tx);
  s->rows = store::ListDecisions(tx, std::nullopt);
  s->rules = Merge(s->rows);
  for (UnitSettings& row : store::ListSettings(tx)) {
    if (row.agency_id) s->unit_rows[*row.agency_id] = std::move(row);
    else s->province_row = std::move(row);
  }
  s->province_settings = Resolve(Settings{}, s->province_row.values);
  if (!s->province_settings.IsValid()) s->province_settings = Settings{};  // only written valid
  s->province = std::make_shared<const Calendar>(s->province_settings, s->rules);
  for (const auto& [agency, row] : s->unit_rows) {
    const Settings settings = Resolve(s->province_settings, row.values);
    if (settings.IsValid()) s->units[agency] = std::make_shared<const Calendar>(settings, s->rules);
  }
  return s;
}

void Service::Install(std::shared_ptr<const Snapshot> snapshot) const {
  std::shared_ptr<const Snapshot> old;
  {
    const std::lock_guard lock(mutex_);
    if (snapshot_ && snapshot->version < snapshot_->version) return;  // a newer one is in place
    old = std::exchange(snapshot_, std::move(snapshot));
  }
  // `old` is released here, outside the lock (readers may still hold it).
}

void Service::Reload() const {
  auto loaded = db_.Read([&](db::Tx& tx) -> Result<std::shared_ptr<const Snapshot>> { return Load(tx); });
  if (loaded.ok()) Install(std::move(loaded).value());
}

std::shared_ptr<const Service::Snapshot> Service::Current() const {
  const std::int64_t now = SteadyMillis();
  std::int64_t last = last_version_check_ms_.load(std::memory_order_relaxed);
  if (now - last >= kVersionCheckMillis && last_version_check_ms_.compare_exchange_strong(last, now)) {
    std::int64_t current_version = 0;
    {
      const std::lock_guard lock(mutex_);
      current_version = snapshot_->version;
    }
    auto version = db_.Read([](db::Tx& tx) -> Result<std::int64_t> { return store::Version(tx); });
    if (version.ok() && version.value() != current_version) Reload();
  }
  const std::lock_guard lock(mutex_);
  return snapshot_;
}

const Calendar& Service::CalendarIn(const Snapshot& snapshot, std::optional<AgencyId> agency_id) const {
  if (agency_id)
    if (const auto unit = snapshot.units.find(*agency_id); unit != snapshot.units.end()) return *unit->second;
  return *snapshot.province;
}

std::shared_ptr<const Calendar> Service::CalendarFor(std::optional<AgencyId> agency_id) const {
  const std::shared_ptr<const Snapshot> snapshot = Current();
  // Aliasing: the Calendar keeps its snapshot alive.
  return std::shared_ptr<const Calendar>(snapshot, &CalendarIn(*snapshot, agency_id));
}

Result<Due> Service::DueAt(std::optional<AgencyId> agency_id, core::Millis received_at,
                           const Allowance& allowance, const CountingOptions& options) const {
  const int max = allowance.unit == Allowance::Unit::kWorkingHours ? kMaxHours : kMaxDays;
  if (allowance.amount < 0 || allowance.amount > max) return Error::Invalid("calendar.bad_amount", "amount");
  if (!InRange(ToLocal(received_at).date)) return Error::Invalid("calendar.out_of_range", "received_at");
  const std::shared_ptr<const Snapshot> snapshot = Current();
  const Calendar& calendar = CalendarIn(*snapshot, agency_id);
  try {
    Explanation explanation;
    switch (allowance.unit) {
      case Allowance::Unit::kWorkingDays:
        explanation = calendar.ExplainWorkingDays(received_at, allowance.amount, options);
        break;
      case Allowance::Unit::kCalendarDays:
        explanation = calendar.ExplainCalendarDays(received_at, allowance.amount, options);
        break;
      case Allowance::Unit::kWorkingHours:
        explanation = calendar.ExplainWorkingMinutes(received_at, std::int64_t{allowance.amount} * 60, options);
        break;
    }
    return Due{explanation.due_at, std::move(explanation)};
  } catch (const std::out_of_range&) {
    return Error::Invalid("calendar.out_of_range", "received_at");  // due beyond 2100
  }
}

std::int64_t Service::WorkingMinutesBetween(std::optional<AgencyId> agency_id, core::Millis from,
                                            core::Millis to) const {
  const std::shared_ptr<const Snapshot> snapshot = Current();
  return CalendarIn(*snapshot, agency_id).WorkingMinutesBetween(Clamp(from), Clamp(to));
}

Timeliness Service::Classify(std::optional<AgencyId> agency_id, core::Millis finished_at,
                             core::Millis due_at, Granularity granularity) const {
  const std::shared_ptr<const Snapshot> snapshot = Current();
  return CalendarIn(*snapshot, agency_id).Classify(finished_at, due_at, granularity);
}

Status Service::CheckAgency(db::Tx& tx, std::optional<AgencyId> agency_id) const {
  if (agency_id && !org_.Find(tx, *agency_id)) return Error::Invalid("calendar.agency_not_found", "agency_id");
  return Ok();
}

Result<YearView> Service::Year(const Actor& actor, int year, std::optional<AgencyId> agency_id) const {
  if (!actor.IsAuthenticated()) return Error::Unauthenticated();
  if (year < kFirstSupportedDate.year || year > kLastSupportedDate.year)
    return Error::Invalid("calendar.bad_year", "year");
  EISO_CHECK(db_.Read([&](db::Tx& tx) { return CheckAgency(tx, agency_id); }));
  const std::shared_ptr<const Snapshot> snapshot = Current();
  const Calendar& calendar = CalendarIn(*snapshot, agency_id);
  YearView view{year, agency_id, calendar.settings(), {}};
  view.days.reserve(static_cast<std::size_t>(DaysInYear(year)));
  for (Date d{year, 1, 1}; d.year == year; d = d + 1)
    view.days.push_back({calendar.Describe(d), SolarToLunar(d).value_or(LunarDate{})});
  return view;
}

Result<std::vector<Decision>> Service::Decisions(const Actor& actor, int year) const {
  if (!actor.IsAuthenticated()) return Error::Unauthenticated();
  if (year < kFirstSupportedDate.year || year > kLastSupportedDate.year)
    return Error::Invalid("calendar.bad_year", "year");
  EISO_TRY(rows, db_.Read([&](db::Tx& tx) -> Result<std::vector<Decision>> {
    return store::ListDecisions(tx, year);
  }));
  std::vector<Decision> out = BuiltinDecisions(year, rows);
  out.insert(out.end(), rows.begin(), rows.end());
  std::stable_sort(out.begin(), out.end(), [](const Decision& a, const Decision& b) { return a.date < b.date; });
  return out;
}

Result<Due> Service::TryDeadline(const Actor& actor, const DeadlineInput& input) const {
  if (!actor.IsAuthenticated()) return Error::Unauthenticated();
  EISO_CHECK(db_.Read([&](db::Tx& tx) { return CheckAgency(tx, input.agency_id); }));
  return DueAt(input.agency_id, input.received_at, input.allowance, input.options);
}

bool Service::MayAdminister(db::Tx& tx, const Actor& actor, std::optional<AgencyId> agency_id) const {
  if (!actor.Has(Role::kAdministrator)) return false;
  if (actor.province_wide) return true;
  return agency_id && org_.IsWithin(tx, actor.agency_id, *agency_id);
}

Result<Decision> Service::CreateDecision(const Actor& actor, const DecisionInput& input) const {
  std::shared_ptr<const Snapshot> next;
  auto created = db_.Write([&](db::Tx& tx) -> Result<Decision> {
    if (!MayAdminister(tx, actor, std::nullopt)) return Error::Forbidden();
    EISO_CHECK(ValidateDecision(input));
    DecisionId id = 0;
    try {
      id = store::InsertDecision(tx, input, clock_.Now());
    } catch (const db::UniqueViolation&) {
      return Error::Conflict("calendar.date_taken", "date");
    }
    Decision decision = *store::GetDecision(tx, id);
    audit_.Record(tx, actor, {"calendar.decision_created", "calendar_decision", id, std::nullopt, nullptr,
                              ToJson(decision)});
    store::BumpVersion(tx);
    next = Load(tx);
    return decision;
  });
  if (created.ok()) Install(std::move(next));
  return created;
}

Result<Decision> Service::UpdateDecision(const Actor& actor, DecisionId id, const DecisionInput& input) const {
  std::shared_ptr<const Snapshot> next;
  auto updated = db_.Write([&](db::Tx& tx) -> Result<Decision> {
    if (!MayAdminister(tx, actor, std::nullopt)) return Error::Forbidden();
    const auto before = store::GetDecision(tx, id);
    if (!before) return Error::NotFound("calendar.decision_not_found");
    EISO_CHECK(ValidateDecision(input));
    try {
      store::UpdateDecision(tx, id, input, clock_.Now());
    } catch (const db::UniqueViolation&) {
      return Error::Conflict("calendar.date_taken", "date");
    }
    Decision after = *store::GetDecision(tx, id);
    audit_.Record(tx, actor, {"calendar.decision_updated", "calendar_decision", id, std::nullopt,
                              ToJson(*before), ToJson(after)});
    store::BumpVersion(tx);
    next = Load(tx);
    return after;
  });
  if (updated.ok()) Install(std::move(next));
  return updated;
}

Status Service::DeleteDecision(const Actor& actor, DecisionId id) const {
  std::shared_ptr<const Snapshot> next;
  Status deleted = db_.Write([&](db::Tx& tx) -> Status {
    if (!MayAdminister(tx, actor, std::nullopt)) return Error::Forbidden();
    const auto before = store::GetDecision(tx, id);
    if (!before) return Error::NotFound("calendar.decision_not_found");
    store::DeleteDecision(tx, id);
    audit_.Record(tx, actor, {"calendar.decision_deleted", "calendar_decision", id, std::nullopt,
                              ToJson(*before), nullptr});
    store::BumpVersion(tx);
    next = Load(tx);
    return Ok();
  });
  if (deleted.ok()) Install(std::move(next));
  return deleted;
}

SettingsView Service::ViewOf(const Snapshot& snapshot, std::optional<AgencyId> agency_id) const {
  SettingsView view;
  if (!agency_id) {
    view.own = snapshot.province_row;
    view.inherited = Settings{};
    view.effective = snapshot.province_settings;
    return view;
  }
  const auto row = snapshot.unit_rows.find(*agency_id);
  view.own = row != snapshot.unit_rows.end() ? row->second : UnitSettings{agency_id, {}, 0};
  view.inherited = snapshot.province_settings;
  view.effective = CalendarIn(snapshot, agency_id).settings();
  return view;
}

Result<SettingsView> Service::GetSettings(const Actor& actor, std::optional<AgencyId> agency_id) const {
  if (!actor.IsAuthenticated()) return Error::Unauthenticated();
  EISO_CHECK(db_.Read([&](db::Tx& tx) { return CheckAgency(tx, agency_id); }));
  return ViewOf(*Current(), agency_id);
}

Result<SettingsView> Service::PutSettings(const Actor& actor, const UnitSettings& input) const {
  std::shared_ptr<const Snapshot> next;
  auto put = db_.Write([&](db::Tx& tx) -> Result<SettingsView> {
    EISO_CHECK(CheckAgency(tx, input.agency_id));
    if (!MayAdminister(tx, actor, input.agency_id)) return Error::Forbidden();
    EISO_CHECK(ValidateSettings(input.values));
    const std::optional<UnitSettings> before = store::GetSettings(tx, input.agency_id);
    const std::int64_t id = store::PutSettings(tx, input, clock_.Now());
    const UnitSettings after = *store::GetSettings(tx, input.agency_id);
    audit_.Record(tx, actor, {"calendar.settings_updated", "calendar_settings", id, input.agency_id,
                              before ? ToJson(*before) : nlohmann::json(nullptr), ToJson(after)});
    store::BumpVersion(tx);
    next = Load(tx);
    return ViewOf(*next, input.agency_id);
  });
  if (put.ok()) Install(std::move(next));
  return put;
}

std::span<const core::Message> Messages() {
  static const core::Message kMessages[] = {
      {"calendar.decision_not_found", "Không tìm thấy quyết định.", "Decision not found."},
      {"calendar.bad_year", "Năm phải trong khoảng 1900–2100.", "The year must be within 1900–2100."},
      {"calendar.out_of_range", "Ngày phải trong khoảng 01/01/1900–31/12/2100.",
       "The date must be within 01/01/1900–31/12/2100."},
      {"calendar.date_outside_year", "Ngày không thuộc năm đang chọn.", "The date is not in the selected year."},
      {"calendar.bad_kind", "Loại ngày không hợp lệ.", "Unknown kind of day."},
      {"calendar.reason_required", "Vui lòng nhập lý do.", "Enter the reason."},
      {"calendar.legal_basis_required", "Vui lòng nhập căn cứ pháp lý (số văn bản).",
       "Enter the legal basis (the document's number)."},
      {"calendar.date_taken", "Ngày này đã có một quyết định. Hãy sửa quyết định đó.",
       "This date already has a decision. Edit that one instead."},
      {"calendar.tet_day_far", "Ngày nghỉ Tết phải trong vòng 10 ngày quanh mùng 1 Tết Âm lịch.",
       "A Tết day must be within 10 days of the Lunar New Year."},
      {"calendar.national_day_far", "Ngày liền kề Quốc khánh phải trong vòng 7 ngày quanh 02/9 (không phải 02/9).",
       "The day joined to National Day must be within 7 days of 2 September (not the day itself)."},
      {"calendar.no_working_weekday", "Phải có ít nhất một ngày làm việc trong tuần.",
       "At least one weekday must be a working day."},
      {"calendar.bad_weekday", "Ngày trong tuần phải từ 0 (Chủ nhật) đến 6 (thứ Bảy).",
       "Weekdays are 0 (Sunday) to 6 (Saturday)."},
      {"calendar.sessions_required", "Phải có ít nhất một buổi làm việc.", "At least one office session is needed."},
      {"calendar.too_many_sessions", "Tối đa 4 buổi làm việc trong ngày.", "At most 4 office sessions a day."},
      {"calendar.bad_time", "Giờ phải có dạng HH:MM, từ 00:00 đến 24:00.", "Times are HH:MM, from 00:00 to 24:00."},
      {"calendar.session_ends_before_start", "Giờ kết thúc phải sau giờ bắt đầu.",
       "A session must end after it starts."},
      {"calendar.sessions_overlap", "Các buổi làm việc phải theo thứ tự và không chồng lên nhau.",
       "Sessions must be in order and must not overlap."},
      {"calendar.agency_not_found", "Không tìm thấy cơ quan, đơn vị.", "Agency not found."},
      {"calendar.bad_received_at",
       "Thời điểm tiếp nhận phải có dạng YYYY-MM-DDTHH:MM (giờ Việt Nam) hoặc ISO 8601 UTC (…Z).",
       "The receipt time must be YYYY-MM-DDTHH:MM (Vietnam time) or ISO 8601 UTC (…Z)."},
      {"calendar.bad_amount", "Thời hạn phải từ 0 đến 1.000 ngày làm việc (8.000 giờ).",
       "The period must be 0 to 1,000 working days (8,000 hours)."},
      {"calendar.bad_unit", "Đơn vị thời hạn phải là ngày làm việc hoặc giờ làm việc.",
       "The unit must be working days or working hours."},
  };
  return kMessages;
}

}  // namespace eiso::calendar
