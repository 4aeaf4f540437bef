#include "calendar/working_time.hpp"

#include <gtest/gtest.h>

#include <random>
#include <thread>

namespace eiso::calendar {
namespace {

core::Millis At(Date date, int hour, int minute) { return FromLocal(date, hour * 60 + minute); }

const Calendar& Vietnam() {
  static const Calendar calendar(Settings{}, HolidayRules::Vietnam());
  return calendar;
}

CountingOptions FifteenHundredRule() {
  CountingOptions options;
  options.next_day_after_cutoff = true;
  return options;
}

TEST(WorkingTime, SkipsWeekendsAndDeclaredHolidays) {
  HolidayRules rules = HolidayRules::Vietnam();
  rules.decisions[2027].overrides.push_back(
      {{2027, 11, 25}, Override::Kind::kDayOff, {"Nghỉ thử", "Made-up day off", "—"}});
  const Calendar calendar(Settings{}, std::move(rules));
  struct Case {
    Date start;
    int days;
    Date due;
  };
  for (const Case& c : {Case{{2027, 11, 19}, 1, {2027, 11, 22}},  // Fri + 1 → Mon
                        Case{{2027, 11, 23}, 1, {2027, 11, 26}},  // 24/11 and the made-up 25/11
                        Case{{2027, 11, 20}, 0, {2027, 11, 22}},  // Saturday, same day → Mon
                        Case{{2027, 11, 22}, 0, {2027, 11, 22}}})
    EXPECT_EQ(calendar.AddWorkingDays(c.start, c.days), c.due) << ToString(c.start);
}

TEST(WorkingTime, DeadlinesAroundTet2026) {
  struct Case {
    core::Millis received;
    int days;
    bool rule;
    core::Millis due;
  };
  for (const Case& c : {
           Case{At({2026, 2, 13}, 10, 0), 1, false, At({2026, 2, 23}, 17, 0)},  // Fri → after Tết
           Case{At({2026, 2, 12}, 16, 20), 2, false, At({2026, 2, 23}, 17, 0)},
           Case{At({2026, 2, 12}, 16, 20), 2, true, At({2026, 2, 24}, 17, 0)},   // deemed 13/02
           Case{At({2026, 2, 13}, 15, 30), 0, false, At({2026, 2, 13}, 17, 0)},  // same day
           Case{At({2026, 2, 13}, 15, 30), 0, true, At({2026, 2, 23}, 17, 0)},
           Case{At({2026, 2, 17}, 9, 0), 3, false, At({2026, 2, 25}, 17, 0)},  // online, mùng 1
       })
    EXPECT_EQ(Vietnam().AddWorkingDays(c.received, c.days,
                                       c.rule ? FifteenHundredRule() : CountingOptions{}),
              c.due)
        << FormatLocal(c.received) << " + " << c.days;
}

TEST(WorkingTime, DeadlinesAround30April2026) {
  // Received 16:20 on Wednesday 29/04/2026, 5 working days: 30/4 and 1/5 are holidays, 2–3/5 a
  // weekend; counting 4, 5, 6, 7, 8/5. With the 15:00 rule it counts as received on 4/5.
  const core::Millis received = At({2026, 4, 29}, 16, 20);
  EXPECT_EQ(Vietnam().AddWorkingDays(received, 5), At({2026, 5, 8}, 17, 0));
  EXPECT_EQ(Vietnam().AddWorkingDays(received, 5, FifteenHundredRule()), At({2026, 5, 11}, 17, 0));
  // Online on Sunday 26/04 (Hùng Kings): Monday 27/04 is its nghỉ bù.
  EXPECT_EQ(Vietnam().AddWorkingDays(At({2026, 4, 26}, 9, 0), 1), At({2026, 4, 28}, 17, 0));

  const Explanation e = Vietnam().ExplainWorkingDays(received, 5);
  ASSERT_EQ(e.skipped.size(), 4u);
  EXPECT_EQ(e.skipped[0].kind, DayKind::kPublicHoliday);
  EXPECT_EQ(e.skipped[0].reason.vi, "Ngày Chiến thắng");
  EXPECT_EQ(e.skipped[2].reason.vi, "Thứ Bảy");
  EXPECT_EQ(e.Text(Language::kVi),
            "Tiếp nhận lúc 16:20 29/04/2026. Không tính: 30/04/2026 Ngày Chiến thắng — Bộ luật Lao "
            "động 2019, Điều 112; 01/05/2026 Ngày Quốc tế lao động — Bộ luật Lao động 2019, Điều "
            "112; 02/05/2026 Thứ Bảy; 03/05/2026 Chủ nhật. Hạn trả kết quả: 17:00 08/05/2026.");
  const Explanation moved = Vietnam().ExplainWorkingDays(received, 5, FifteenHundredRule());
  EXPECT_TRUE(moved.moved_by_cutoff);
  EXPECT_EQ(moved.counting_from, At({2026, 5, 4}, 7, 30));
  EXPECT_NE(moved.Text(Language::kEn).find("deemed received at 07:30 04/05/2026"),
            std::string::npos);
  EXPECT_NE(moved.Text(Language::kEn).find("Due: 17:00 11/05/2026."), std::string::npos);
}

// Periods in calendar days (ngày), Civil Code 2015 art. 147–148: the receipt day is not counted,
// the period ends at the end of its last day, and a last day off gives way to the next working day.
TEST(WorkingTime, CalendarDaysEndAtTheEndOfTheLastDayOrOfTheNextWorkingDay) {
  const core::Millis end_of_day = kMillisPerDay - 1;
  // Monday 16/11/2026 + 3 days: Thursday 19/11, to its end; weekends inside the period count.
  EXPECT_EQ(Vietnam().AddCalendarDays(At({2026, 11, 16}, 9, 0), 3), FromLocal({2026, 11, 19}, 0) + end_of_day);
  EXPECT_EQ(Vietnam().AddCalendarDays(At({2026, 11, 13}, 9, 0), 10), FromLocal({2026, 11, 23}, 0) + end_of_day);
  // Friday 20/11 + 1 day: Saturday 21/11, a day off → Monday 23/11.
  EXPECT_EQ(Vietnam().AddCalendarDays(At({2026, 11, 20}, 16, 0), 1), FromLocal({2026, 11, 23}, 0) + end_of_day);
  // With the 15:00 rule, Friday 16:00 counts from Monday 23/11: + 1 day → Tuesday 24/11, Vietnam
  // Culture Day (a day off) → Wednesday 25/11.
  EXPECT_EQ(Vietnam().AddCalendarDays(At({2026, 11, 20}, 16, 0), 1, FifteenHundredRule()),
            FromLocal({2026, 11, 25}, 0) + end_of_day);
  EXPECT_EQ(Vietnam().ExplainCalendarDays(At({2026, 11, 20}, 16, 0), 1, FifteenHundredRule()).skipped.at(0).reason.vi,
            "Ngày Văn hóa Việt Nam");
  // Monday 20/04/2026 + 10 days: Thursday 30/04, a holiday, and 1/5, 2/5, 3/5 are days off too →
  // Monday 04/05; the explanation names the four days the last day gave way to.
  const Explanation e = Vietnam().ExplainCalendarDays(At({2026, 4, 20}, 10, 0), 10);
  EXPECT_EQ(e.due_at, FromLocal({2026, 5, 4}, 0) + end_of_day);
  ASSERT_EQ(e.skipped.size(), 4u);
  EXPECT_EQ(e.skipped[0].reason.vi, "Ngày Chiến thắng");
  EXPECT_EQ(e.skipped[3].reason.vi, "Chủ nhật");
  EXPECT_NE(e.Text(Language::kVi).find("Hạn trả kết quả: 23:59 04/05/2026."), std::string::npos) << e.Text(Language::kVi);
  // A period whose last day is a working day skips nothing, though days off lie inside it.
  EXPECT_TRUE(Vietnam().ExplainCalendarDays(At({2026, 4, 20}, 10, 0), 14).skipped.empty());
  EXPECT_EQ(Vietnam().AddCalendarDays(At({2026, 4, 20}, 10, 0), 14), FromLocal({2026, 5, 4}, 0) + end_of_day);
}

TEST(WorkingTime, DeadlinesAroundNationalDay2026) {
  // 29/08–02/09/2026 off: weekend, Monday 31/8 by the arrangement, 1/9 and 2/9.
  EXPECT_EQ(Vietnam().AddWorkingDays(At({2026, 8, 28}, 14, 0), 1), At({2026, 9, 3}, 17, 0));
  EXPECT_EQ(Vietnam().AddWorkingDays(At({2026, 8, 28}, 15, 30), 1, FifteenHundredRule()),
            At({2026, 9, 4}, 17, 0));
  EXPECT_EQ(Vietnam().AddWorkingDays(At({2026, 8, 28}, 15, 0), 1, FifteenHundredRule()),
            At({2026, 9, 3}, 17, 0));  // at 15:00 sharp: not after it
  const Explanation e = Vietnam().ExplainWorkingDays(At({2026, 8, 28}, 14, 0), 1);
  ASSERT_EQ(e.skipped.size(), 5u);
  EXPECT_EQ(e.skipped[2].kind, DayKind::kDecreedDayOff);
  EXPECT_EQ(e.skipped[3].reason.en, "National Day (adjacent day)");
}

TEST(WorkingTime, AddsWorkingHoursSessionBySession) {
  // 16:20 + 8 h: 40 min on 29/4, then 440 min from 07:30 on 4/5 (240 in the morning).
  EXPECT_EQ(Vietnam().AddWorkingHours(At({2026, 4, 29}, 16, 20), 8), At({2026, 5, 4}, 16, 50));
  EXPECT_EQ(Vietnam().AddWorkingMinutes(At({2026, 5, 4}, 7, 30), 240), At({2026, 5, 4}, 11, 30));
  EXPECT_EQ(Vietnam().AddWorkingMinutes(At({2026, 5, 4}, 7, 30), 450), At({2026, 5, 4}, 17, 0));
  EXPECT_EQ(Vietnam().AddWorkingMinutes(At({2026, 5, 4}, 12, 0), 30), At({2026, 5, 4}, 14, 0));
  EXPECT_EQ(Vietnam().AddWorkingMinutes(At({2026, 5, 2}, 10, 0), 60), At({2026, 5, 4}, 8, 30));
  EXPECT_EQ(Vietnam().AddWorkingHours(At({2026, 4, 29}, 16, 20), 8, FifteenHundredRule()),
            At({2026, 5, 5}, 8, 0));  // 450 min on 4/5, 30 more on 5/5
  EXPECT_EQ(Vietnam().WorkingMinutesBetween(At({2026, 4, 29}, 16, 20), At({2026, 5, 4}, 16, 50)),
            480);
  EXPECT_EQ(Vietnam().WorkingMinutesBetween(At({2026, 5, 4}, 16, 50), At({2026, 4, 29}, 16, 20)),
            -480);
  EXPECT_EQ(Vietnam().WorkingMinutesBetween(At({2026, 5, 4}, 11, 0), At({2026, 5, 4}, 14, 0)), 60);
}

TEST(WorkingTime, ClassifiesByMinuteOrByDay) {
  const core::Millis due = At({2026, 5, 8}, 17, 0);
  EXPECT_EQ(Vietnam().Classify(At({2026, 5, 8}, 16, 59), due, Granularity::kMinute),
            Timeliness::kEarly);
  EXPECT_EQ(Vietnam().Classify(due + 30'000, due, Granularity::kMinute), Timeliness::kOnTime);
  EXPECT_EQ(Vietnam().Classify(At({2026, 5, 8}, 17, 1), due, Granularity::kMinute),
            Timeliness::kLate);
  EXPECT_EQ(Vietnam().Classify(At({2026, 5, 8}, 20, 0), due, Granularity::kDay),
            Timeliness::kOnTime);
  EXPECT_EQ(Vietnam().Classify(At({2026, 5, 7}, 20, 0), due, Granularity::kDay),
            Timeliness::kEarly);
  EXPECT_EQ(Vietnam().Classify(At({2026, 5, 11}, 7, 0), due, Granularity::kDay), Timeliness::kLate);
}

TEST(WorkingTime, SaturdayMorningReceptionIsAUnitSetting) {
  Settings settings;
  settings.saturday_morning_reception = true;
  const Calendar unit(settings, HolidayRules::Vietnam());
  EXPECT_TRUE(unit.IsReceptionOpen(At({2026, 5, 9}, 8, 0)));    // Saturday morning
  EXPECT_FALSE(unit.IsReceptionOpen(At({2026, 5, 9}, 14, 0)));  // Saturday afternoon
  EXPECT_FALSE(Vietnam().IsReceptionOpen(At({2026, 5, 9}, 8, 0)));
  EXPECT_TRUE(Vietnam().IsReceptionOpen(At({2026, 1, 10}, 8, 0)));   // a decreed working Saturday
  EXPECT_FALSE(Vietnam().IsReceptionOpen(At({2026, 5, 4}, 12, 0)));  // lunch break
  // Reception does not make Saturday count: received Saturday, 1 day → Monday's close.
  EXPECT_EQ(unit.AddWorkingDays(At({2026, 5, 9}, 8, 0), 1), At({2026, 5, 11}, 17, 0));
}

// Random receipts over 2000–2098 with a fixed seed.
TEST(WorkingTime, PropertiesHoldForRandomReceipts) {
  std::mt19937_64 random(20260429);
  std::uniform_int_distribution<std::int32_t> day(Date{2000, 1, 1}.DayNumber(),
                                                  Date{2098, 12, 31}.DayNumber());
  std::uniform_int_distribution<int> minute(0, 24 * 60 - 1);
  std::uniform_int_distribution<int> days(0, 250);
  std::uniform_int_distribution<int> minutes(0, 2000 * 60);
  const Calendar& calendar = Vietnam();
  const Settings& settings = calendar.settings();
  for (int i = 0; i < 20000; ++i) {
    const core::Millis received = FromLocal(Date::FromDayNumber(day(random)), minute(random));
    const CountingOptions options = i % 2 == 0 ? CountingOptions{} : FifteenHundredRule();
    const int n = days(random);
    const core::Millis due = calendar.AddWorkingDays(received, n, options);
    const LocalTime due_local = ToLocal(due);
    ASSERT_TRUE(calendar.IsWorkingDay(due_local.date)) << FormatLocal(received) << " + " << n;
    ASSERT_EQ(due_local.MinuteOfDay(), settings.sessions.back().end_minute);
    const Explanation e = calendar.ExplainWorkingDays(received, n, options);
    if (n > 0) {
      ASSERT_EQ(calendar.WorkingDaysBetween(ToLocal(e.counting_from).date, due_local.date), n)
          << FormatLocal(received) << " + " << n;
    }

    const int m = minutes(random);
    const core::Millis end = calendar.AddWorkingMinutes(received, m, options);
    const LocalTime end_local = ToLocal(end);
    if (m > 0) {
      ASSERT_TRUE(calendar.IsWorkingDay(end_local.date)) << FormatLocal(received) << " + " << m;
      const int at = end_local.MinuteOfDay();
      ASSERT_TRUE(
          std::any_of(settings.sessions.begin(), settings.sessions.end(),
                      [at](const Session& s) { return at > s.start_minute && at <= s.end_minute; }))
          << FormatLocal(received) << " + " << m << " min → " << FormatLocal(end);
    }
    ASSERT_EQ(calendar.WorkingMinutesBetween(
                  e.counting_from > received ? e.counting_from : received, end),
              m)
        << FormatLocal(received) << " + " << m << " min";
  }
}

TEST(WorkingTime, ConcurrentReadersBuildEachYearOnce) {
  const Calendar calendar(Settings{}, HolidayRules::Vietnam());
  std::vector<core::Millis> expected;
  for (int year = 2020; year < 2060; ++year)
    expected.push_back(Vietnam().AddWorkingDays(At({year, 3, 2}, 9, 0), 200));
  std::vector<std::thread> threads;
  std::atomic<int> mismatches = 0;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int year = 2020; year < 2060; ++year) {
        const int y = t % 2 == 0 ? year : 2020 + 2059 - year;  // two threads from each end
        if (calendar.AddWorkingDays(At({y, 3, 2}, 9, 0), 200) !=
            expected[static_cast<std::size_t>(y - 2020)])
          ++mismatches;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(mismatches, 0);
}

}  // namespace
}  // namespace eiso::calendar
