#include "calendar/json.hpp"

#include <charconv>

#include "core/json.hpp"

namespace eiso::calendar {
namespace {

using nlohmann::json;

json DateOrNull(const std::optional<Date>& date) { return date ? json(ToString(*date)) : json(nullptr); }

json RestDays(const std::array<bool, 7>& rest) {
  json days = json::array();
  for (std::size_t w = 0; w < rest.size(); ++w)
    if (rest[w]) days.push_back(w);
  return days;
}

json SessionsJson(const std::vector<Session>& sessions) {
  json list = json::array();
  for (const Session& s : sessions)
    list.push_back({{"start", FormatMinute(s.start_minute)}, {"end", FormatMinute(s.end_minute)}});
  return list;
}

json OptAgency(const std::optional<AgencyId>& id) { return id ? json(*id) : json(nullptr); }

// "2026-04-29T16:20" on Vietnam's clock.
std::optional<core::Millis> ParseLocal(const std::string& text) {
  if (text.size() != 16 || text[10] != 'T') return std::nullopt;
  const auto date = ParseDate(std::string_view(text).substr(0, 10));
  const auto minute = ParseMinute(std::string_view(text).substr(11, 5));
  if (!date || !minute || *minute >= 24 * 60) return std::nullopt;
  return FromLocal(*date, *minute);
}

}  // namespace

json ToJson(const Decision& d) {
  return {{"id", d.builtin ? json(nullptr) : json(d.id)},
          {"builtin", d.builtin},
          {"year", d.date.year},
          {"date", ToString(d.date)},
          {"kind", ToString(d.kind)},
          {"reason_vi", d.reason_vi},
          {"reason_en", d.reason_en},
          {"legal_basis", d.legal_basis},
          {"legal_basis_date", DateOrNull(d.legal_basis_date)},
          {"citation", d.Citation()},
          {"updated_at", d.builtin ? json(nullptr) : json(core::FormatIso8601(d.updated_at))}};
}

json ToJson(const Settings& s) {
  return {{"weekly_rest", RestDays(s.weekly_rest)},
          {"sessions", SessionsJson(s.sessions)},
          {"saturday_morning_reception", s.saturday_morning_reception},
          {"minutes_per_day", s.MinutesPerDay()}};
}

json ToJson(const UnitSettings& row) {
  const SettingsOverride& v = row.values;
  return {{"agency_id", OptAgency(row.agency_id)},
          {"weekly_rest", v.weekly_rest ? RestDays(*v.weekly_rest) : json(nullptr)},
          {"sessions", v.sessions ? SessionsJson(*v.sessions) : json(nullptr)},
          {"saturday_morning_reception",
           v.saturday_morning_reception ? json(*v.saturday_morning_reception) : json(nullptr)},
          {"updated_at", row.updated_at ? json(core::FormatIso8601(row.updated_at)) : json(nullptr)}};
}

json ToJson(const SettingsView& view) {
  return {{"agency_id", OptAgency(view.own.agency_id)},
          {"own", ToJson(view.own)},
          {"inherited", ToJson(view.inherited)},
          {"effective", ToJson(view.effective)}};
}

json ToJson(const YearView& view) {
  json days = json::array();
  for (const DayView& day : view.days) {
    json item = {{"date", ToString(day.info.date)},
                 {"kind", ToString(day.info.kind)},
                 {"lunar", {day.lunar.day, day.lunar.month, day.lunar.leap}}};
    if (day.info.kind != DayKind::kWorkingDay && day.info.kind != DayKind::kWeeklyRest) {
      item["reason_vi"] = day.info.reason.vi;
      item["reason_en"] = day.info.reason.en;
      item["legal_basis"] = day.info.reason.legal_basis;
    }
    days.push_back(std::move(item));
  }
  return {{"year", view.year},
          {"agency_id", OptAgency(view.agency_id)},
          {"settings", ToJson(view.settings)},
          {"days", std::move(days)}};
}

json ToJson(const Due& due) {
  const Explanation& e = due.explanation;
  json skipped = json::array();
  for (const DayInfo& day : e.skipped)
    skipped.push_back({{"date", ToString(day.date)},
                       {"kind", ToString(day.kind)},
                       {"reason_vi", day.reason.vi},
                       {"reason_en", day.reason.en},
                       {"legal_basis", day.reason.legal_basis}});
  return {{"received_at", core::FormatIso8601(e.received_at)},
          {"received_local", FormatLocal(e.received_at)},
          {"counting_from", core::FormatIso8601(e.counting_from)},
          {"counting_from_local", FormatLocal(e.counting_from)},
          {"moved_by_cutoff", e.moved_by_cutoff},
          {"due_at", core::FormatIso8601(due.due_at)},
          {"due_local", FormatLocal(due.due_at)},
          {"skipped", std::move(skipped)},
          {"text_vi", e.Text(Language::kVi)},
          {"text_en", e.Text(Language::kEn)}};
}

Result<DecisionInput> ParseDecisionInput(const json& body) {
  DecisionInput in;
  EISO_TRY(year, core::OptionalInt(body, "year"));
  if (year) {
    if (*year < kFirstSupportedDate.year || *year > kLastSupportedDate.year)
      return Error::Invalid("calendar.bad_year", "year");
    in.year = static_cast<int>(*year);
  }
  EISO_TRY(date, core::RequireDate(body, "date"));
  in.date = ParseDate(date).value_or(Date{});
  EISO_TRY(kind, core::RequireString(body, "kind", 40));
  const auto parsed_kind = ParseDecisionKind(kind);
  if (!parsed_kind) return Error::Invalid("calendar.bad_kind", "kind");
  in.kind = *parsed_kind;
  EISO_TRY(reason_vi, core::OptionalString(body, "reason_vi", 300));
  EISO_TRY(reason_en, core::OptionalString(body, "reason_en", 300));
  EISO_TRY(legal_basis, core::OptionalString(body, "legal_basis", 300));
  in.reason_vi = reason_vi.value_or("");
  in.reason_en = reason_en.value_or("");
  in.legal_basis = legal_basis.value_or("");
  EISO_TRY(basis_date, core::RequireDate(body, "legal_basis_date"));
  in.legal_basis_date = ParseDate(basis_date).value_or(Date{});
  return in;
}

Result<SettingsOverride> ParseSettingsOverride(const json& body) {
  SettingsOverride out;
  if (const auto it = body.find("weekly_rest"); it != body.end() && !it->is_null()) {
    if (!it->is_array()) return Error::Invalid("common.bad_type", "weekly_rest");
    std::array<bool, 7> rest{};
    for (const json& day : *it) {
      if (!day.is_number_integer() || day.get<int>() < 0 || day.get<int>() > 6)
        return Error::Invalid("calendar.bad_weekday", "weekly_rest");
      rest[static_cast<std::size_t>(day.get<int>())] = true;
    }
    out.weekly_rest = rest;
  }
  if (const auto it = body.find("sessions"); it != body.end() && !it->is_null()) {
    if (!it->is_array()) return Error::Invalid("common.bad_type", "sessions");
    std::vector<Session> sessions;
    for (std::size_t i = 0; i < it->size(); ++i) {
      const json& item = (*it)[i];
      const std::string field = "sessions[" + std::to_string(i) + "]";
      if (!item.is_object()) return Error::Invalid("common.bad_type", field);
      Session s;
      for (const char* end : {"start", "end"}) {
        const auto v = item.find(end);
        if (v == item.end() || !v->is_string()) return Error::Invalid("calendar.bad_time", field + "." + end);
        const auto minute = ParseMinute(v->get<std::string>());
        if (!minute) return Error::Invalid("calendar.bad_time", field + "." + end);
        (std::string_view(end) == "start" ? s.start_minute : s.end_minute) = *minute;
      }
      sessions.push_back(s);
    }
    out.sessions = std::move(sessions);
  }
  if (const auto it = body.find("saturday_morning_reception"); it != body.end() && !it->is_null()) {
    if (!it->is_boolean()) return Error::Invalid("common.bad_type", "saturday_morning_reception");
    out.saturday_morning_reception = it->get<bool>();
  }
  return out;
}

Result<DeadlineInput> ParseDeadlineInput(const json& body) {
  DeadlineInput in;
  EISO_TRY(agency, core::OptionalInt(body, "agency_id"));
  if (agency) {
    if (*agency <= 0) return Error::Invalid("common.bad_id", "agency_id");
    in.agency_id = *agency;
  }
  EISO_TRY(received, core::RequireString(body, "received_at", 40));
  const auto local = ParseLocal(received);
  core::Millis utc = 0;
  if (local) in.received_at = *local;
  else if (!received.empty() && received.back() == 'Z' && core::ParseIso8601(received, utc)) in.received_at = utc;
  else return Error::Invalid("calendar.bad_received_at", "received_at");
  EISO_TRY(amount, core::RequireInt(body, "amount"));
  if (amount < 0 || amount > 1'000'000) return Error::Invalid("calendar.bad_amount", "amount");
  in.allowance.amount = static_cast<int>(amount);
  EISO_TRY(unit, core::OptionalString(body, "unit", 40));
  if (!unit || *unit == "working_days") in.allowance.unit = Allowance::Unit::kWorkingDays;
  else if (*unit == "working_hours") in.allowance.unit = Allowance::Unit::kWorkingHours;
  else if (*unit == "days") in.allowance.unit = Allowance::Unit::kCalendarDays;
  else return Error::Invalid("calendar.bad_unit", "unit");
  EISO_TRY(cutoff, core::OptionalBool(body, "cutoff_rule", false));
  in.options.next_day_after_cutoff = cutoff;
  EISO_TRY(cutoff_time, core::OptionalString(body, "cutoff_time", 5));
  if (cutoff_time) {
    const auto minute = ParseMinute(*cutoff_time);
    if (!minute) return Error::Invalid("calendar.bad_time", "cutoff_time");
    in.options.cutoff_minute = *minute;
  }
  return in;
}

Result<std::optional<AgencyId>> ParseAgencyParam(const std::string& text) {
  if (text.empty()) return std::optional<AgencyId>();
  AgencyId id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0)
    return Error::Invalid("common.bad_id", "agency_id");
  return std::optional<AgencyId>(id);
}

}  // namespace eiso::calendar
