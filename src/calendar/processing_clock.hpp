// The processing-time clock of one dossier or step: started at receipt, paused while the applicant
// owes something (e.g. financial obligations, status 6), resumed, and restarted from zero when a
// supplemented dossier is received complete (Decree 61/2018 art. 19.4 [V]). A plain value: the
// dossiers module stores its fields and passes the unit's Calendar to every call.
// Pausing keeps what is left of the allowance: for working days, the working days after the
// pause day up to the due day (the pause day counts as used, like a receipt day); for working
// hours, the office minutes from the pause to the due time. Resuming spends what is left from
// the moment of resumption, whose day, like a receipt day, is not counted. A clock paused after
// its due time is already late: resuming keeps the due time.
#pragma once

#include <cstdint>
#include <optional>

#include "calendar/working_time.hpp"
#include "core/clock.hpp"

namespace eiso::calendar {

struct Allowance {
  // kCalendarDays: "ngày" as the Civil Code counts a period (Calendar::AddCalendarDays).
  enum class Unit { kWorkingDays, kWorkingHours, kCalendarDays };
  Unit unit = Unit::kWorkingDays;
  int amount = 0;
};

class ProcessingClock {
 public:
  ProcessingClock(const Calendar& calendar, core::Millis received_at, Allowance allowance,
                  const CountingOptions& options = {});

  core::Millis due_at() const { return due_at_; }
  bool paused() const { return paused_at_.has_value(); }
  // What was left when paused: working days or office minutes, by the allowance's unit.
  std::int64_t remaining_at_pause() const { return remaining_; }

  // No effect when already paused.
  void Pause(const Calendar& calendar, core::Millis at);
  // No effect when running.
  void Resume(const Calendar& calendar, core::Millis at);
  // A complete supplemented dossier received at `at`: the whole allowance again, from `at`, with
  // the receipt rules (and 15:00 rule) of the first receipt.
  void RestartFromZero(const Calendar& calendar, core::Millis at);

 private:
  // The allowance in working days, or in office minutes for an allowance in hours.
  std::int64_t FullAmount() const;
  // Due time for `amount` (days, or minutes) counted from `at`.
  core::Millis DueFrom(const Calendar& calendar, core::Millis at, std::int64_t amount,
                       const CountingOptions& options) const;

  Allowance allowance_;
  CountingOptions options_;
  core::Millis due_at_ = 0;
  std::optional<core::Millis> paused_at_;
  std::int64_t remaining_ = 0;
};

}  // namespace eiso::calendar
