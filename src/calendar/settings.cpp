#include "calendar/settings.hpp"

#include <algorithm>

namespace eiso::calendar {

int Settings::MinutesPerDay() const {
  int total = 0;
  for (const Session& s : sessions) total += s.end_minute - s.start_minute;
  return total;
}

bool Settings::IsValid() const {
  if (sessions.empty()) return false;
  int previous_end = 0;
  for (const Session& s : sessions) {
    if (s.start_minute < previous_end || s.end_minute <= s.start_minute || s.end_minute > 24 * 60)
      return false;
    previous_end = s.end_minute;
  }
  return std::find(weekly_rest.begin(), weekly_rest.end(), false) != weekly_rest.end();
}

Settings Resolve(const Settings& province, const SettingsOverride& unit) {
  Settings settings = province;
  if (unit.weekly_rest) settings.weekly_rest = *unit.weekly_rest;
  if (unit.sessions) settings.sessions = *unit.sessions;
  if (unit.saturday_morning_reception)
    settings.saturday_morning_reception = *unit.saturday_morning_reception;
  return settings;
}

}  // namespace eiso::calendar
