#include "calendar/lunar.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "calendar/astronomy.hpp"

namespace eiso::calendar {
namespace {

constexpr double kMeridianHours = 7.0;

struct Month {
  std::int32_t start;  // day number of its first day
  std::int16_t year;
  std::int8_t number;
  bool leap;
};

// Local day (UTC+7) containing the instant `jd_ut`.
std::int32_t LocalDay(double jd_ut) {
  return static_cast<std::int32_t>(
      std::floor(jd_ut + kMeridianHours / 24.0 - astronomy::kJulianDayOfUnixEpoch));
}

// Index 0–11 of the 30° sector the Sun is in at the local midnight that starts `day`. A month
// [a, b) contains a principal term exactly when the sector at a differs from the sector at b.
int SolarSector(std::int32_t day) {
  const double jd = day + astronomy::kJulianDayOfUnixEpoch - kMeridianHours / 24.0;
  return static_cast<int>(astronomy::SunLongitude(jd) / 30.0);
}

// First day of month 11 of the sui ending with the winter solstice of `solar_year`: the month
// whose span contains the local day of the solstice.
std::int32_t Month11Start(int solar_year, const std::vector<std::int32_t>& new_moons) {
  const double guess = Date{solar_year, 12, 21}.DayNumber() + astronomy::kJulianDayOfUnixEpoch;
  const std::int32_t solstice = LocalDay(astronomy::SunReachesLongitude(270.0, guess));
  return *(std::upper_bound(new_moons.begin(), new_moons.end(), solstice) - 1);
}

// All months from month 11 of 1899 to month 11 of 2101 (the last entry only closes the one before
// it), and the index of the first month of each lunar year 1899–2101 in that list.
struct Table {
  std::vector<Month> months;
  std::vector<std::size_t> first_month_of_year;  // [year − 1899]
};

Table BuildTable() {
  // New moons from before month 11 of 1899 to after month 11 of 2101; k = 0 is January 2000.
  const int first_k = static_cast<int>(std::floor((1899.8 - 2000.0) * 12.3685));
  const int last_k = static_cast<int>(std::ceil((2102.2 - 2000.0) * 12.3685));
  std::vector<std::int32_t> new_moons;
  for (int k = first_k; k <= last_k; ++k) new_moons.push_back(LocalDay(astronomy::NewMoon(k)));

  Table table;
  for (int sui = 1900; sui <= 2101; ++sui) {
    const std::int32_t begin = Month11Start(sui - 1, new_moons);
    const std::int32_t end = Month11Start(sui, new_moons);
    const auto first = std::lower_bound(new_moons.begin(), new_moons.end(), begin);
    const auto last = std::lower_bound(new_moons.begin(), new_moons.end(), end);
    bool leap_pending = last - first == 13;
    bool new_year_reached = false;
    int number = 11;
    for (auto it = first; it != last; ++it) {
      const bool leap = leap_pending && it != first && SolarSector(*it) == SolarSector(*(it + 1));
      if (leap) leap_pending = false;
      if (it != first && !leap) number = number % 12 + 1;
      if (number == 1 && !leap) new_year_reached = true;
      // Months 11 and 12 before tháng Giêng belong to the previous lunar year.
      table.months.push_back({*it, static_cast<std::int16_t>(new_year_reached ? sui : sui - 1),
                              static_cast<std::int8_t>(number), leap});
    }
  }
  table.months.push_back({Month11Start(2101, new_moons), 2101, 11, false});
  for (std::size_t i = 0; i < table.months.size(); ++i)
    if (i == 0 || table.months[i].year != table.months[i - 1].year)
      table.first_month_of_year.push_back(i);
  return table;
}

const Table& GetTable() {
  static const Table kTable = BuildTable();  // C++11 guarantees one thread-safe initialization
  return kTable;
}

bool InRange(Date date) { return date >= kFirstSupportedDate && date <= kLastSupportedDate; }

}  // namespace

std::optional<LunarDate> SolarToLunar(Date date) {
  if (!date.IsValid() || !InRange(date)) return std::nullopt;
  const std::vector<Month>& months = GetTable().months;
  const std::int32_t day = date.DayNumber();
  const auto it = std::upper_bound(months.begin(), months.end(), day,
                                   [](std::int32_t d, const Month& m) { return d < m.start; }) -
                  1;
  return LunarDate{day - it->start + 1, it->number, it->year, it->leap};
}

std::optional<Date> LunarToSolar(LunarDate lunar) {
  if (lunar.year < 1899 || lunar.year > 2100 || lunar.day < 1 || lunar.day > 30 ||
      lunar.month < 1 || lunar.month > 12)
    return std::nullopt;
  const Table& table = GetTable();
  const std::vector<Month>& months = table.months;
  // A lunar year's at most 13 months are contiguous.
  for (std::size_t i = table.first_month_of_year[static_cast<std::size_t>(lunar.year - 1899)];
       i + 1 < months.size() && months[i].year == lunar.year; ++i) {
    const Month& m = months[i];
    if (m.number != lunar.month || m.leap != lunar.leap) continue;
    if (lunar.day > months[i + 1].start - m.start) return std::nullopt;
    const Date date = Date::FromDayNumber(m.start + lunar.day - 1);
    return InRange(date) ? std::optional<Date>(date) : std::nullopt;
  }
  return std::nullopt;
}

std::optional<Date> LunarNewYear(int year) { return LunarToSolar({1, 1, year, false}); }

int LeapMonth(int year) {
  if (year < 1900 || year > 2100) return 0;
  const Table& table = GetTable();
  for (std::size_t i = table.first_month_of_year[static_cast<std::size_t>(year - 1899)];
       i < table.months.size() && table.months[i].year == year; ++i)
    if (table.months[i].leap) return table.months[i].number;
  return 0;
}

}  // namespace eiso::calendar
