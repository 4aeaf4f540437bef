#include <algorithm>
#include <atomic>
#include <chrono>
#include <random>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "auth/service.hpp"
#include "calendar/date.hpp"
#include "dossiers/service.hpp"
#include "dossiers/store.hpp"
#include "dossiers/test_services.hpp"

namespace eiso::dossiers {
namespace {

constexpr auto R(Role r) { return static_cast<std::uint32_t>(r); }
core::Millis Local(int y, int m, int d, int hour, int minute) {
  return calendar::FromLocal(calendar::Date{y, m, d}, hour * 60 + minute);
}

class DossiersService : public ::testing::Test, protected TestServices {
 protected:
  DossiersService() : TestServices(Local(2026, 11, 16, 9, 0)) {}   // a Monday
  void SetUp() override {
    const Actor system;
    ASSERT_TRUE(db_->Write([&](db::Tx& tx) -> Status {
      for (const char* code : {"000.00.15.H06", "000.00.16.H06", "000.00.17.H06", "000.00.18.H06"}) {
        org::AgencyInput in{.name = std::string("Cơ quan ") + code, .short_name = code, .unit_code = code,
                            .valid_from = "2020-01-01"};
        EISO_TRY(id, org_.Insert(tx, system, in));
        agencies_.push_back(id);
      }
      EISO_CHECK(documents_.InsertQms(tx, system, {.owner_agency_id = agencies_[0], .name = "HTQLCL"}));
      procedures::VersionInput v;
      v.effective_from = "2025-01-01";
      v.name = "Cấp giấy phép thử nghiệm";
      v.sector = "Khoa học";
      v.agency_ids = {agencies_[0]};
      v.statutory_time = {5, procedures::TimeUnit::kWorkingDay};
      v.fee = "Không";
      v.result = "Giấy phép";
      v.legal_basis = {"61/2018/NĐ-CP"};
      v.components = {{"Đơn đề nghị", procedures::PaperForm::kOriginal, 1, true},
                      {"Bản sao giấy tờ", procedures::PaperForm::kCopy, 1, true},
                      {"Tài liệu khác", procedures::PaperForm::kCopy, 1, false}};
      v.cutoff_rule = true;
      EISO_TRY(pid, procedures_.Insert(tx, system, "1.999999", v));
      procedure_ = pid;
      using procedures::StepKind;
      using procedures::TimeUnit;
      std::vector<procedures::Step> steps = {
          {"Tiếp nhận", "Bộ phận một cửa", StepKind::kReceive, {4, TimeUnit::kWorkingHour}, std::nullopt, std::nullopt},
          {"Thẩm định", "Phòng chuyên môn", StepKind::kAppraise, {2, TimeUnit::kWorkingDay}, std::nullopt, std::nullopt},
          {"Lấy ý kiến B", "Cơ quan B", StepKind::kConsult, {1, TimeUnit::kWorkingDay}, 1, agencies_[1]},
          {"Lấy ý kiến C", "Cơ quan C", StepKind::kConsult, {1, TimeUnit::kWorkingDay}, 1, agencies_[2]},
          {"Phê duyệt", "Lãnh đạo", StepKind::kApprove, {1, TimeUnit::kWorkingDay}, std::nullopt, std::nullopt},
          {"Trả kết quả", "Bộ phận một cửa", StepKind::kReturn, {4, TimeUnit::kWorkingHour}, std::nullopt, std::nullopt},
      };
      EISO_TRY(doc, procedures_.InsertIssuedProcess(tx, system, pid, agencies_[0], steps, "2025-01-01", 480));
      (void)doc;
      return Ok();
    }).ok());
    auto actor = [&](UserId id, std::size_t agency, Role role) {
      return Actor{.user_id = id, .agency_id = agencies_[agency], .roles = R(role), .username = "u"};
    };
    clerk_ = actor(1, 0, Role::kClerk);
    officer_ = actor(2, 0, Role::kOfficer);
    leader_ = actor(3, 0, Role::kLeader);
    officer_b_ = actor(4, 1, Role::kOfficer);
    officer_c_ = actor(5, 2, Role::kOfficer);
    outsider_ = actor(6, 3, Role::kClerk);
  }

  ReceiveInput Input(Channel channel = Channel::kCounter) const {
    return {.agency_id = agencies_[0], .procedure_id = procedure_, .channel = channel,
            .applicant = {"Nguyễn Văn An", "001090000001", "Bắc Ninh", "0912000000", "an@example.vn"},
            .components = {0, 1}};
  }
  const Step& Active(const Dossier& d, const std::string& kind) const {
    for (const Step& s : d.steps)
      if (s.state == "active" && s.kind == kind) return s;
    ADD_FAILURE() << "no active " << kind;
    return d.steps.front();
  }
  // A procedure of agencies_[0] with one required form ("Đơn đề nghị") and an issued process of
  // these steps (name, kind, working days), handled by the agency's own units.
  struct StepSpec {
    const char* name;
    procedures::StepKind kind;
    double working_days;
  };
  procedures::ProcedureId OneFormProcedure(const std::string& code, const std::string& name,
                                           procedures::Duration statutory_time, const std::vector<StepSpec>& specs) {
    procedures::ProcedureId pid = 0;
    EXPECT_TRUE(db_->Write([&](db::Tx& tx) -> Status {
      procedures::VersionInput v;
      v.effective_from = "2025-01-01";
      v.name = name;
      v.sector = "Khoa học";
      v.agency_ids = {agencies_[0]};
      v.statutory_time = statutory_time;
      v.result = "Giấy xác nhận";
      v.components = {{"Đơn đề nghị", procedures::PaperForm::kOriginal, 1, true}};
      EISO_TRY(id, procedures_.Insert(tx, Actor{}, code, v));
      pid = id;
      std::vector<procedures::Step> steps;
      for (const StepSpec& s : specs)
        steps.push_back({s.name, "Phòng", s.kind, {s.working_days, procedures::TimeUnit::kWorkingDay}, std::nullopt,
                         std::nullopt});
      EISO_TRY(doc, procedures_.InsertIssuedProcess(tx, Actor{}, pid, agencies_[0], steps, "2025-01-01", 480));
      (void)doc;
      return Ok();
    }).ok());
    return pid;
  }
  core::Millis Due(core::Millis from, int days, bool cutoff) const {
    return calendar_.DueAt(agencies_[0], from, {calendar::Allowance::Unit::kWorkingDays, days},
                           {.next_day_after_cutoff = cutoff})->due_at;
  }
  Dossier Through(Dossier d) {   // appraise → both consultations → approve active
    d = *dossiers_.Handover(officer_, d.id, Active(d, "appraise").id, {});
    d = *dossiers_.Handover(officer_b_, d.id, Active(d, "consult").id, {});
    for (const Step& s : d.steps)
      if (s.state == "active" && s.kind == "consult") d = *dossiers_.Handover(officer_c_, d.id, s.id, {});
    return d;
  }

  std::vector<AgencyId> agencies_;
  procedures::ProcedureId procedure_ = 0;
  Actor clerk_, officer_, leader_, officer_b_, officer_c_, outsider_;
};

TEST_F(DossiersService, FullLifeCycleWithSupplementRestartingTheClock) {
  auto r = dossiers_.Receive(clerk_, Input());
  ASSERT_TRUE(r.ok()) << r.error().message_key;
  Dossier d = *r;
  EXPECT_EQ(d.status, 2);
  EXPECT_EQ(*d.number, "000.00.15.H06-261116-0001");
  ASSERT_TRUE(d.secret);
  EXPECT_EQ(*d.due_at, Due(clock_.Now(), 5, true));
  EXPECT_EQ(d.steps.size(), 6u);
  EXPECT_EQ(d.steps[0].state, "done");
  EXPECT_EQ(Active(d, "appraise").due_at, Due(clock_.Now(), 2, false));

  clock_.Advance(3'600'000);
  auto s = dossiers_.RequestSupplement(officer_, d.id, {"Bản sao có chứng thực"});
  ASSERT_TRUE(s.ok()) << s.error().message_key;
  EXPECT_EQ(s->status, 5);
  EXPECT_FALSE(s->notice_late);
  EXPECT_EQ(dossiers_.Handover(officer_, d.id, Active(*s, "appraise").id, {}).error().message_key,
            "dossiers.step_not_active");
  clock_.Set(Local(2026, 11, 19, 10, 0));
  auto back = dossiers_.ReceiveSupplement(clerk_, d.id);
  ASSERT_TRUE(back.ok()) << back.error().message_key;
  EXPECT_EQ(back->status, 4);
  EXPECT_EQ(*back->due_at, Due(clock_.Now(), 5, true));   // from zero at the supplement
  EXPECT_EQ(*back->base_due_at, *back->due_at);

  d = *dossiers_.Handover(officer_, d.id, Active(*back, "appraise").id, {});
  int consults = 0;
  for (const Step& st : d.steps) consults += st.state == "active" && st.kind == "consult";
  EXPECT_EQ(consults, 2);   // parallel branches, each with its own deadline
  EXPECT_EQ(dossiers_.Decide(leader_, d.id, true, "").error().message_key, "dossiers.steps_open");
  EXPECT_EQ(dossiers_.Handover(officer_b_, d.id, d.steps[3].id, {}).error().code, ErrorCode::kForbidden);
  d = *dossiers_.Handover(officer_b_, d.id, d.steps[2].id, {});
  EXPECT_EQ(d.steps[4].state, "pending");   // waits for the other branch
  d = *dossiers_.Handover(officer_c_, d.id, d.steps[3].id, {});
  EXPECT_EQ(d.steps[4].state, "active");
  EXPECT_EQ(dossiers_.Decide(officer_, d.id, true, "").error().code, ErrorCode::kForbidden);
  auto done = dossiers_.Decide(leader_, d.id, true, "");
  ASSERT_TRUE(done.ok()) << done.error().message_key;
  EXPECT_EQ(done->status, 9);
  EXPECT_EQ(done->timeliness, "early");
  auto returned = dossiers_.ReturnResult(clerk_, d.id);
  ASSERT_TRUE(returned.ok());
  EXPECT_EQ(returned->status, 10);

  auto stats = dossiers_.GetStats(leader_, {agencies_[0], "2026-01", "2026-12"});
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->total.counts["received.1"], 1);
  EXPECT_EQ(stats->total.counts["resolved.early"], 1);
  EXPECT_EQ(stats->total.counts["returned"], 1);
  EXPECT_DOUBLE_EQ(stats->total.on_time_over_resolved, 1.0);
  EXPECT_EQ(stats->total.in_progress, 0);
  EXPECT_EQ(*dossiers_.Counters(), *dossiers_.RecountFromEvents());
}

TEST_F(DossiersService, SupplementNoticeAfterThreeWorkingDaysIsFlaggedLate) {
  Dossier d = *dossiers_.Receive(clerk_, Input());
  clock_.Set(Local(2026, 11, 20, 9, 0));   // Friday: 4 working days after a Monday receipt
  auto s = dossiers_.RequestSupplement(officer_, d.id, {"Tờ khai"});
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(s->notice_late);
}

TEST_F(DossiersService, ApologyOnceAtLatestOneWorkingDayBeforeTheDueTime) {
  Dossier d = *dossiers_.Receive(clerk_, Input());
  const core::Millis original = *d.due_at;
  EXPECT_EQ(dossiers_.Apologize(officer_, d.id, original - 1, "x").error().message_key, "dossiers.bad_new_due");
  const core::Millis later = original + 3 * calendar::kMillisPerDay;
  auto a = dossiers_.Apologize(officer_, d.id, later, "Chờ ý kiến cơ quan B");
  ASSERT_TRUE(a.ok()) << a.error().message_key;
  EXPECT_EQ(*a->due_at, later);
  EXPECT_EQ(*a->base_due_at, original);
  EXPECT_EQ(dossiers_.Apologize(officer_, d.id, later + 1, "again").error().message_key, "dossiers.apology_used");

  d = Through(*a);
  clock_.Set(original + calendar::kMillisPerDay);   // a day after the first due time, before the appointment
  auto done = dossiers_.Decide(leader_, d.id, true, "");
  ASSERT_TRUE(done.ok()) << done.error().message_key;
  EXPECT_EQ(done->timeliness, "late_apology");

  Dossier e = *dossiers_.Receive(clerk_, Input());
  clock_.Set(*e.due_at - 3'600'000);   // the due day itself: too late to apologize
  EXPECT_EQ(dossiers_.Apologize(officer_, e.id, *e.due_at + calendar::kMillisPerDay, "x").error().message_key,
            "dossiers.apology_too_late");
}

TEST_F(DossiersService, LateAroundTheApril30HolidayIsClassifiedAndRecorded) {
  clock_.Set(Local(2026, 4, 29, 16, 20));   // after 15:00, before 30/4 and 1/5, then a weekend
  Dossier d = *dossiers_.Receive(clerk_, Input());
  EXPECT_EQ(*d.number, "000.00.15.H06-260429-0001");
  EXPECT_EQ(*d.due_at, Due(clock_.Now(), 5, true));
  EXPECT_GE(calendar::ToLocal(*d.due_at).date.day, 8);   // counted from Mon 4/5: Fri 8/5 or later
  EXPECT_EQ(calendar::ToLocal(*d.due_at).date.month, 5);
  d = Through(d);
  clock_.Set(*d.due_at + calendar::kMillisPerDay);
  auto done = dossiers_.Decide(leader_, d.id, false, "Không đủ điều kiện");
  ASSERT_TRUE(done.ok()) << done.error().message_key;
  EXPECT_EQ(done->timeliness, "late");
  EXPECT_EQ(done->result_positive, false);
  auto late = db_->Read([](db::Tx& tx) -> Result<std::int64_t> {
    return tx.QueryOne("SELECT COUNT(*) FROM dossier_quality_events WHERE kind = 'dossier.late' AND step_id IS NULL")->Int(0);
  });
  EXPECT_EQ(*late, 1);
}

TEST_F(DossiersService, GuidanceOnceAndRefusalWithReasons) {
  ReceiveInput in = Input();
  in.components = {0};
  EXPECT_EQ(dossiers_.Receive(clerk_, in).error().message_key, "dossiers.components_missing");
  in.outcome = IntakeOutcome::kGuide;
  auto g = dossiers_.Receive(clerk_, in);
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(g->status, 1);
  EXPECT_EQ(g->missing, std::vector<std::string>{"Bản sao giấy tờ"});
  EXPECT_FALSE(g->number);
  in.guided_id = g->id;
  EXPECT_EQ(dossiers_.Receive(clerk_, in).error().message_key, "dossiers.already_guided");
  ReceiveInput full = Input();
  full.guided_id = g->id;
  ASSERT_TRUE(dossiers_.Receive(clerk_, full).ok());
  ReceiveInput refuse = Input();
  refuse.outcome = IntakeOutcome::kRefuse;
  EXPECT_EQ(dossiers_.Receive(clerk_, refuse).error().message_key, "dossiers.reasons_required");
  refuse.notes = {"Không thuộc thẩm quyền"};
  EXPECT_EQ(dossiers_.Receive(clerk_, refuse)->status, 3);
}

TEST_F(DossiersService, OtherAgenciesCannotSeeOrReceive) {
  Dossier d = *dossiers_.Receive(clerk_, Input());
  EXPECT_EQ(dossiers_.Get(outsider_, d.id).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(dossiers_.Get(officer_b_, d.id).ok());   // a consulted agency sees it
  EXPECT_EQ(dossiers_.Receive(outsider_, Input()).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(dossiers_.Receive(officer_, Input()).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(dossiers_.GetStats(officer_, {agencies_[3], "2026-01", "2026-12"}).error().code, ErrorCode::kForbidden);
}

TEST_F(DossiersService, NumbersAreUniqueUnderConcurrentIntake) {
  std::vector<std::thread> threads;
  std::mutex mutex;
  std::set<std::string> numbers;
  int failures = 0;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 25; ++i) {
        auto r = dossiers_.Receive(clerk_, Input());
        std::lock_guard lock(mutex);
        if (r.ok()) numbers.insert(*r->number);
        else ++failures;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(numbers.size(), 200u);
  EXPECT_TRUE(numbers.count("000.00.15.H06-261116-0200"));
  // The rows and their audit entries carry the numbers that were answered (on PostgreSQL the
  // server draws them and fills the audit entry's copy), and the chain verifies.
  const auto stored = db_->Read([](db::Tx& tx) -> Result<std::set<std::string>> {
    std::set<std::string> out;
    for (const db::Row& r : tx.Query("SELECT d.number, a.after_json FROM dossiers d JOIN audit_events a "
                                     "ON a.entity = 'dossier' AND a.entity_id = d.id AND a.action = 'dossier.received'")) {
      EXPECT_EQ(nlohmann::json::parse(r.Text(1)).at("number"), r.Text(0));
      out.insert(r.Text(0));
    }
    return out;
  });
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(*stored, numbers);
  const auto chain = audit_.Verify(*db_);
  ASSERT_TRUE(chain.ok());
  EXPECT_EQ(chain->first_broken_id, std::nullopt) << chain->reason;
}

// Dashboards read while dossiers keep arriving: every answer is one the service computed (a
// reader may get the previous answer while another recounts), so no reader ever sees the count
// go down, and once the intakes stop the answer is the recount.
TEST_F(DossiersService, StatisticsReadDuringIntakesNeverGoBackAndEndCurrent) {
  std::atomic<bool> receiving = true;
  std::thread clerk([&] {
    for (int i = 0; i < 40; ++i) EXPECT_TRUE(dossiers_.Receive(clerk_, Input()).ok());
    receiving = false;
  });
  std::vector<std::thread> readers;
  std::atomic<int> failures = 0, went_back = 0;
  for (int t = 0; t < 4; ++t)
    readers.emplace_back([&] {
      std::int64_t seen = 0;
      do {
        auto stats = dossiers_.GetStats(leader_, {agencies_[0], "2026-01", "2026-12"});
        if (!stats.ok()) {
          ++failures;
          continue;
        }
        const std::int64_t received = stats->total.counts["received.1"];
        if (received < seen) ++went_back;
        seen = std::max(seen, received);
      } while (receiving);
    });
  clerk.join();
  for (auto& r : readers) r.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(went_back, 0);
  auto stats = dossiers_.GetStats(leader_, {agencies_[0], "2026-01", "2026-12"});
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->total.counts["received.1"], 40);
  EXPECT_EQ(stats->total.in_progress, 40);
}

TEST_F(DossiersService, StatisticsEqualARecountFromEventsAfterARandomWorkload) {
  std::mt19937 rng(20261124);
  std::vector<DossierId> open;
  for (int i = 0; i < 300; ++i) {
    clock_.Advance(static_cast<core::Millis>(rng() % 14'400'000));   // into December
    const int action = static_cast<int>(rng() % 8);
    if (action < 3 || open.empty()) {
      auto r = dossiers_.Receive(clerk_, Input(static_cast<Channel>(1 + rng() % 3)));
      ASSERT_TRUE(r.ok()) << r.error().message_key;
      open.push_back(r->id);
      continue;
    }
    const DossierId id = open[rng() % open.size()];
    Dossier d = *dossiers_.Get(leader_, id);
    if (action == 3 && d.status == 4) (void)dossiers_.Withdraw(clerk_, id, "Công dân rút");
    else if (action == 4 && (d.status == 2 || d.status == 4)) (void)dossiers_.RequestSupplement(officer_, id, {"x"});
    else if (action == 4 && d.status == 5) (void)dossiers_.ReceiveSupplement(clerk_, id);
    else if (action == 5 && d.status == 9) (void)dossiers_.ReturnResult(clerk_, id);
    else if (d.status == 2 || d.status == 4) {
      d = Through(d);
      (void)dossiers_.Decide(leader_, id, rng() % 5 != 0, "Không đủ điều kiện");
    }
  }
  // A correction is an event too: the counters still equal the recount.
  EXPECT_EQ(dossiers_.Correct(officer_, open.front(), "received.1", -1, "Nhập nhầm kênh").error().code,
            ErrorCode::kForbidden);
  EXPECT_EQ(dossiers_.Correct(leader_, open.front(), "received.9", -1, "x").error().message_key, "dossiers.bad_metric");
  ASSERT_TRUE(dossiers_.Correct(leader_, open.front(), "received.1", -1, "Nhập nhầm kênh").ok());
  ASSERT_TRUE(dossiers_.Correct(leader_, open.front(), "received.2", 1, "Nhập nhầm kênh").ok());
  auto counters = dossiers_.Counters();
  auto recount = dossiers_.RecountFromEvents();
  ASSERT_TRUE(counters.ok() && recount.ok());
  EXPECT_FALSE(counters->empty());
  EXPECT_EQ(*counters, *recount);

  // The roll-ups the dashboard reads agree with the counters, whatever the grouping.
  std::map<std::string, std::int64_t> by_metric;
  std::map<std::string, std::int64_t> before_december;
  for (const auto& [key, count] : *counters) {
    by_metric[std::get<3>(key)] += count;
    if (std::get<2>(key) < "2026-12") before_december[std::get<3>(key)] += count;
  }
  std::erase_if(by_metric, [](const auto& kv) { return kv.second == 0; });
  auto whole = dossiers_.GetStats(leader_, {agencies_[0], "0000-00", "9999-99"});
  ASSERT_TRUE(whole.ok());
  std::erase_if(whole->total.counts, [](const auto& kv) { return kv.second == 0; });
  EXPECT_EQ(whole->total.counts, by_metric);
  for (const char* group : {"period", "agency", "level", "procedure"}) {
    auto grouped = dossiers_.GetStats(leader_, {agencies_[0], "0000-00", "9999-99", group});
    ASSERT_TRUE(grouped.ok()) << group;
    std::map<std::string, std::int64_t> sum;
    for (const auto& g : grouped->groups)
      for (const auto& [metric, count] : g.figures.counts)
        if (count) sum[metric] += count;
    EXPECT_EQ(sum, by_metric) << group;
  }
  auto months = dossiers_.GetStats(leader_, {agencies_[0], "0000-00", "9999-99", "period"});
  EXPECT_GE(months->groups.size(), 2u);   // the workload spans November and December
  // In progress now = open dossiers; carried over into December = opened minus closed before it.
  std::int64_t open_now = 0;
  for (DossierId id : open) {
    const int status = dossiers_.Get(leader_, id)->status;
    open_now += status == 2 || status == 4 || status == 5 || status == 6;
  }
  EXPECT_EQ(whole->total.in_progress, open_now);
  auto december = dossiers_.GetStats(leader_, {agencies_[0], "2026-12", "2026-12"});
  std::int64_t carried = 0;
  for (const auto& [metric, count] : before_december) {
    if (metric.rfind("received.", 0) == 0) carried += count;
    if (metric.rfind("resolved.", 0) == 0 || metric == "withdrawn" || metric == "stopped") carried -= count;
  }
  EXPECT_EQ(december->carried_over, carried);
  EXPECT_EQ(dossiers_.GetStats(leader_, {agencies_[0], "2026-01", "2026-12", "weekday"}).error().message_key,
            "dossiers.bad_group_by");
}

TEST_F(DossiersService, AStepWithoutABudgetIsDueAtTheAppointment) {
  ReceiveInput in = Input();
  in.procedure_id = OneFormProcedure("1.999998", "Xác nhận thử nghiệm", {3, procedures::TimeUnit::kWorkingDay},
                                     {{"Tiếp nhận", procedures::StepKind::kReceive, 0},
                                      {"Thẩm định", procedures::StepKind::kAppraise, 2},
                                      {"Vào sổ", procedures::StepKind::kAppraise, 0},
                                      {"Phê duyệt", procedures::StepKind::kApprove, 1}});
  in.components = {0};
  Dossier d = *dossiers_.Receive(clerk_, in);
  clock_.Advance(3'600'000);
  d = *dossiers_.Handover(officer_, d.id, Active(d, "appraise").id, {});
  const Step& unbudgeted = Active(d, "appraise");
  EXPECT_EQ(unbudgeted.name, "Vào sổ");
  EXPECT_EQ(unbudgeted.due_at, d.due_at);   // not "due at once", which would make it late
  clock_.Advance(600'000);
  d = *dossiers_.Handover(officer_, d.id, unbudgeted.id, {});
  EXPECT_EQ(d.steps[2].timeliness, "early");
}

// A statutory time in calendar days (ngày): the appointment is the end of the last day, and a last
// day off gives way to the next working day (Civil Code 2015 art. 147–148), not 24 h × N.
TEST_F(DossiersService, AnAllowanceInCalendarDaysEndsAsTheCivilCodeSays) {
  ReceiveInput in = Input();
  in.procedure_id = OneFormProcedure("1.999997", "Đăng ký thử nghiệm theo ngày", {5, procedures::TimeUnit::kDay},
                                     {{"Tiếp nhận", procedures::StepKind::kReceive, 0},
                                      {"Thẩm định", procedures::StepKind::kAppraise, 2},
                                      {"Phê duyệt", procedures::StepKind::kApprove, 1}});
  in.components = {0};
  // Monday 16/11/2026 + 5 days: Saturday 21/11, a day off → the end of Monday 23/11.
  const Dossier d = *dossiers_.Receive(clerk_, in);
  EXPECT_EQ(d.allowance_unit, "days");
  EXPECT_EQ(*d.due_at, calendar::FromLocal({2026, 11, 23}, 0) + calendar::kMillisPerDay - 1);
}

TEST_F(DossiersService, TheResultCountsByDayAsTheReportsDo) {
  Dossier d = Through(*dossiers_.Receive(clerk_, Input()));
  clock_.Set(*d.due_at - 3'600'000);   // on the appointment's day
  EXPECT_EQ(dossiers_.Decide(leader_, d.id, true, "")->timeliness, "on_time");
  Dossier e = Through(*dossiers_.Receive(clerk_, Input()));
  clock_.Set(*e.due_at + 60'000);      // a minute after the close of that day: still that day
  EXPECT_EQ(dossiers_.Decide(leader_, e.id, true, "")->timeliness, "on_time");
}

TEST_F(DossiersService, FeesDueStopTheClockWithoutRestartingIt) {
  Dossier d = *dossiers_.Receive(clerk_, Input());   // Monday 16/11 09:00, 5 working days
  const core::Millis due = *d.due_at;
  EXPECT_EQ(dossiers_.RequestFinancial(officer_, d.id, {}).error().message_key, "dossiers.items_required");
  EXPECT_EQ(dossiers_.RequestFinancial(outsider_, d.id, {"Lệ phí"}).error().code, ErrorCode::kNotFound);
  d = *dossiers_.RequestFinancial(officer_, d.id, {"Nộp lệ phí cấp phép: 200.000 đồng"});
  EXPECT_EQ(d.status, 6);
  EXPECT_EQ(dossiers_.Decide(leader_, d.id, true, "").error().message_key, "dossiers.bad_status");
  auto stats = dossiers_.GetStats(leader_, {agencies_[0], "2026-11", "2026-11"});
  EXPECT_EQ(stats->total.in_progress, 1);
  // Paid on Wednesday 09:00: two working days waited, so the appointment moves two working days.
  clock_.Advance(48 * 3'600'000LL);
  EXPECT_EQ(dossiers_.FinancialDone(outsider_, d.id).error().code, ErrorCode::kNotFound);
  const core::Millis paid = clock_.Now();
  d = *dossiers_.FinancialDone(clerk_, d.id);
  EXPECT_EQ(d.status, 4);
  const auto calendar = calendar_.CalendarFor(agencies_[0]);
  const std::int64_t waited = calendar->WorkingMinutesBetween(paid - 48 * 3'600'000LL, paid);
  EXPECT_EQ(waited, 2 * calendar->WorkingMinutesBetween(Local(2026, 11, 17, 0, 0), Local(2026, 11, 18, 0, 0)));
  EXPECT_EQ(*d.due_at, calendar->AddWorkingMinutes(due, waited));
  EXPECT_GT(*d.due_at, due);
  EXPECT_FALSE(d.paused_at.has_value());
  const auto history = dossiers_.History(leader_, d.id);
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(history->front().kind, "financial_done");
}

TEST_F(DossiersService, AStepGoesOnlyToAnOfficerOrLeaderOfItsUnit) {
  UserId officer = 0, clerk = 0, elsewhere = 0;
  ASSERT_TRUE(db_->Write([&](db::Tx& tx) -> Status {
    auto add = [&](const char* name, std::size_t agency, Role role) {
      return auth_.AddUser(tx, Actor{}, {.agency_id = agencies_[agency], .username = name, .full_name = name,
                                        .roles = static_cast<std::uint32_t>(role)}, "x");
    };
    EISO_TRY(o, add("cv.a", 0, Role::kOfficer));
    EISO_TRY(c, add("mc.a", 0, Role::kClerk));
    EISO_TRY(e, add("cv.d", 3, Role::kOfficer));
    officer = o;
    clerk = c;
    elsewhere = e;
    return Ok();
  }).ok());
  Dossier d = *dossiers_.Receive(clerk_, Input());
  const Step& appraise = Active(d, "appraise");
  EXPECT_EQ(dossiers_.Assign(leader_, d.id, appraise.id, clerk).error().message_key, "dossiers.bad_receiver");
  EXPECT_EQ(dossiers_.Assign(leader_, d.id, appraise.id, elsewhere).error().field, "user_id");
  ASSERT_TRUE(dossiers_.Assign(leader_, d.id, appraise.id, officer).ok());
  auto candidates = dossiers_.Candidates(clerk_, d.id, appraise.id);
  ASSERT_TRUE(candidates.ok());
  ASSERT_EQ(candidates->size(), 1u);
  EXPECT_EQ(candidates->front().id, officer);
  // The next stage (two consultations at other agencies) takes no named person from this unit.
  d = *dossiers_.Get(leader_, d.id);
  auto refused = dossiers_.Handover(leader_, d.id, appraise.id, {.to_user_id = officer});
  EXPECT_EQ(refused.error().message_key, "dossiers.bad_receiver");
  EXPECT_EQ(dossiers_.Get(leader_, d.id)->status, 2);   // nothing written
}

TEST_F(DossiersService, WorkQueuesListWhatTheirCountsCount) {
  Dossier d = *dossiers_.Receive(clerk_, Input());
  auto queues = dossiers_.GetQueues(officer_);
  ASSERT_TRUE(queues.ok());
  EXPECT_EQ(queues->officer_my_steps, 1);
  auto mine = dossiers_.List(officer_, {.queue = "my_steps"});
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ(mine->front().id, d.id);
  // The consulted agency's officer sees the dossier in their queue once its step starts.
  EXPECT_TRUE(dossiers_.List(officer_b_, {.queue = "my_steps"})->empty());
  d = *dossiers_.Handover(officer_, d.id, Active(d, "appraise").id, {});
  auto consulted = dossiers_.List(officer_b_, {.queue = "my_steps"});
  ASSERT_EQ(consulted->size(), 1u);
  EXPECT_EQ(consulted->front().id, d.id);
  d = *dossiers_.Handover(officer_b_, d.id, Active(d, "consult").id, {});
  for (const Step& s : d.steps)
    if (s.state == "active" && s.kind == "consult") d = *dossiers_.Handover(officer_c_, d.id, s.id, {});
  EXPECT_EQ(dossiers_.GetQueues(leader_)->leader_to_approve, 1);
  EXPECT_EQ(dossiers_.List(leader_, {.queue = "to_approve"})->size(), 1u);
  ASSERT_TRUE(dossiers_.Decide(leader_, d.id, true, "").ok());
  EXPECT_EQ(dossiers_.List(clerk_, {.queue = "to_return"})->front().id, d.id);
  EXPECT_EQ(dossiers_.List(clerk_, {.queue = "later"}).error().message_key, "dossiers.bad_queue");
}

TEST_F(DossiersService, TheBookNumbersReceivedDossiersPerAgencyAndYearInReceiptOrder) {
  clock_.Set(Local(2026, 12, 31, 9, 0));
  std::vector<Dossier> same_ms;
  for (int i = 0; i < 3; ++i) same_ms.push_back(*dossiers_.Receive(clerk_, Input()));   // one millisecond
  ReceiveInput guide = Input();
  guide.outcome = IntakeOutcome::kGuide;
  guide.components = {0};
  ASSERT_TRUE(dossiers_.Receive(clerk_, guide).ok());   // no number: not in the book
  clock_.Advance(60'000);
  const Dossier later = *dossiers_.Receive(clerk_, Input());
  clock_.Set(Local(2027, 1, 4, 9, 0));
  const Dossier next_year = *dossiers_.Receive(clerk_, Input());
  const auto entry = [&](const Dossier& d) {
    return db_->Read([&](db::Tx& tx) -> Result<std::int64_t> {
      const calendar::Date day = calendar::ToLocal(d.received_at).date;
      return store::BookEntry(tx, d.agency_id, calendar::FromLocal({day.year, 1, 1}, 0), d.received_at, d.id);
    }).value();
  };
  EXPECT_EQ(entry(same_ms[0]), 1);
  EXPECT_EQ(entry(same_ms[1]), 2);
  EXPECT_EQ(entry(same_ms[2]), 3);
  EXPECT_EQ(entry(later), 4);
  EXPECT_EQ(entry(next_year), 1);
}

TEST_F(DossiersService, AClaimOnAStaleSnapshotRollsBackWhatWasSentAroundIt) {
  const Dossier d = *dossiers_.Receive(clerk_, Input());
  const auto attempt = [&](core::Millis seen) {
    return db_->Write([&](db::Tx& tx) -> Result<core::Millis> {
      tx.Send("UPDATE dossiers SET applicant_email = ? WHERE id = ?", {"sent@before.claim", d.id});
      const core::Millis stamp = store::Claim(tx, d.id, seen, clock_.Now());
      tx.Send("UPDATE dossiers SET reasons = ? WHERE id = ?", {"sent after the claim", d.id});
      return stamp;
    });
  };
  const auto stale = attempt(d.updated_at - 1);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().message_key, "dossiers.changed");
  EXPECT_EQ(dossiers_.Get(clerk_, d.id)->reasons, d.reasons);
  EXPECT_EQ(dossiers_.Get(clerk_, d.id)->applicant.email, d.applicant.email);
  EXPECT_EQ(dossiers_.Get(clerk_, d.id)->updated_at, d.updated_at);
  const auto fresh = attempt(d.updated_at);
  ASSERT_TRUE(fresh.ok()) << fresh.error().detail;
  EXPECT_GT(*fresh, d.updated_at);
  EXPECT_EQ(dossiers_.Get(clerk_, d.id)->reasons, "sent after the claim");
  EXPECT_EQ(dossiers_.Get(clerk_, d.id)->updated_at, *fresh);
}

TEST_F(DossiersService, ConcurrentHandoversOfOneStepHandItOverOnce) {
  const Dossier d = *dossiers_.Receive(clerk_, Input());
  const StepId step = Active(d, "appraise").id;
  std::vector<Result<Dossier>> results(6, Error::Internal("not run"));
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < results.size(); ++i)
    threads.emplace_back([&, i] { results[i] = dossiers_.Handover(officer_, d.id, step, {}); });
  for (auto& t : threads) t.join();
  int ok = 0;
  for (const auto& r : results) {
    if (r.ok()) {
      ++ok;
      continue;
    }
    // Read before the winner committed: its claim fails; read after: the step is done.
    EXPECT_TRUE(r.error().message_key == "dossiers.changed" || r.error().message_key == "dossiers.step_not_active")
        << r.error().message_key;
  }
  EXPECT_EQ(ok, 1);
  const auto history = dossiers_.History(leader_, d.id);
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(std::count_if(history->begin(), history->end(),
                          [](const DossierEvent& e) { return e.kind == "step_handed_over"; }),
            1);
}

TEST_F(DossiersService, PublicLookupShowsARenamedUnitWithinAMinute) {
  Dossier d = *dossiers_.Receive(clerk_, Input());
  ASSERT_EQ(dossiers_.Lookup(*d.number, *d.secret, "203.0.113.5")->handling_unit, "Cơ quan 000.00.15.H06");
  const Actor admin{.user_id = 90, .agency_id = agencies_[0], .roles = R(Role::kAdministrator), .province_wide = true,
                    .username = "admin"};
  org::AgencyInput renamed{.name = "Sở Khoa học và Công nghệ", .short_name = "SKHCN", .unit_code = "000.00.15.H06",
                           .valid_from = "2020-01-01"};
  ASSERT_TRUE(org_.Update(admin, agencies_[0], renamed).ok());
  clock_.Advance(30'000);  // within the minute: the name read before
  EXPECT_EQ(dossiers_.Lookup(*d.number, *d.secret, "203.0.113.5")->handling_unit, "Cơ quan 000.00.15.H06");
  clock_.Advance(31'000);
  EXPECT_EQ(dossiers_.Lookup(*d.number, *d.secret, "203.0.113.5")->handling_unit, "Sở Khoa học và Công nghệ");
}

TEST_F(DossiersService, PublicLookupTellsAWrongSecretFromNothing) {
  Dossier d = *dossiers_.Receive(clerk_, Input());
  auto v = dossiers_.Lookup(*d.number, *d.secret, "203.0.113.5");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->status, 2);
  EXPECT_EQ(v->due_at, d.due_at);
  EXPECT_EQ(v->handling_unit, "Cơ quan 000.00.15.H06");
  const auto wrong = dossiers_.Lookup(*d.number, "WRONGSECRET1", "203.0.113.5");
  const auto unknown = dossiers_.Lookup("000.00.15.H06-261116-9999", *d.secret, "203.0.113.5");
  ASSERT_FALSE(wrong.ok());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(wrong.error().code, unknown.error().code);
  EXPECT_EQ(wrong.error().message_key, unknown.error().message_key);
  EXPECT_EQ(wrong.error().field, unknown.error().field);
  ASSERT_TRUE(dossiers_.FlushLookups().ok());
  auto logged = db_->Read([](db::Tx& tx) -> Result<std::int64_t> {
    return tx.QueryOne("SELECT COUNT(*) FROM dossier_lookups WHERE found = 1")->Int(0) * 10 +
           tx.QueryOne("SELECT COUNT(*) FROM dossier_lookups WHERE found = 0")->Int(0);
  });
  EXPECT_EQ(*logged, 12);   // one found, two not
}

// What intake and handover answer is built in memory, not re-read: it must be what was stored.
void ExpectSame(const Dossier& answered, const Dossier& stored) {
  EXPECT_EQ(answered.id, stored.id);
  EXPECT_EQ(answered.number, stored.number);
  EXPECT_EQ(answered.status, stored.status);
  EXPECT_EQ(answered.outcome, stored.outcome);
  EXPECT_EQ(answered.channel, stored.channel);
  EXPECT_EQ(answered.components, stored.components);
  EXPECT_EQ(answered.received_at, stored.received_at);
  EXPECT_EQ(answered.base_due_at, stored.base_due_at);
  EXPECT_EQ(answered.due_at, stored.due_at);
  EXPECT_EQ(answered.handling_agency_id, stored.handling_agency_id);
  EXPECT_EQ(answered.updated_at, stored.updated_at);
  EXPECT_EQ(answered.procedure_version_id, stored.procedure_version_id);
  EXPECT_EQ(answered.allowance_unit, stored.allowance_unit);
  EXPECT_EQ(answered.allowance_amount, stored.allowance_amount);
  ASSERT_EQ(answered.steps.size(), stored.steps.size());
  for (std::size_t i = 0; i < stored.steps.size(); ++i) {
    const Step& a = answered.steps[i];
    const Step& b = stored.steps[i];
    SCOPED_TRACE(b.name);
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.position, b.position);
    EXPECT_EQ(a.stage, b.stage);
    EXPECT_EQ(a.kind, b.kind);
    EXPECT_EQ(a.agency_id, b.agency_id);
    EXPECT_EQ(a.state, b.state);
    EXPECT_EQ(a.assignee_id, b.assignee_id);
    EXPECT_EQ(a.started_at, b.started_at);
    EXPECT_EQ(a.due_at, b.due_at);
    EXPECT_EQ(a.finished_at, b.finished_at);
    EXPECT_EQ(a.timeliness, b.timeliness);
    EXPECT_EQ(a.finished_by, b.finished_by);
    EXPECT_EQ(a.budget_minutes, b.budget_minutes);
    EXPECT_EQ(a.budget_days, b.budget_days);
  }
}

TEST_F(DossiersService, IntakeAndHandoverAnswerWhatWasStored) {
  UserId approver = 0;
  ASSERT_TRUE(db_->Write([&](db::Tx& tx) -> Status {
    EISO_TRY(id, auth_.AddUser(tx, Actor{}, {.agency_id = agencies_[0], .username = "ld.a", .full_name = "ld.a",
                                            .roles = static_cast<std::uint32_t>(Role::kLeader)}, "x"));
    approver = id;
    return Ok();
  }).ok());
  Dossier d = *dossiers_.Receive(clerk_, Input());
  ExpectSame(d, *dossiers_.Get(clerk_, d.id));
  d = *dossiers_.Handover(officer_, d.id, Active(d, "appraise").id, {});
  ExpectSame(d, *dossiers_.Get(clerk_, d.id));   // parallel consultations started
  const Step second = Active(d, "consult");
  d = *dossiers_.Handover(second.agency_id == officer_b_.agency_id ? officer_b_ : officer_c_, d.id, second.id, {});
  ExpectSame(d, *dossiers_.Get(clerk_, d.id));   // one done: nothing starts yet
  const Step last = Active(d, "consult");
  auto after = dossiers_.Handover(last.agency_id == officer_b_.agency_id ? officer_b_ : officer_c_, d.id, last.id,
                                  {.to_user_id = approver});
  ASSERT_TRUE(after.ok()) << after.error().message_key;
  ExpectSame(*after, *dossiers_.Get(clerk_, d.id));   // the approval starts, with the named leader
  EXPECT_EQ(Active(*after, "approve").assignee_id, approver);
}

TEST_F(DossiersService, LookupsAreLoggedInTheBackgroundWithoutAFlush) {
  Dossier d = *dossiers_.Receive(clerk_, Input());
  ASSERT_TRUE(dossiers_.Lookup(*d.number, *d.secret, "203.0.113.7").ok());
  auto count = [&] {
    return *db_->Read([](db::Tx& tx) -> Result<std::int64_t> {
      return tx.QueryOne("SELECT COUNT(*) FROM dossier_lookups WHERE remote_addr = '203.0.113.7'")->Int(0);
    });
  };
  // The writer wakes at least once a second; give it a few.
  for (int i = 0; i < 100 && count() == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(count(), 1);
}

}  // namespace
}  // namespace eiso::dossiers
