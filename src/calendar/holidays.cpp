#include "calendar/holidays.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "calendar/lunar.hpp"

namespace eiso::calendar {
namespace {

constexpr const char* kArticle112 = "Bộ luật Lao động 2019, Điều 112";

struct Holiday {
  Date date;
  Reason reason;
};

// The statutory holidays falling in solar year `year`, before substitutes and overrides.
std::vector<Holiday> StatutoryHolidays(int year, const HolidayRules& rules) {
  std::vector<Holiday> holidays;
  const auto decisions = rules.decisions.find(year);
  const YearDecisions* decided = decisions == rules.decisions.end() ? nullptr : &decisions->second;

  for (const FixedHoliday& h : rules.fixed) {
    if (year < h.from_year || year > h.to_year) continue;
    const std::optional<Date> date = h.lunar ? LunarToSolar({h.day, h.month, year, false})
                                             : std::optional<Date>({year, h.month, h.day});
    if (date && date->year == year) holidays.push_back({*date, h.reason});
  }

  if (decided && decided->tet) {
    Reason reason = rules.tet;
    reason.legal_basis = decided->tet->legal_basis;
    for (const Date& d : decided->tet->days) holidays.push_back({d, reason});
  } else if (const std::optional<Date> new_year = LunarNewYear(year)) {
    for (int i = 0; i < rules.tet_days; ++i)
      holidays.push_back({*new_year + (i - rules.tet_days_before_new_year), rules.tet});
  }

  if (decided && decided->national_day_adjacent) {
    Reason reason = rules.national_day_adjacent;
    reason.legal_basis = decided->national_day_adjacent->legal_basis;
    for (const Date& d : decided->national_day_adjacent->days) holidays.push_back({d, reason});
  } else {
    holidays.push_back(
        {Date{year, 9, rules.national_day_adjacent_before ? 1 : 3}, rules.national_day_adjacent});
  }

  std::sort(holidays.begin(), holidays.end(),
            [](const Holiday& a, const Holiday& b) { return a.date < b.date; });
  return holidays;
}

}  // namespace

HolidayRules HolidayRules::Vietnam() {
  HolidayRules rules;
  rules.fixed = {
      {false, 1, 1, {"Tết Dương lịch", "New Year's Day", kArticle112}},
      {true, 3, 10, {"Giỗ Tổ Hùng Vương", "Hùng Kings' Commemoration Day", kArticle112}},
      {false, 4, 30, {"Ngày Chiến thắng", "Reunification Day", kArticle112}},
      {false, 5, 1, {"Ngày Quốc tế lao động", "International Labour Day", kArticle112}},
      {false, 9, 2, {"Quốc khánh", "National Day", kArticle112}},
      // [S] rules-vn (e): decided by Politburo Resolution 80-NQ/TW of 07/01/2026; secondary
      // sources cite National Assembly Resolution 28/2026/QH16, in force 01/07/2026.
      {false,
       11,
       24,
       {"Ngày Văn hóa Việt Nam", "Vietnam Culture Day",
        "Nghị quyết 80-NQ/TW ngày 07/01/2026; Nghị quyết 28/2026/QH16"},
       2026,
       2100},
  };
  rules.tet = {"Tết Âm lịch (Tết Nguyên đán)", "Lunar New Year (Tết)", kArticle112};
  rules.national_day_adjacent = {"Quốc khánh (ngày liền kề)", "National Day (adjacent day)",
                                 kArticle112};
  rules.substitute = {"Nghỉ bù", "Substitute day off", "Bộ luật Lao động 2019, Điều 111 khoản 3"};

  // 2026, for civil servants. Sources read: press reports of the documents below; the
  // documents themselves were not read.
  const std::string notice_9441 = "Thông báo số 9441 ngày 16/10/2025 của Bộ Nội vụ";
  const std::string letter_12729 = "Văn bản số 12729/VPCP-KGVX ngày 25/12/2025";
  YearDecisions y2026;
  y2026.tet = Placement{{{2026, 2, 16}, {2026, 2, 17}, {2026, 2, 18}, {2026, 2, 19}, {2026, 2, 20}},
                        notice_9441};
  y2026.national_day_adjacent = Placement{{{2026, 9, 1}}, notice_9441};
  y2026.overrides = {
      {{2026, 1, 2},
       Override::Kind::kDayOff,
       {"Hoán đổi ngày làm việc dịp Tết Dương lịch (làm bù thứ Bảy 10/01/2026)",
        "Working day swapped for the New Year holiday (made up on Saturday 10/01/2026)",
        letter_12729}},
      {{2026, 1, 10},
       Override::Kind::kWorkingDay,
       {"Làm bù cho thứ Sáu 02/01/2026", "Make-up working day for Friday 02/01/2026",
        letter_12729}},
      // The approved plan is 29/8–2/9 (5 days). Whether Monday 31/8 is made up on a Saturday
      // was not verified [U]: add that Saturday here once the notice's text is checked.
      {{2026, 8, 31},
       Override::Kind::kDayOff,
       {"Nghỉ lễ Quốc khánh theo phương án 29/08–02/09/2026",
        "National Day holiday, 29/08–02/09/2026 arrangement", notice_9441}},
  };
  rules.decisions.emplace(2026, std::move(y2026));
  return rules;
}

YearTable::YearTable(int year, const HolidayRules& rules, const std::array<bool, 7>& weekly_rest)
    : year_(year) {
  if (year < kFirstSupportedDate.year || year > kLastSupportedDate.year)
    throw std::out_of_range("calendar: year outside 1900–2100");
  const int days = DaysInYear(year);
  const Date first{year, 1, 1};
  kinds_.assign(static_cast<std::size_t>(days), DayKind::kWorkingDay);
  reason_index_.assign(static_cast<std::size_t>(days), -1);
  for (int i = 0; i < days; ++i)
    if (weekly_rest[static_cast<std::size_t>((first + i).Weekday())])
      kinds_[static_cast<std::size_t>(i)] = DayKind::kWeeklyRest;

  // Substitutes are placed in date order over the previous year too, so that one caused by a
  // late-December holiday carries into January.
  std::vector<Holiday> holidays;
  if (year > kFirstSupportedDate.year) holidays = StatutoryHolidays(year - 1, rules);
  for (Holiday& h : StatutoryHolidays(year, rules)) holidays.push_back(std::move(h));
  auto is_rest = [&](Date d) { return weekly_rest[static_cast<std::size_t>(d.Weekday())]; };
  auto is_holiday = [&](Date d) {
    return std::any_of(holidays.begin(), holidays.end(),
                       [&](const Holiday& h) { return h.date == d; });
  };
  std::vector<Date> substitutes;
  for (const Holiday& h : holidays) {
    if (h.date.year == year) Mark(h.date.DayOfYear(), DayKind::kPublicHoliday, h.reason);
    if (!rules.substitute_days || !is_rest(h.date)) continue;
    Date d = h.date + 1;
    while (is_rest(d) || is_holiday(d) ||
           std::find(substitutes.begin(), substitutes.end(), d) != substitutes.end())
      d = d + 1;
    substitutes.push_back(d);
    if (d.year != year) continue;
    Reason reason = rules.substitute;
    reason.vi += " " + h.reason.vi + " (" + ToStringVi(h.date) + ")";
    reason.en += " for " + h.reason.en + " (" + ToStringVi(h.date) + ")";
    Mark(d.DayOfYear(), DayKind::kSubstituteDayOff, std::move(reason));
  }

  if (const auto decided = rules.decisions.find(year); decided != rules.decisions.end()) {
    for (const Override& o : decided->second.overrides) {
      if (o.date.year != year) continue;
      Mark(
          o.date.DayOfYear(),
          o.kind == Override::Kind::kDayOff ? DayKind::kDecreedDayOff : DayKind::kDecreedWorkingDay,
          o.reason);
    }
  }

  working_before_.assign(static_cast<std::size_t>(days) + 1, 0);
  for (int i = 0; i < days; ++i)
    working_before_[static_cast<std::size_t>(i) + 1] = static_cast<std::uint16_t>(
        working_before_[static_cast<std::size_t>(i)] + (IsWorking(Kind(i)) ? 1 : 0));
}

void YearTable::Mark(int day_of_year, DayKind kind, Reason reason) {
  kinds_[static_cast<std::size_t>(day_of_year)] = kind;
  reason_index_[static_cast<std::size_t>(day_of_year)] = static_cast<std::int16_t>(reasons_.size());
  reasons_.push_back(std::move(reason));
}

const Reason* YearTable::ReasonFor(int day_of_year) const {
  const std::int16_t index = reason_index_[static_cast<std::size_t>(day_of_year)];
  return index < 0 ? nullptr : &reasons_[static_cast<std::size_t>(index)];
}

int YearTable::NthWorkingDay(int n) const {
  if (n < 1 || n > WorkingDays()) return -1;
  // The first index whose count before it reaches n is the day after the n-th working day.
  const auto it = std::lower_bound(working_before_.begin(), working_before_.end(),
                                   static_cast<std::uint16_t>(n));
  return static_cast<int>(it - working_before_.begin()) - 1;
}

}  // namespace eiso::calendar
