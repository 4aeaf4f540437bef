#include "calendar/working_time.hpp"

#include <algorithm>
#include <cassert>
#include <stdexcept>
#include <utility>

namespace eiso::calendar {
namespace {

core::Millis MinuteFloor(core::Millis instant) {
  return instant >= 0 ? instant / kMillisPerMinute
                      : -((-instant + kMillisPerMinute - 1) / kMillisPerMinute);
}

std::string DayLine(const DayInfo& day, Language language) {
  std::string line = ToStringVi(day.date) + " ";
  line += language == Language::kVi ? day.reason.vi : day.reason.en;
  if (!day.reason.legal_basis.empty()) line += " — " + day.reason.legal_basis;
  return line;
}

}  // namespace

Calendar::Calendar(Settings settings, HolidayRules rules)
    : settings_(std::move(settings)),
      rules_(std::move(rules)),
      millis_per_day_(std::int64_t{settings_.MinutesPerDay()} * kMillisPerMinute) {
  assert(settings_.IsValid());
}

const YearTable& Calendar::Year(int year) const {
  if (year < kFirstSupportedDate.year || year > kLastSupportedDate.year)
    throw std::out_of_range("calendar: year outside 1900–2100");
  std::atomic<const YearTable*>& slot =
      years_[static_cast<std::size_t>(year - kFirstSupportedDate.year)];
  if (const YearTable* table = slot.load(std::memory_order_acquire)) return *table;
  const std::lock_guard lock(build_mutex_);
  if (const YearTable* table = slot.load(std::memory_order_relaxed)) return *table;
  built_.push_back(std::make_unique<const YearTable>(year, rules_, settings_.weekly_rest));
  slot.store(built_.back().get(), std::memory_order_release);
  return *built_.back();
}

DayKind Calendar::KindOf(Date date) const { return Year(date.year).Kind(date.DayOfYear()); }

DayInfo Calendar::Describe(Date date) const {
  const YearTable& table = Year(date.year);
  const int day_of_year = date.DayOfYear();
  DayInfo info{date, table.Kind(day_of_year), {}};
  if (const Reason* reason = table.ReasonFor(day_of_year)) {
    info.reason = *reason;
  } else if (info.kind == DayKind::kWeeklyRest) {
    info.reason = {WeekdayNameVi(date.Weekday()), WeekdayNameEn(date.Weekday()), {}};
  }
  return info;
}

Date Calendar::AddWorkingDays(Date from, int days) const {
  assert(days >= 0);
  int year = from.year;
  const YearTable* table = &Year(year);
  const int day_of_year = from.DayOfYear();
  // The target is the (days)-th working day after `from`, or the first one on or after it.
  int target = days == 0 ? table->WorkingDaysBefore(day_of_year) + 1
                         : table->WorkingDaysBefore(day_of_year + 1) + days;
  while (target > table->WorkingDays()) {
    target -= table->WorkingDays();
    table = &Year(++year);
  }
  return Date{year, 1, 1} + table->NthWorkingDay(target);
}

int Calendar::WorkingDaysBetween(Date from, Date to) const {
  if (to < from) return -WorkingDaysBetween(to, from);
  int count = Year(to.year).WorkingDaysBefore(to.DayOfYear() + 1) -
              Year(from.year).WorkingDaysBefore(from.DayOfYear() + 1);
  for (int year = from.year; year < to.year; ++year) count += Year(year).WorkingDays();
  return count;
}

LocalTime Calendar::CountingStart(core::Millis at, const CountingOptions& options,
                                  bool& moved) const {
  LocalTime local = ToLocal(at);
  moved = options.next_day_after_cutoff && IsWorkingDay(local.date) &&
          local.millis_of_day > std::int64_t{options.cutoff_minute} * kMillisPerMinute;
  if (moved) {
    local.date = AddWorkingDays(local.date, 1);
    local.millis_of_day =
        static_cast<std::int32_t>(settings_.sessions.front().start_minute * kMillisPerMinute);
  }
  return local;
}

core::Millis Calendar::AddWorkingDays(core::Millis received_at, int days,
                                      const CountingOptions& options) const {
  bool moved = false;
  const LocalTime start = CountingStart(received_at, options, moved);
  return FromLocal(AddWorkingDays(start.date, days), settings_.sessions.back().end_minute);
}

core::Millis Calendar::AddCalendarDays(core::Millis received_at, int days,
                                       const CountingOptions& options) const {
  bool moved = false;
  Date last = CountingStart(received_at, options, moved).date + days;
  while (!IsWorkingDay(last)) last = last + 1;
  return FromLocal(last, 0) + kMillisPerDay - 1;
}

std::int64_t Calendar::OfficeMillisBefore(Date date, std::int64_t millis_of_day) const {
  if (!IsWorkingDay(date)) return 0;
  std::int64_t total = 0;
  for (const Session& s : settings_.sessions) {
    const std::int64_t begin = s.start_minute * kMillisPerMinute;
    const std::int64_t end = s.end_minute * kMillisPerMinute;
    total += std::clamp(millis_of_day, begin, end) - begin;
  }
  return total;
}

core::Millis Calendar::ConsumeWithinDay(Date date, std::int64_t millis_of_day,
                                        std::int64_t amount) const {
  for (const Session& s : settings_.sessions) {
    const std::int64_t begin =
        std::max<std::int64_t>(millis_of_day, s.start_minute * kMillisPerMinute);
    const std::int64_t end = s.end_minute * kMillisPerMinute;
    if (begin >= end) continue;
    if (amount <= end - begin) return FromLocal(date, 0) + begin + amount;
    amount -= end - begin;
  }
  assert(false && "ConsumeWithinDay: amount exceeds the day");
  return FromLocal(date, settings_.sessions.back().end_minute);
}

core::Millis Calendar::AddWorkingMinutes(core::Millis start, std::int64_t minutes,
                                         const CountingOptions& options) const {
  assert(minutes >= 0);
  bool moved = false;
  LocalTime local = CountingStart(start, options, moved);
  std::int64_t remaining = minutes * kMillisPerMinute;
  if (remaining == 0) return FromLocal(local.date, 0) + local.millis_of_day;
  if (IsWorkingDay(local.date)) {
    const std::int64_t left_today =
        millis_per_day_ - OfficeMillisBefore(local.date, local.millis_of_day);
    if (remaining <= left_today)
      return ConsumeWithinDay(local.date, local.millis_of_day, remaining);
    remaining -= left_today;
  }
  // Whole days first, so that a period ending exactly at a close stays on that day.
  const std::int64_t whole_days = (remaining - 1) / millis_per_day_;
  const Date last_day = AddWorkingDays(local.date, static_cast<int>(whole_days) + 1);
  return ConsumeWithinDay(last_day, 0, remaining - whole_days * millis_per_day_);
}

std::int64_t Calendar::WorkingMinutesBetween(core::Millis from, core::Millis to) const {
  if (to < from) return -WorkingMinutesBetween(to, from);
  const LocalTime a = ToLocal(from);
  const LocalTime b = ToLocal(to);
  // Working days in [a.date, b.date), each a full office day, then the two partial days.
  const int days = WorkingDaysBetween(a.date, b.date) - (IsWorkingDay(b.date) ? 1 : 0) +
                   (IsWorkingDay(a.date) ? 1 : 0);
  const std::int64_t millis = days * millis_per_day_ + OfficeMillisBefore(b.date, b.millis_of_day) -
                              OfficeMillisBefore(a.date, a.millis_of_day);
  return millis / kMillisPerMinute;
}

Timeliness Calendar::Classify(core::Millis finished_at, core::Millis due_at,
                              Granularity granularity) const {
  const auto compare = [](auto finished, auto due) {
    return finished < due ? Timeliness::kEarly
                          : (finished == due ? Timeliness::kOnTime : Timeliness::kLate);
  };
  if (granularity == Granularity::kMinute)
    return compare(MinuteFloor(finished_at), MinuteFloor(due_at));
  return compare(ToLocal(finished_at).date, ToLocal(due_at).date);
}

std::vector<DayInfo> Calendar::NonWorkingDays(Date after, Date through) const {
  std::vector<DayInfo> days;
  for (Date d = after + 1; d <= through; d = d + 1)
    if (!IsWorkingDay(d)) days.push_back(Describe(d));
  return days;
}

Explanation Calendar::ExplanationFrom(core::Millis received_at, const CountingOptions& options,
                                      LocalTime* start) const {
  Explanation e;
  e.received_at = received_at;
  *start = CountingStart(received_at, options, e.moved_by_cutoff);
  e.counting_from = FromLocal(start->date, 0) + start->millis_of_day;
  return e;
}

Explanation Calendar::ExplainWorkingDays(core::Millis received_at, int days,
                                         const CountingOptions& options) const {
  LocalTime start;
  Explanation e = ExplanationFrom(received_at, options, &start);
  e.due_at = AddWorkingDays(received_at, days, options);
  e.skipped = NonWorkingDays(ToLocal(received_at).date, ToLocal(e.due_at).date);
  return e;
}

Explanation Calendar::ExplainWorkingMinutes(core::Millis start, std::int64_t minutes,
                                            const CountingOptions& options) const {
  LocalTime local;
  Explanation e = ExplanationFrom(start, options, &local);
  e.due_at = AddWorkingMinutes(start, minutes, options);
  e.skipped = NonWorkingDays(ToLocal(start).date, ToLocal(e.due_at).date);
  return e;
}

Explanation Calendar::ExplainCalendarDays(core::Millis received_at, int days,
                                          const CountingOptions& options) const {
  LocalTime start;
  Explanation e = ExplanationFrom(received_at, options, &start);
  e.due_at = AddCalendarDays(received_at, days, options);
  e.skipped = NonWorkingDays(start.date + days - 1, ToLocal(e.due_at).date);
  return e;
}

bool Calendar::IsReceptionOpen(core::Millis at) const {
  const LocalTime local = ToLocal(at);
  const int minute = local.MinuteOfDay();
  const auto in = [minute](const Session& s) {
    return minute >= s.start_minute && minute < s.end_minute;
  };
  const DayKind kind = KindOf(local.date);
  if (IsWorking(kind)) return std::any_of(settings_.sessions.begin(), settings_.sessions.end(), in);
  return settings_.saturday_morning_reception && kind == DayKind::kWeeklyRest &&
         local.date.Weekday() == 6 && in(settings_.sessions.front());
}

std::string Explanation::Text(Language language) const {
  const bool vi = language == Language::kVi;
  std::string text = (vi ? "Tiếp nhận lúc " : "Received at ") + FormatLocal(received_at) + ". ";
  if (moved_by_cutoff) {
    text += vi ? "Nhận sau giờ quy định: coi như nhận lúc "
               : "Received after the cut-off: deemed received at ";
    text += FormatLocal(counting_from) + ". ";
  }
  if (!skipped.empty()) {
    text += vi ? "Không tính: " : "Not counted: ";
    for (std::size_t i = 0; i < skipped.size(); ++i)
      text += (i == 0 ? "" : "; ") + DayLine(skipped[i], language);
    text += ". ";
  }
  text += (vi ? "Hạn trả kết quả: " : "Due: ") + FormatLocal(due_at) + ".";
  return text;
}

}  // namespace eiso::calendar
