// What the calendar service stores and answers: the year's decisions entered by administrators,
// the settings rows of the province and its units, and computed due times.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/date.hpp"
#include "calendar/lunar.hpp"
#include "calendar/processing_clock.hpp"
#include "calendar/settings.hpp"
#include "calendar/working_time.hpp"
#include "core/actor.hpp"
#include "core/clock.hpp"

namespace eiso::calendar {

using DecisionId = std::int64_t;

// One entry of a year's arrangement (phương án nghỉ lễ, tết của năm).
enum class DecisionKind {
  kDayOff,               // a working day given off (nghỉ thêm, hoán đổi)
  kWorkingDay,           // a rest day worked (làm bù)
  kTetDay,               // a day of Tết Nguyên đán as placed by the Prime Minister
  kNationalDayAdjacent,  // the day joined to Quốc khánh 2/9
};

std::string_view ToString(DecisionKind kind);
std::optional<DecisionKind> ParseDecisionKind(std::string_view text);
std::string_view ToString(DayKind kind);
// "2026-04-29" → Date, validated; std::nullopt otherwise.
std::optional<Date> ParseDate(std::string_view text);
// Minutes after local midnight ↔ "07:30" (00:00–24:00).
std::string FormatMinute(int minute_of_day);
std::optional<int> ParseMinute(std::string_view text);
// Sessions as stored: "07:30-11:30,13:30-17:00".
std::string FormatSessions(const std::vector<Session>& sessions);
std::optional<std::vector<Session>> ParseSessions(std::string_view text);

struct Decision {
  DecisionId id = 0;        // 0 for a built-in entry
  bool builtin = false;     // shipped with eISO (HolidayRules::Vietnam); overridden by a row
  Date date;
  DecisionKind kind = DecisionKind::kDayOff;
  std::string reason_vi;
  std::string reason_en;
  std::string legal_basis;                // "Thông báo số 9441/TB-BNV"
  std::optional<Date> legal_basis_date;   // its date; built-ins carry it in legal_basis
  core::Millis created_at = 0;
  core::Millis updated_at = 0;

  // "Thông báo số 9441/TB-BNV ngày 16/10/2025": what explanations cite.
  std::string Citation() const;
};

struct DecisionInput {
  std::optional<int> year;  // when sent, `date` must lie in it
  Date date;
  DecisionKind kind = DecisionKind::kDayOff;
  std::string reason_vi;
  std::string reason_en;    // empty: the Vietnamese text
  std::string legal_basis;
  Date legal_basis_date;
};

// A settings row: the province's (agency_id empty) or a unit's; empty fields inherit.
struct UnitSettings {
  std::optional<AgencyId> agency_id;
  SettingsOverride values;
  core::Millis updated_at = 0;
};

// GET /api/calendar/settings: the row, what it inherits and what results.
struct SettingsView {
  UnitSettings own;
  Settings inherited;  // built-in defaults for the province; the province's settings for a unit
  Settings effective;
};

struct DayView {
  DayInfo info;
  LunarDate lunar;
};

struct YearView {
  int year = 0;
  std::optional<AgencyId> agency_id;
  Settings settings;
  std::vector<DayView> days;
};

struct DeadlineInput {
  std::optional<AgencyId> agency_id;
  core::Millis received_at = 0;
  Allowance allowance;
  CountingOptions options;
};

struct Due {
  core::Millis due_at = 0;
  Explanation explanation;
};

}  // namespace eiso::calendar
