// Cost of the working-day calendar on the deadline path: one due-date computation with its years
// already built (the server's steady state), and building one year's table (first use of a year
// by a unit's Calendar). Baseline in the same run: converting an instant to local time.
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "calendar/lunar.hpp"
#include "calendar/service.hpp"
#include "calendar/working_time.hpp"

namespace eiso::calendar {
namespace {

struct Receipt {
  core::Millis at;
  int days;
};

// Receipts at random minutes of 2026 with 1–250 working days: horizons up to a year.
std::vector<Receipt> Receipts() {
  std::mt19937_64 random(2026);
  std::uniform_int_distribution<std::int32_t> day(Date{2026, 1, 1}.DayNumber(),
                                                  Date{2026, 12, 31}.DayNumber());
  std::uniform_int_distribution<int> minute(0, 24 * 60 - 1);
  std::uniform_int_distribution<int> days(1, 250);
  std::vector<Receipt> receipts;
  for (int i = 0; i < 4096; ++i)
    receipts.push_back({FromLocal(Date::FromDayNumber(day(random)), minute(random)), days(random)});
  return receipts;
}

const Calendar& WarmCalendar() {
  static const Calendar calendar(Settings{}, HolidayRules::Vietnam());
  for (int year = 2026; year <= 2028; ++year) calendar.Year(year);
  return calendar;
}

void BM_LocalTimeBaseline(benchmark::State& state) {
  const std::vector<Receipt> receipts = Receipts();
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(ToLocal(receipts[i++ & 4095].at));
  }
}
BENCHMARK(BM_LocalTimeBaseline);

void BM_DueDateWorkingDays(benchmark::State& state) {
  const Calendar& calendar = WarmCalendar();
  const std::vector<Receipt> receipts = Receipts();
  CountingOptions options;
  options.next_day_after_cutoff = state.range(0) != 0;
  std::size_t i = 0;
  for (auto _ : state) {
    const Receipt& r = receipts[i++ & 4095];
    benchmark::DoNotOptimize(calendar.AddWorkingDays(r.at, r.days, options));
  }
}
BENCHMARK(BM_DueDateWorkingDays)->Arg(0)->Arg(1)->ArgName("rule_15h");

void BM_DueDateWorkingHours(benchmark::State& state) {
  const Calendar& calendar = WarmCalendar();
  const std::vector<Receipt> receipts = Receipts();
  std::size_t i = 0;
  for (auto _ : state) {
    const Receipt& r = receipts[i++ & 4095];
    benchmark::DoNotOptimize(calendar.AddWorkingHours(r.at, r.days * 8));
  }
}
BENCHMARK(BM_DueDateWorkingHours);

void BM_ExplainWorkingDays(benchmark::State& state) {
  const Calendar& calendar = WarmCalendar();
  const std::vector<Receipt> receipts = Receipts();
  std::size_t i = 0;
  for (auto _ : state) {
    const Receipt& r = receipts[i++ & 4095];
    benchmark::DoNotOptimize(calendar.ExplainWorkingDays(r.at, r.days % 20 + 1));
  }
}
BENCHMARK(BM_ExplainWorkingDays);

void BM_BuildYearTable(benchmark::State& state) {
  const HolidayRules rules = HolidayRules::Vietnam();
  const std::array<bool, 7> weekly_rest{true, false, false, false, false, false, true};
  LunarNewYear(2026);  // the lunar table is built once per process, outside the loop
  for (auto _ : state) {
    benchmark::DoNotOptimize(YearTable(2026, rules, weekly_rest));
  }
}
BENCHMARK(BM_BuildYearTable);

void BM_SolarToLunar(benchmark::State& state) {
  std::int32_t day = Date{2026, 1, 1}.DayNumber();
  for (auto _ : state) {
    benchmark::DoNotOptimize(SolarToLunar(Date::FromDayNumber(day)));
    day = day == Date{2026, 12, 31}.DayNumber() ? Date{2026, 1, 1}.DayNumber() : day + 1;
  }
}
BENCHMARK(BM_SolarToLunar);

// DueAt through the service's snapshot (one shared_ptr copy under a mutex, then the library),
// over a database holding one decision: the cost every later deadline pays.
void BM_ServiceDueAt(benchmark::State& state) {
  auto db = db::Database::Open("sqlite::memory:").value();
  std::vector<db::Migration> all;
  for (const auto* set : {&audit::Migrations(), &org::Migrations(), &Migrations()})
    all.insert(all.end(), set->begin(), set->end());
  if (!db->Migrate(all).ok()) return state.SkipWithError("migrations failed");
  const core::FakeClock clock{1'795'000'000'000};
  const audit::Service audit{clock};
  const org::Service org{*db, audit, clock};
  const Service calendar{*db, audit, org, clock};
  const Actor admin{.user_id = 1, .roles = static_cast<std::uint32_t>(Role::kAdministrator), .province_wide = true};
  if (!calendar.CreateDecision(admin, {.date = {2026, 5, 4}, .reason_vi = "Nghỉ thêm", .legal_basis = "QĐ 1",
                                       .legal_basis_date = {2026, 4, 1}}).ok())
    return state.SkipWithError("decision refused");
  core::Millis received = FromLocal({2026, 1, 5}, 9 * 60);
  for (auto _ : state) {
    benchmark::DoNotOptimize(calendar.DueAt(std::nullopt, received, {Allowance::Unit::kWorkingDays, 15}));
    received += 3 * 3'600'000;
    if (received > FromLocal({2026, 11, 30}, 0)) received = FromLocal({2026, 1, 5}, 9 * 60);
  }
}
BENCHMARK(BM_ServiceDueAt);

}  // namespace
}  // namespace eiso::calendar
