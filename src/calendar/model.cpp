#include "calendar/model.hpp"

#include <array>
#include <charconv>
#include <utility>

#include "core/json.hpp"

namespace eiso::calendar {
namespace {

constexpr std::array<std::pair<DecisionKind, std::string_view>, 4> kDecisionKinds{{
    {DecisionKind::kDayOff, "day_off"},
    {DecisionKind::kWorkingDay, "working_day"},
    {DecisionKind::kTetDay, "tet_day"},
    {DecisionKind::kNationalDayAdjacent, "national_day_adjacent"},
}};

bool ParseInt(std::string_view text, int& out) {
  if (text.empty()) return false;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

}  // namespace

std::string_view ToString(DecisionKind kind) {
  for (const auto& [k, name] : kDecisionKinds)
    if (k == kind) return name;
  return "day_off";
}

std::optional<DecisionKind> ParseDecisionKind(std::string_view text) {
  for (const auto& [k, name] : kDecisionKinds)
    if (name == text) return k;
  return std::nullopt;
}

std::string_view ToString(DayKind kind) {
  switch (kind) {
    case DayKind::kWorkingDay: return "working_day";
    case DayKind::kWeeklyRest: return "weekly_rest";
    case DayKind::kPublicHoliday: return "public_holiday";
    case DayKind::kSubstituteDayOff: return "substitute_day_off";
    case DayKind::kDecreedDayOff: return "decreed_day_off";
    case DayKind::kDecreedWorkingDay: return "decreed_working_day";
  }
  return "working_day";
}

std::optional<Date> ParseDate(std::string_view text) {
  if (!core::IsValidDate(text)) return std::nullopt;
  Date d;
  if (!ParseInt(text.substr(0, 4), d.year) || !ParseInt(text.substr(5, 2), d.month) ||
      !ParseInt(text.substr(8, 2), d.day) || !d.IsValid())
    return std::nullopt;
  return d;
}

std::string FormatMinute(int minute_of_day) {
  std::string out(5, '0');
  out[0] = static_cast<char>('0' + minute_of_day / 600);
  out[1] = static_cast<char>('0' + minute_of_day / 60 % 10);
  out[2] = ':';
  out[3] = static_cast<char>('0' + minute_of_day % 60 / 10);
  out[4] = static_cast<char>('0' + minute_of_day % 10);
  return out;
}

std::optional<int> ParseMinute(std::string_view text) {
  int hours = 0, minutes = 0;
  if (text.size() != 5 || text[2] != ':' || !ParseInt(text.substr(0, 2), hours) ||
      !ParseInt(text.substr(3, 2), minutes))
    return std::nullopt;
  if (hours < 0 || minutes < 0 || minutes > 59 || hours > 24 || (hours == 24 && minutes != 0))
    return std::nullopt;
  return hours * 60 + minutes;
}

std::string FormatSessions(const std::vector<Session>& sessions) {
  std::string out;
  for (const Session& s : sessions) {
    if (!out.empty()) out += ',';
    out += FormatMinute(s.start_minute) + "-" + FormatMinute(s.end_minute);
  }
  return out;
}

std::optional<std::vector<Session>> ParseSessions(std::string_view text) {
  std::vector<Session> sessions;
  while (!text.empty()) {
    const std::size_t comma = text.find(',');
    const std::string_view item = text.substr(0, comma);
    const std::size_t dash = item.find('-');
    if (dash == std::string_view::npos) return std::nullopt;
    const auto start = ParseMinute(item.substr(0, dash));
    const auto end = ParseMinute(item.substr(dash + 1));
    if (!start || !end) return std::nullopt;
    sessions.push_back({*start, *end});
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return sessions;
}

std::string Decision::Citation() const {
  if (!legal_basis_date) return legal_basis;
  return legal_basis + " ngày " + ToStringVi(*legal_basis_date);
}

}  // namespace eiso::calendar
