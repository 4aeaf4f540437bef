// Working-time settings of a province, with per-unit overrides. No national rule fixes the
// civil-service week or office hours in what rules-vn (e) verified, so all of it is data [U]:
// defaults are the common practice — Saturday and Sunday off (QĐ 188/1999/QĐ-TTg), morning and
// afternoon sessions 07:30–11:30 and 13:30–17:00 — and a unit may receive dossiers on Saturday
// morning without Saturday becoming a working day for deadlines.
#pragma once

#include <array>
#include <optional>
#include <vector>

namespace eiso::calendar {

// One office session on the local clock, [start, end) in minutes after midnight.
struct Session {
  int start_minute = 0;
  int end_minute = 0;
};

struct Settings {
  std::array<bool, 7> weekly_rest{true, false, false, false, false, false, true};  // [0] = Sunday
  std::vector<Session> sessions{{7 * 60 + 30, 11 * 60 + 30}, {13 * 60 + 30, 17 * 60}};
  bool saturday_morning_reception = false;  // tiếp nhận sáng thứ Bảy: reception only

  // Office minutes of one working day.
  int MinutesPerDay() const;
  // True when sessions are non-empty, ordered, non-overlapping and inside one day, and at least
  // one weekday is worked: what every computation of this module assumes.
  bool IsValid() const;
};

// A unit's departures from its province's settings.
struct SettingsOverride {
  std::optional<std::array<bool, 7>> weekly_rest;
  std::optional<std::vector<Session>> sessions;
  std::optional<bool> saturday_morning_reception;
};

Settings Resolve(const Settings& province, const SettingsOverride& unit);

}  // namespace eiso::calendar
