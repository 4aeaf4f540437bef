#include "calendar/processing_clock.hpp"

#include <gtest/gtest.h>

namespace eiso::calendar {
namespace {

core::Millis At(Date date, int hour, int minute) { return FromLocal(date, hour * 60 + minute); }

const Calendar& Vietnam() {
  static const Calendar calendar(Settings{}, HolidayRules::Vietnam());
  return calendar;
}

constexpr Allowance kFiveDays{Allowance::Unit::kWorkingDays, 5};

TEST(ProcessingClock, PauseKeepsTheWorkingDaysLeft) {
  // Received Monday 04/05/2026: due Monday 11/05. Paused Wednesday 06/05 (that day is used):
  // 7, 8, 11/05 remain. Resumed Tuesday 12/05: 13, 14, 15/05.
  ProcessingClock clock(Vietnam(), At({2026, 5, 4}, 9, 0), kFiveDays);
  EXPECT_EQ(clock.due_at(), At({2026, 5, 11}, 17, 0));
  clock.Pause(Vietnam(), At({2026, 5, 6}, 10, 0));
  EXPECT_TRUE(clock.paused());
  EXPECT_EQ(clock.remaining_at_pause(), 3);
  clock.Resume(Vietnam(), At({2026, 5, 12}, 14, 0));
  EXPECT_FALSE(clock.paused());
  EXPECT_EQ(clock.due_at(), At({2026, 5, 15}, 17, 0));
}

TEST(ProcessingClock, PauseKeepsTheOfficeMinutesLeft) {
  // 16 h from 07:30 on 04/05: 450 + 450 + 60 min → 08:30 on 06/05. Paused 07:30 on 05/05 with
  // 510 min left; resumed 13:30 on 07/05: 210 that afternoon, 300 on 08/05 → 14:30.
  ProcessingClock clock(Vietnam(), At({2026, 5, 4}, 7, 30), {Allowance::Unit::kWorkingHours, 16});
  EXPECT_EQ(clock.due_at(), At({2026, 5, 6}, 8, 30));
  clock.Pause(Vietnam(), At({2026, 5, 5}, 7, 30));
  EXPECT_EQ(clock.remaining_at_pause(), 510);
  clock.Resume(Vietnam(), At({2026, 5, 7}, 13, 30));
  EXPECT_EQ(clock.due_at(), At({2026, 5, 8}, 14, 30));
}

TEST(ProcessingClock, SupplementRestartsFromZero) {
  // Decree 61/2018 art. 19.4: the complete dossier, received 16:00 on 12/05, starts the whole
  // allowance again; with the 15:00 rule it counts from 13/05.
  ProcessingClock plain(Vietnam(), At({2026, 5, 4}, 9, 0), kFiveDays);
  plain.Pause(Vietnam(), At({2026, 5, 5}, 9, 0));
  plain.RestartFromZero(Vietnam(), At({2026, 5, 12}, 16, 0));
  EXPECT_FALSE(plain.paused());
  EXPECT_EQ(plain.due_at(), At({2026, 5, 19}, 17, 0));

  CountingOptions rule;
  rule.next_day_after_cutoff = true;
  ProcessingClock with_rule(Vietnam(), At({2026, 5, 4}, 9, 0), kFiveDays, rule);
  with_rule.RestartFromZero(Vietnam(), At({2026, 5, 12}, 16, 0));
  EXPECT_EQ(with_rule.due_at(), At({2026, 5, 20}, 17, 0));
}

TEST(ProcessingClock, PausedWhenAlreadyLateStaysLate) {
  ProcessingClock clock(Vietnam(), At({2026, 5, 4}, 9, 0), kFiveDays);
  clock.Pause(Vietnam(), At({2026, 5, 12}, 9, 0));
  clock.Resume(Vietnam(), At({2026, 5, 14}, 9, 0));
  EXPECT_EQ(clock.due_at(), At({2026, 5, 11}, 17, 0));
}

}  // namespace
}  // namespace eiso::calendar
