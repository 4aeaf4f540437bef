#include "calendar/processing_clock.hpp"

#include <algorithm>

namespace eiso::calendar {

ProcessingClock::ProcessingClock(const Calendar& calendar, core::Millis received_at,
                                 Allowance allowance, const CountingOptions& options)
    : allowance_(allowance), options_(options) {
  due_at_ = DueFrom(calendar, received_at, FullAmount(), options_);
}

std::int64_t ProcessingClock::FullAmount() const {
  return allowance_.unit == Allowance::Unit::kWorkingHours ? std::int64_t{allowance_.amount} * 60
                                                           : allowance_.amount;
}

core::Millis ProcessingClock::DueFrom(const Calendar& calendar, core::Millis at,
                                      std::int64_t amount, const CountingOptions& options) const {
  switch (allowance_.unit) {
    case Allowance::Unit::kWorkingDays: return calendar.AddWorkingDays(at, static_cast<int>(amount), options);
    case Allowance::Unit::kCalendarDays: return calendar.AddCalendarDays(at, static_cast<int>(amount), options);
    case Allowance::Unit::kWorkingHours: break;
  }
  return calendar.AddWorkingMinutes(at, amount, options);
}

void ProcessingClock::Pause(const Calendar& calendar, core::Millis at) {
  if (paused_at_) return;
  paused_at_ = at;
  if (at >= due_at_) {
    remaining_ = 0;
  } else if (allowance_.unit == Allowance::Unit::kWorkingDays) {
    remaining_ = std::max(0, calendar.WorkingDaysBetween(ToLocal(at).date, ToLocal(due_at_).date));
  } else if (allowance_.unit == Allowance::Unit::kCalendarDays) {
    remaining_ = std::max(0, ToLocal(due_at_).date - ToLocal(at).date);
  } else {
    remaining_ = calendar.WorkingMinutesBetween(at, due_at_);
  }
}

void ProcessingClock::Resume(const Calendar& calendar, core::Millis at) {
  if (!paused_at_) return;
  const bool was_late = *paused_at_ >= due_at_;
  paused_at_.reset();
  if (!was_late) due_at_ = DueFrom(calendar, at, remaining_, CountingOptions{});
}

void ProcessingClock::RestartFromZero(const Calendar& calendar, core::Millis at) {
  paused_at_.reset();
  remaining_ = 0;
  due_at_ = DueFrom(calendar, at, FullAmount(), options_);
}

}  // namespace eiso::calendar
