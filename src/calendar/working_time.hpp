// Working-time arithmetic on UTC instants, counted on Vietnam's wall clock (UTC+7) for one unit:
// its settings and the holiday rules. How a deadline is counted (rules-vn (e)):
// - N working days (Civil Code 2015 art. 147–148 [V]): the day of receipt is not counted; the
//   period ends with the N-th working day after it. eISO puts the due time at the close of that
//   day's last office session (17:00 by default): the last moment the office can return a result,
//   and the "hẹn trả kết quả vào hồi … giờ" of Mẫu 01. Received on a rest day or outside office
//   hours: that day is still the day of receipt. N = 0 ("trong ngày") is due at the close of the
//   day of receipt, or of the next working day if that day is not one.
// - N working hours (art. 147.1: periods in hours start at the stated moment): office time is
//   consumed from the moment of receipt (or the next session start), session by session.
// - The 15:00 rule [U, per procedure]: with `next_day_after_cutoff`, a dossier received on a
//   working day after the cutoff is deemed received at the opening of the next working day
//   (Decree 61/2018 art. 18.3 applies it to transfers; Hà Nội QĐ 1811 to deadlines).
// Valid for dates 1900–2100; a result beyond it throws std::out_of_range (a caller bug: the
// service bounds every processing time). Thread-safe: year tables are built once, at first use,
// and then read without locks.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "calendar/date.hpp"
#include "calendar/holidays.hpp"
#include "calendar/settings.hpp"
#include "core/clock.hpp"

namespace eiso::calendar {

struct CountingOptions {
  bool next_day_after_cutoff = false;  // the 15:00 rule
  int cutoff_minute = 15 * 60;         // received strictly after this local time
};

// Timeliness of finished work against its due time (trước hạn / đúng hạn / quá hạn, rules-vn
// (c)1). The legal granularity is not defined [U]: kMinute compares whole minutes, kDay local
// dates (finished any time on the due day is on time).
enum class Granularity { kMinute, kDay };
enum class Timeliness { kEarly, kOnTime, kLate };

enum class Language { kVi, kEn };

struct DayInfo {
  Date date;
  DayKind kind = DayKind::kWorkingDay;
  Reason reason;  // weekly rest days get the weekday's name and no legal basis
};

// Why a due time is what it is: the day of receipt, whether the 15:00 rule moved it, and every
// day that was not counted.
struct Explanation {
  core::Millis received_at = 0;
  core::Millis counting_from = 0;  // after the 15:00 rule; for days, its date is not counted
  bool moved_by_cutoff = false;
  std::vector<DayInfo> skipped;  // non-working days after the receipt date, up to the due date
  core::Millis due_at = 0;

  std::string Text(Language language) const;
};

class Calendar {
 public:
  // Requires settings.IsValid().
  Calendar(Settings settings, HolidayRules rules);
  Calendar(const Calendar&) = delete;
  Calendar& operator=(const Calendar&) = delete;

  const Settings& settings() const { return settings_; }
  const HolidayRules& rules() const { return rules_; }

  // The days of `year`, built at first use and kept for the life of the Calendar.
  const YearTable& Year(int year) const;
  DayKind KindOf(Date date) const;
  bool IsWorkingDay(Date date) const { return IsWorking(KindOf(date)); }
  DayInfo Describe(Date date) const;

  // The `days`-th working day after `from` (days ≥ 1); for 0, `from` if it is a working day, else
  // the next working day.
  Date AddWorkingDays(Date from, int days) const;
  // Working days in (from, to]; negative when to < from.
  int WorkingDaysBetween(Date from, Date to) const;

  // Due time of a processing time of `days` working days for a dossier received at `received_at`.
  // AddWorkingMinutes with 0 minutes returns the counting start itself.
  core::Millis AddWorkingDays(core::Millis received_at, int days,
                              const CountingOptions& options = {}) const;
  core::Millis AddWorkingMinutes(core::Millis start, std::int64_t minutes,
                                 const CountingOptions& options = {}) const;
  core::Millis AddWorkingHours(core::Millis start, int hours,
                               const CountingOptions& options = {}) const {
    return AddWorkingMinutes(start, std::int64_t{hours} * 60, options);
  }
  // Due time of a period of `days` calendar days (ngày) for work received at `received_at`, as the
  // Civil Code 2015 (art. 147–148) counts it: the day of receipt (after the 15:00 rule, if asked)
  // is not counted; the period ends at the end of its last day (23:59:59.999 local time); a last
  // day that is a weekly rest day or a holiday gives way to the next working day.
  core::Millis AddCalendarDays(core::Millis received_at, int days, const CountingOptions& options = {}) const;
  // Office time in [from, to) in whole minutes; negative when to < from.
  std::int64_t WorkingMinutesBetween(core::Millis from, core::Millis to) const;

  Timeliness Classify(core::Millis finished_at, core::Millis due_at, Granularity granularity) const;

  Explanation ExplainWorkingDays(core::Millis received_at, int days,
                                 const CountingOptions& options = {}) const;
  Explanation ExplainWorkingMinutes(core::Millis start, std::int64_t minutes,
                                    const CountingOptions& options = {}) const;
  // `skipped`: the days off that the period's last day gave way to.
  Explanation ExplainCalendarDays(core::Millis received_at, int days,
                                  const CountingOptions& options = {}) const;

  // Whether the single window receives in person at `at`: office hours of a working day, or the
  // morning session of a plain Saturday for a unit with Saturday-morning reception.
  bool IsReceptionOpen(core::Millis at) const;

 private:
  static constexpr int kYears = kLastSupportedDate.year - kFirstSupportedDate.year + 1;

  // The moment counting starts: `at`, or the next working day's opening under the 15:00 rule.
  LocalTime CountingStart(core::Millis at, const CountingOptions& options, bool& moved) const;
  // Office milliseconds of `date` before `millis_of_day` (0 on a non-working day).
  std::int64_t OfficeMillisBefore(Date date, std::int64_t millis_of_day) const;
  // The instant after `amount` office milliseconds (> 0) of working day `date` from
  // `millis_of_day`; `amount` must fit in what is left of the day.
  core::Millis ConsumeWithinDay(Date date, std::int64_t millis_of_day, std::int64_t amount) const;
  std::vector<DayInfo> NonWorkingDays(Date after, Date through) const;
  // An explanation's start, common to every unit: the receipt, the counting start (`*start`) and
  // whether the 15:00 rule moved it.
  Explanation ExplanationFrom(core::Millis received_at, const CountingOptions& options, LocalTime* start) const;

  Settings settings_;
  HolidayRules rules_;
  std::int64_t millis_per_day_;
  mutable std::array<std::atomic<const YearTable*>, kYears> years_{};
  mutable std::mutex build_mutex_;
  mutable std::vector<std::unique_ptr<const YearTable>> built_;
};

}  // namespace eiso::calendar
