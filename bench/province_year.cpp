// province_year: a database holding one province's year of single-window dossiers, for the
// benchmarks of issue 6 (dashboard over a year, lookup, serve start and memory on a full database).
//
// The demo province with every commune / district competent for its level's procedures
// (LoadDemo with all_units), a small staff per handling unit, then N dossiers received on the
// working days of 2025-11-25 … 2026-11-24 (Vietnam time), each with its whole history up to "now"
// (default 2026-11-25 00:00 local): intake (received / guided / refused), step handovers along the
// pinned process, supplement requests and receipts, apologies, results, withdrawals, stops and
// returns. Every row goes through the dossiers module's store functions (NextSequence, Insert,
// InsertSteps, AppendEvent, QualityEvent) and the audit service's Record, events in global time
// order with the audit clock set to each event's time, so the counters, events and hash chain are
// the ones the service would have written. A dossier and its steps are inserted once, at their
// receipt, already in their state at "now" (plus one UPDATE of the columns store::Insert does not
// take); every later change is an event at its own time.
//
// Usage: province_year [--db sqlite:PATH | postgresql://…] [--dossiers N] [--seed S] [--batch B]
//                      [--now YYYY-MM-DDTHH:MM] [--samples PREFIX] [--no-verify]
// Prints what it measured on standard output; progress on standard error.
#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <queue>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "app/demo.hpp"
#include "calendar/date.hpp"
#include "calendar/working_time.hpp"
#include "core/clock.hpp"
#include "dossiers/store.hpp"

namespace eiso::bench {
namespace {

using core::Millis;
using Clock = std::chrono::steady_clock;

constexpr Millis kMinute = 60'000;

struct Options {
  std::string db = "sqlite:var/bench/province-year.db";
  std::int64_t dossiers = 2'000'000;
  std::uint64_t seed = 20251125;
  int batch = 5000;                 // intakes per transaction
  std::string now = "2026-11-25T00:00";   // local time: the state of every dossier at that moment
  std::string samples;              // prefix of the lookup sample files; default beside the SQLite file
  bool verify = true;
};

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "province_year: %s\n", what.c_str());
  std::exit(1);
}

template <class T>
T Must(Result<T> r, const char* what) {
  if (!r.ok()) Die(std::string(what) + ": " + r.error().message_key + " " + r.error().field + " " + r.error().detail);
  return std::move(r).value();
}

// ---------------------------------------------------------------------------------------------
// What a dossier copies from its procedure version and process (as Service::InForce does).

struct Pinned {
  std::int64_t procedure_id = 0;
  AgencyId agency_id = 0;
  std::int64_t version_id = 0;
  std::string allowance_unit;
  int allowance_amount = 0;
  bool cutoff = false;
  std::vector<procedures::Component> components;
  std::int64_t document_id = 0;
  int version = 0;
  std::vector<dossiers::store::NewStep> steps;
  double weight = 1;
};

Pinned Pin(const procedures::ProcedureVersion& version, const procedures::ProcessInForce& process, AgencyId agency) {
  Pinned p;
  p.agency_id = agency;
  p.version_id = version.id;
  const procedures::Duration& t = version.statutory_time;
  switch (t.unit) {
    case procedures::TimeUnit::kWorkingDay:
      if (t.value == std::floor(t.value)) {
        p.allowance_unit = "working_days";
        p.allowance_amount = static_cast<int>(t.value);
      } else {
        p.allowance_unit = "working_hours";
        p.allowance_amount = static_cast<int>(std::ceil(t.value * 8));
      }
      break;
    case procedures::TimeUnit::kWorkingHour:
      p.allowance_unit = "working_hours";
      p.allowance_amount = static_cast<int>(std::ceil(t.value));
      break;
    case procedures::TimeUnit::kDay:
      p.allowance_unit = "days";
      p.allowance_amount = static_cast<int>(std::ceil(t.value));
      break;
  }
  p.cutoff = version.cutoff_rule;
  p.components = version.components;
  p.document_id = process.document_id;
  p.version = process.version;
  int stage = -1;
  std::optional<int> group;
  for (std::size_t i = 0; i < process.steps.size(); ++i) {
    const procedures::Step& s = process.steps[i];
    if (!(s.parallel_group && group && *s.parallel_group == *group)) ++stage;
    group = s.parallel_group;
    dossiers::store::NewStep n;
    n.position = static_cast<int>(i);
    n.stage = stage;
    n.name = s.name;
    n.kind = std::string(procedures::ToString(s.kind));
    const bool whole_days =
        s.budget.unit == procedures::TimeUnit::kWorkingDay && s.budget.value == std::floor(s.budget.value);
    n.budget_days = whole_days ? static_cast<int>(s.budget.value) : 0;
    n.budget_minutes = static_cast<std::int64_t>(
        std::ceil(s.budget.unit == procedures::TimeUnit::kWorkingHour ? s.budget.value * 60 : s.budget.value * 480));
    n.agency_id = s.agency_id.value_or(agency);
    n.state = "pending";
    p.steps.push_back(std::move(n));
  }
  return p;
}

// ---------------------------------------------------------------------------------------------
// Due times, as Service::DueOf / StepDue compute them (the calendar's arithmetic without the
// explanation; checked against calendar::Service::DueAt at start).

struct Calendars {
  const calendar::Service* service = nullptr;
  mutable std::map<AgencyId, std::shared_ptr<const calendar::Calendar>> by_agency;

  const calendar::Calendar& Of(AgencyId agency) const {
    auto& c = by_agency[agency];
    if (!c) c = service->CalendarFor(agency);
    return *c;
  }
  Millis DueOf(AgencyId agency, Millis from, const std::string& unit, int amount, bool cutoff) const {
    const calendar::CountingOptions options{.next_day_after_cutoff = cutoff};
    if (unit == "days") return Of(agency).AddCalendarDays(from, amount, options);
    if (unit == "working_hours") return Of(agency).AddWorkingMinutes(from, std::int64_t{amount} * 60, options);
    return Of(agency).AddWorkingDays(from, amount, options);
  }
  Millis StepDue(AgencyId agency, Millis from, std::int64_t minutes, int days) const {
    if (days > 0) return DueOf(agency, from, "working_days", days, false);
    return DueOf(agency, from, "working_hours", static_cast<int>((minutes + 59) / 60), false);
  }
  std::string Classify(AgencyId agency, Millis finished, Millis due) const {
    switch (Of(agency).Classify(finished, due, calendar::Granularity::kMinute)) {
      case calendar::Timeliness::kEarly: return "early";
      case calendar::Timeliness::kOnTime: return "on_time";
      case calendar::Timeliness::kLate: return "late";
    }
    return "late";
  }
  // `minutes` of office time after `from` (0: from itself).
  Millis After(AgencyId agency, Millis from, std::int64_t minutes) const {
    if (minutes <= 0) return from;
    return Of(agency).AddWorkingMinutes(from, minutes);
  }
  std::int64_t Between(AgencyId agency, Millis from, Millis to) const {
    return Of(agency).WorkingMinutesBetween(from, to);
  }
};

// ---------------------------------------------------------------------------------------------
// Randomness and applicants.

struct Random {
  std::mt19937_64 gen;
  explicit Random(std::uint64_t seed) : gen(seed) {}
  double U() { return std::uniform_real_distribution<double>(0, 1)(gen); }
  bool P(double p) { return U() < p; }
  std::int64_t Int(std::int64_t lo, std::int64_t hi) { return std::uniform_int_distribution<std::int64_t>(lo, hi)(gen); }
  template <class T>
  const T& Pick(const std::vector<T>& v) { return v[static_cast<std::size_t>(Int(0, static_cast<std::int64_t>(v.size()) - 1))]; }
  double LogNormal(double sigma) { return std::exp(std::normal_distribution<double>(0, sigma)(gen)); }
};

// Picks an index with probability proportional to its weight (cumulative table).
struct Weighted {
  std::vector<double> cumulative;
  void Add(double w) { cumulative.push_back((cumulative.empty() ? 0 : cumulative.back()) + w); }
  std::size_t Pick(Random& r) const {
    const double x = r.U() * cumulative.back();
    return static_cast<std::size_t>(std::upper_bound(cumulative.begin(), cumulative.end(), x) - cumulative.begin());
  }
};

const std::vector<std::string> kFamily = {"Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm",
                                          "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
                                          "Dương", "Lý", "Đinh", "Trịnh", "Đào", "Mai", "Tạ", "Chu", "Kiều", "Ngô"};
const std::vector<std::string> kMiddleM = {"Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Thanh", "Xuân", "Công", "Đình"};
const std::vector<std::string> kMiddleF = {"Thị", "Thị", "Thị", "Thu", "Ngọc", "Thanh", "Minh", "Hồng", "Bích", "Kim"};
const std::vector<std::string> kGivenM = {"An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hùng", "Huy", "Khánh", "Long",
                                          "Minh", "Nam", "Phong", "Quân", "Sơn", "Thắng", "Toàn", "Trung", "Tuấn", "Việt"};
const std::vector<std::string> kGivenF = {"Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh",
                                          "Mai", "Nga", "Ngọc", "Nhung", "Phương", "Quỳnh", "Thảo", "Trang", "Vân", "Yến"};
const std::vector<std::string> kAscii = {"an", "binh", "cuong", "dung", "ha", "hai", "hoa", "huong", "lan", "linh",
                                         "minh", "nam", "ngoc", "phuong", "quan", "son", "thao", "trang", "tuan", "viet"};
const std::vector<std::string> kStreets = {"Nguyễn Trãi", "Lý Thái Tổ", "Trần Hưng Đạo", "Ngô Gia Tự", "Hai Bà Trưng",
                                           "Lê Lợi", "Kinh Dương Vương", "Nguyễn Gia Thiều", "Huyền Quang", "Lý Anh Tông"};

dossiers::Applicant MakeApplicant(Random& r, const std::string& place, bool email) {
  dossiers::Applicant a;
  const bool male = r.P(0.5);
  a.name = r.Pick(kFamily) + " " + r.Pick(male ? kMiddleM : kMiddleF) + " " + r.Pick(male ? kGivenM : kGivenF);
  const int year = static_cast<int>(r.Int(1945, 2007));
  char id[16];
  std::snprintf(id, sizeof id, "027%d%02d%06d", (year >= 2000 ? 2 : 0) + (male ? 0 : 1), year % 100,
                static_cast<int>(r.Int(0, 999'999)));
  a.id_number = id;
  a.address = r.P(0.6) ? "Thôn " + std::to_string(r.Int(1, 12)) + ", " + place
                       : "Số " + std::to_string(r.Int(1, 300)) + " đường " + r.Pick(kStreets) + ", " + place;
  static const char* kPrefixes[] = {"098", "097", "096", "091", "094", "088", "086", "035", "038", "039", "090", "093"};
  char phone[16];
  std::snprintf(phone, sizeof phone, "%s%07d", kPrefixes[r.Int(0, 11)], static_cast<int>(r.Int(0, 9'999'999)));
  a.phone = phone;
  if (email) a.email = r.Pick(kAscii) + r.Pick(kAscii) + std::to_string(r.Int(1, 999)) + "@gmail.com";
  return a;
}

// 12 characters of the service's alphabet, as dossiers::Service prints on Mẫu 01 (drawn from the
// seeded generator here, so that a run can be repeated), and the hash the service stores.
std::string NewSecret(Random& r) {
  using dossiers::store::kSecretAlphabet;
  std::string out(12, ' ');
  for (char& c : out) c = kSecretAlphabet[r.Int(0, sizeof kSecretAlphabet - 2)];
  return out;
}

// ---------------------------------------------------------------------------------------------
// Staff of a handling unit.

struct Staff {
  std::vector<Actor> clerks, officers, leaders;
};

Actor ActorOf(const auth::User& u) {
  Actor a;
  a.user_id = u.id;
  a.agency_id = u.agency_id;
  a.roles = u.roles;
  a.province_wide = u.province_wide;
  a.username = u.username;
  return a;
}

// ---------------------------------------------------------------------------------------------
// A dossier's history, planned at its receipt: every change with its time, as the service would
// make it, cut at "now".

enum class Kind { kHandover, kSupplementRequested, kSupplementReceived, kApology, kResolved, kWithdrawn, kStopped, kReturned };

const char* KindName(Kind k) {
  switch (k) {
    case Kind::kHandover: return "step_handed_over";
    case Kind::kSupplementRequested: return "supplement_requested";
    case Kind::kSupplementReceived: return "supplement_received";
    case Kind::kApology: return "apology";
    case Kind::kResolved: return "resolved";
    case Kind::kWithdrawn: return "withdrawn";
    case Kind::kStopped: return "stopped";
    case Kind::kReturned: return "returned";
  }
  return "";
}

struct PlannedEvent {
  Millis at = 0;
  Kind kind = Kind::kHandover;
  Actor actor;
  int status = 0;                 // the dossier's status after it
  int step = -1;                  // handover: the position handed over
  std::optional<std::string> metric;
  nlohmann::json detail;          // without step_id (known once the steps are inserted)
  bool quality = false;           // a late event for the quality module
  Millis quality_due = 0;
  AgencyId quality_agency = 0;
  nlohmann::json quality_detail;
};

struct Flight {
  dossiers::Dossier d;            // id, agency, procedure, number: what AppendEvent and AuditOf read
  std::vector<std::int64_t> step_ids;
  std::vector<PlannedEvent> events;
  std::size_t next = 0;
  std::optional<Millis> paused_at;
};

struct Counts {
  std::int64_t intakes = 0, received = 0, guided = 0, refused = 0, events = 0, quality = 0;
  std::map<std::string, std::int64_t> by_kind;
  std::map<std::string, std::int64_t> by_group;
};

const char* const kRefusals[] = {"Hồ sơ không thuộc thẩm quyền giải quyết của cơ quan",
                                 "Thủ tục không áp dụng cho trường hợp của người nộp",
                                 "Người nộp không có giấy ủy quyền hợp lệ"};
const char* const kGuidance[] = {"Bổ sung bản sao giấy tờ tùy thân có chứng thực",
                                 "Tờ khai chưa có chữ ký của người đề nghị", "Nộp thêm bản chính để đối chiếu"};
const char* const kSupplementItems[] = {"Bản vẽ sơ đồ thửa đất chưa đúng hiện trạng", "Thiếu xác nhận của địa phương nơi cư trú",
                                   "Giấy tờ chứng minh quyền sở hữu chưa hợp lệ", "Tờ khai kê khai chưa đầy đủ thông tin"};

// Office minutes a step takes: a share of its window, or beyond it when late.
std::int64_t Share(Random& r, std::int64_t window, bool late) {
  if (window <= 0) return late ? r.Int(30, 240) : 0;
  if (late) return static_cast<std::int64_t>(static_cast<double>(window) * (1.05 + r.U() * 0.8)) + r.Int(5, 120);
  // Work takes a good part of its budget; a third of it nearly all.
  const double share = r.U() < 0.65 ? 0.15 + r.U() * 0.6 : 0.75 + r.U() * 0.23;
  return static_cast<std::int64_t>(static_cast<double>(window) * share);
}

class Generator {
 public:
  Generator(app::App& app, const Options& options)
      : app_(app), options_(options), random_(options.seed), audit_clock_(0), audit_(audit_clock_) {
    cal_.service = &app.calendar();
  }

  void Prepare();
  void Run();
  void WriteSamples(const std::string& prefix) const;
  const Counts& counts() const { return counts_; }
  Millis now() const { return now_; }
  std::size_t units() const { return units_.size(); }
  std::size_t processes() const { return pinned_.size(); }

 private:
  struct Unit {
    org::Agency agency;
    std::string group;            // commune / district / tax / department
    std::vector<std::size_t> pinned;   // indexes into pinned_
    Weighted procedures;
  };
  struct Due {
    Millis at;
    std::uint64_t seq;
    Flight* flight;
    bool operator>(const Due& o) const { return at != o.at ? at > o.at : seq > o.seq; }
  };

  void CheckDueTimes();
  void Intake(db::Tx& tx, Millis at);
  void Apply(db::Tx& tx, Flight& f);
  void Drain(db::Tx& tx, Millis until);
  void Plan(Flight& f, std::vector<dossiers::store::NewStep>& steps);
  Actor PickOfficer(AgencyId agency);
  Actor PickLeader(AgencyId agency);
  Actor PickClerk(AgencyId agency);
  void Record(db::Tx& tx, const Actor& actor, const dossiers::Dossier& d, const std::string& kind, Millis at,
              const std::optional<std::string>& metric, nlohmann::json detail);

  app::App& app_;
  Options options_;
  Random random_;
  core::FakeClock audit_clock_;
  audit::Service audit_;
  Calendars cal_;
  Millis now_ = 0;
  std::vector<Pinned> pinned_;
  std::vector<Unit> units_;
  std::map<std::string, Weighted> unit_picker_;   // per group
  std::map<std::string, std::vector<std::size_t>> units_of_group_;
  std::map<AgencyId, Staff> staff_;
  std::map<AgencyId, std::string> unit_code_;
  std::map<AgencyId, std::string> place_;
  std::priority_queue<Due, std::vector<Due>, std::greater<Due>> queue_;
  std::uint64_t seq_ = 0;
  Counts counts_;
  std::vector<std::pair<std::string, std::string>> sample_ok_, sample_wrong_;
  std::int64_t sample_seen_ = 0;
};

void Generator::Prepare() {
  {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0;
    if (std::sscanf(options_.now.c_str(), "%d-%d-%dT%d:%d", &y, &mo, &d, &h, &mi) != 5) Die("bad --now");
    now_ = calendar::FromLocal(calendar::Date{y, mo, d}, h * 60 + mi);
  }
  // Reads that need a session: any signed-in actor may read the directory and the catalog.
  Actor reader;
  reader.user_id = 1;
  reader.roles = kAllRoles;
  reader.province_wide = true;
  const std::vector<org::Agency> agencies = Must(app_.org().List(reader, false), "agencies");
  std::map<AgencyId, org::Agency> by_id;
  for (const auto& a : agencies) {
    by_id[a.id] = a;
    unit_code_[a.id] = a.unit_code;
    place_[a.id] = a.name;
  }
  std::vector<std::string> communes;
  for (const auto& a : agencies)
    if (a.kind == org::Kind::kCommunePc) communes.push_back(a.name);
  for (auto& [id, place] : place_)
    if (by_id[id].kind != org::Kind::kCommunePc) place = random_.Pick(communes);
  const std::string day = "2025-11-25";
  const auto list = Must(app_.procedures().List(reader, {.date = day}), "procedures");
  std::map<AgencyId, std::vector<std::size_t>> pinned_of;
  for (const auto& summary : list) {
    const procedures::Procedure proc = Must(app_.procedures().Get(reader, summary.id), "procedure");
    const procedures::ProcedureVersion* version = nullptr;
    for (const auto& v : proc.versions)
      if (v.effective_from <= day && (!v.effective_to || day < *v.effective_to)) version = &v;
    if (!version) continue;
    // Popularity: a few procedures take most dossiers (civil status, land, tax registration).
    const double weight = random_.LogNormal(1.0);
    for (const auto& ref : version->agencies) {
      auto process = app_.procedures().ProcessInForceOn(proc.id, ref.id, day);
      if (!process.ok()) continue;
      Pinned p = Pin(*version, *process, ref.id);
      p.procedure_id = proc.id;
      p.weight = weight;
      pinned_of[ref.id].push_back(pinned_.size());
      pinned_.push_back(std::move(p));
    }
  }
  for (const auto& [agency, indexes] : pinned_of) {
    Unit u;
    u.agency = by_id.at(agency);
    switch (u.agency.kind) {
      case org::Kind::kCommunePc: u.group = "commune"; break;
      case org::Kind::kDistrictPc: u.group = "district"; break;
      case org::Kind::kVertical: u.group = "tax"; break;
      default: u.group = "department"; break;
    }
    u.pinned = indexes;
    for (std::size_t i : indexes) u.procedures.Add(pinned_[i].weight);
    units_of_group_[u.group].push_back(units_.size());
    unit_picker_[u.group].Add(random_.LogNormal(0.5));   // units differ in size
    units_.push_back(std::move(u));
  }
  for (const char* group : {"commune", "district", "tax", "department"})
    if (!units_of_group_.count(group)) Die(std::string("no unit of group ") + group + " has a process: load the demo with all_units");
  std::fprintf(stderr, "province_year: %zu handling units, %zu (procedure, unit) processes\n", units_.size(),
               pinned_.size());

  // Staff: every unit that receives or handles a step has clerks, officers and leaders (the demo
  // teams' users join them). One password for all: the demo's.
  std::set<AgencyId> handling;
  for (const Pinned& p : pinned_) {
    handling.insert(p.agency_id);
    for (const auto& s : p.steps) handling.insert(s.agency_id);
  }
  const std::string hash = app_.auth().Hash(app::kDemoPassword);
  Must(app_.db().Write([&](db::Tx& tx) -> Result<int> {
         std::map<AgencyId, int> have;
         for (const auto& u : app_.auth().ActiveUsersOf(tx, {handling.begin(), handling.end()}))
           if (u.username.rfind("py", 0) == 0) ++have[u.agency_id];
         for (AgencyId agency : handling) {
           if (have[agency] > 0) continue;   // a second run on the same database
           const bool big = by_id.at(agency).kind != org::Kind::kCommunePc;
           auto add = [&](const std::string& role_name, Role role, int n) -> Status {
             for (int i = 1; i <= n; ++i) {
               auth::UserInput in;
               in.agency_id = agency;
               in.username = "py" + std::to_string(agency) + "." + role_name + std::to_string(i);
               in.full_name = MakeApplicant(random_, "", false).name;
               in.roles = static_cast<std::uint32_t>(role);
               EISO_CHECK(app_.auth().AddUser(tx, Actor{}, in, hash));
             }
             return Ok();
           };
           EISO_CHECK(add("motcua", Role::kClerk, big ? 4 : 2));
           EISO_CHECK(add("chuyenvien", Role::kOfficer, big ? 8 : 3));
           EISO_CHECK(add("lanhdao", Role::kLeader, big ? 2 : 1));
         }
         for (const auto& u : app_.auth().ActiveUsersOf(tx, {handling.begin(), handling.end()})) {
           Staff& s = staff_[u.agency_id];
           const Actor a = ActorOf(u);
           if (a.Has(Role::kClerk)) s.clerks.push_back(a);
           if (a.Has(Role::kOfficer)) s.officers.push_back(a);
           if (a.Has(Role::kLeader)) s.leaders.push_back(a);
         }
         return 0;
       }),
       "staff");
  CheckDueTimes();
}

// The shortcut through calendar::Calendar gives calendar::Service::DueAt's due times.
void Generator::CheckDueTimes() {
  Random r(1);
  const AgencyId agency = units_.front().agency.id;
  const Millis from0 = calendar::FromLocal(calendar::Date{2025, 11, 25}, 0);
  for (int i = 0; i < 5000; ++i) {
    const Millis from = from0 + r.Int(0, 365LL * calendar::kMillisPerDay);
    const bool cutoff = r.P(0.5);
    const bool hours = r.P(0.5);
    const int amount = static_cast<int>(r.Int(0, hours ? 80 : 30));
    const calendar::Allowance a{hours ? calendar::Allowance::Unit::kWorkingHours : calendar::Allowance::Unit::kWorkingDays,
                                amount};
    const auto due = Must(app_.calendar().DueAt(agency, from, a, {.next_day_after_cutoff = cutoff}), "due");
    if (due.due_at != cal_.DueOf(agency, from, hours ? "working_hours" : "working_days", amount, cutoff))
      Die("the due-time shortcut differs from calendar::Service::DueAt");
  }
}

Actor Generator::PickClerk(AgencyId agency) {
  const Staff& s = staff_.at(agency);
  return s.clerks.empty() ? random_.Pick(s.officers) : random_.Pick(s.clerks);
}
Actor Generator::PickOfficer(AgencyId agency) {
  const Staff& s = staff_.at(agency);
  return s.officers.empty() ? random_.Pick(s.leaders) : random_.Pick(s.officers);
}
Actor Generator::PickLeader(AgencyId agency) {
  const Staff& s = staff_.at(agency);
  return s.leaders.empty() ? random_.Pick(s.officers) : random_.Pick(s.leaders);
}

// store::AppendEvent and the audit event, as each service call ends.
void Generator::Record(db::Tx& tx, const Actor& actor, const dossiers::Dossier& d, const std::string& kind, Millis at,
                       const std::optional<std::string>& metric, nlohmann::json detail) {
  dossiers::store::AppendEvent(tx, d, actor.user_id, kind, at, metric, detail);
  detail["status"] = d.status;   // as Service's AuditOf
  if (d.number) detail["number"] = *d.number;
  audit_clock_.Set(at);
  audit_.Record(tx, actor, {"dossier." + kind, "dossier", d.id, d.agency_id, nullptr, std::move(detail)});
  ++counts_.events;
  ++counts_.by_kind[kind];
}

void Generator::Plan(Flight& f, std::vector<dossiers::store::NewStep>& steps_in) {
  using dossiers::store::NewStep;
  dossiers::Dossier& d = f.d;
  const Millis t0 = d.received_at;
  const AgencyId agency = d.agency_id;
  enum class Fate { kNormal, kSupplement, kApology, kWithdrawn, kStopped } fate = Fate::kNormal;
  const double u = random_.U();
  if (u < 0.05) fate = Fate::kSupplement;
  else if (u < 0.07) fate = Fate::kApology;
  else if (u < 0.075) fate = Fate::kWithdrawn;
  else if (u < 0.077) fate = Fate::kStopped;
  const bool late = fate == Fate::kApology ? random_.P(0.75) : random_.P(0.03);
  const bool answered = random_.P(0.95);   // the supplement is brought back
  const bool returned = random_.P(0.98);   // the result is collected
  const bool positive = random_.P(0.98);
  const double close_share = 0.1 + random_.U() * 0.8;

  for (int attempt = 0;; ++attempt) {
    // An on-time dossier whose steps ran over its due time is planned again, faster.
    const double speed = std::pow(0.5, attempt);
    f.events.clear();
    std::vector<NewStep> s = steps_in;
    int status = 2;
    Millis base_due = *d.base_due_at, due = base_due;
    bool apologized = false, notice_late = false, decided = false, want_close = false;
    std::optional<Millis> paused_at, resolved_at, returned_at;
    std::optional<bool> result_positive;
    std::optional<AgencyId> handling = d.handling_agency_id;
    std::vector<std::string> missing;
    std::string timeliness, reasons;
    bool supplement_pending = fate == Fate::kSupplement, apology_pending = fate == Fate::kApology;
    Millis last = t0;   // events of one dossier never go back in time
    const Millis close_time = t0 + static_cast<Millis>(static_cast<double>(base_due - t0) * close_share);
    auto closing = [&](Millis at) {
      return (fate == Fate::kWithdrawn || (fate == Fate::kStopped && (status == 4 || status == 5))) && at >= close_time;
    };
    auto event = [&](Millis at, Kind kind, const Actor& actor, std::optional<std::string> metric,
                     nlohmann::json detail) -> PlannedEvent& {
      PlannedEvent e;
      e.at = at;
      e.kind = kind;
      e.actor = actor;
      e.status = status;
      e.metric = std::move(metric);
      e.detail = std::move(detail);
      f.events.push_back(std::move(e));
      last = at;
      return f.events.back();
    };
    for (;;) {
      int stage = -1;
      for (const auto& x : s)
        if (x.state == "active") {
          stage = x.stage;
          break;
        }
      if (stage < 0) break;
      // An apology (once) early in the course, at latest one working day before the due time.
      if (apology_pending) {
        apology_pending = false;
        const Millis ap = cal_.After(agency, last, random_.Int(10, 240)) + random_.Int(0, 59'000);
        if (late && ap <= now_ && cal_.DueOf(agency, ap, "working_days", 1, false) <= due) {
          const Millis new_due = cal_.DueOf(agency, due, "working_days", static_cast<int>(random_.Int(2, 5)), false);
          event(ap, Kind::kApology, PickLeader(agency), std::nullopt,
                {{"reason", "Hồ sơ phải xác minh thêm, cần thêm thời gian giải quyết"}, {"old_due_at", due},
                 {"due_at", new_due}});
          due = new_due;
          apologized = true;
        }
      }
      bool decide_stage = false;
      for (const auto& x : s)
        if (x.stage == stage && (x.kind == "approve" || x.kind == "sign" || x.kind == "return")) decide_stage = true;
      if (decide_stage) {
        Millis window_due = due;
        for (const auto& x : s)
          if (x.stage == stage && x.state == "active" && x.due_at) window_due = std::min(window_due, *x.due_at);
        const std::int64_t window = std::max<std::int64_t>(cal_.Between(agency, last, window_due), 30);
        Millis at = cal_.After(agency, last,
                               static_cast<std::int64_t>(static_cast<double>(Share(random_, window, false)) * speed) +
                                   random_.Int(2, 20));
        if (late) {
          // Late: after the first due time; with an apology, before the new one.
          at = std::max(at, cal_.After(agency, base_due, random_.Int(30, apologized ? 900 : 2400)));
          if (apologized) at = std::min(at, due - 10 * kMinute);
        }
        at = std::max(at + random_.Int(0, 59'000), last + 1000);
        if (closing(at)) {
          want_close = true;
          break;
        }
        if (at > now_) break;
        const Actor leader = PickLeader(agency);
        std::string t = cal_.Classify(agency, at, base_due);
        if (t == "late" && apologized) t = "late_apology";
        int last_stage = stage;
        for (auto& x : s)
          if (x.state != "done" && (x.kind == "approve" || x.kind == "sign")) {
            x.timeliness = x.due_at ? cal_.Classify(x.agency_id, at, *x.due_at) : "on_time";
            x.state = "done";
            if (!x.started_at) x.started_at = at;
            x.finished_at = at;
            x.finished_by = leader.user_id;
            last_stage = std::max(last_stage, x.stage);
          }
        int next = -1;
        for (auto& x : s)
          if (x.stage > last_stage && x.state == "pending") {
            if (next >= 0 && x.stage != next) break;
            next = x.stage;
            x.state = "active";
            x.started_at = at;
            x.due_at = cal_.StepDue(x.agency_id, at, x.budget_minutes, x.budget_days);
          }
        status = 9;
        result_positive = positive;
        reasons = positive ? "" : "Không đủ điều kiện theo quy định";
        resolved_at = at;
        timeliness = t;
        handling = agency;
        decided = true;
        PlannedEvent& e = event(at, Kind::kResolved, leader, "resolved." + t,
                                {{"positive", positive}, {"timeliness", t}, {"reasons", reasons}});
        if (t == "late" || t == "late_apology") {
          e.quality = true;
          e.quality_due = base_due;
          e.quality_agency = agency;
          e.quality_detail = {{"timeliness", t}};
        }
        // The result handed back: online soon after, at the counter or by post days later.
        if (returned) {
          const std::int64_t wait = d.channel == 2 ? random_.Int(5, 120) : random_.Int(10, 4 * 450);
          const Millis back = cal_.After(agency, at, wait) + random_.Int(1000, 59'000);
          if (back <= now_) {
            const Actor clerk = PickClerk(agency);
            for (auto& x : s)
              if (x.state == "active") {
                x.timeliness = cal_.Classify(x.agency_id, back, x.due_at.value_or(back));
                x.state = "done";
                x.finished_at = back;
                x.finished_by = clerk.user_id;
              }
            status = 10;
            returned_at = back;
            handling.reset();
            event(back, Kind::kReturned, clerk, "returned", nlohmann::json::object());
          }
        }
        break;
      }
      // A handover stage: each step handed over after its share of its window; the stage's last
      // handover starts the next stage.
      std::vector<std::size_t> members;
      for (std::size_t i = 0; i < s.size(); ++i)
        if (s[i].stage == stage && s[i].state == "active") members.push_back(i);
      bool stop = false;
      if (supplement_pending) {
        supplement_pending = false;
        const NewStep& first = s[members.front()];
        const std::int64_t window = std::max<std::int64_t>(cal_.Between(first.agency_id, last, *first.due_at), 60);
        const Millis request =
            std::max(cal_.After(first.agency_id, last,
                                static_cast<std::int64_t>(static_cast<double>(window) * (0.1 + 0.5 * random_.U()))) +
                         random_.Int(0, 59'000),
                     last + 1000);
        if (closing(request)) {
          want_close = true;
          break;
        }
        if (request > now_) break;
        notice_late = request > cal_.DueOf(agency, t0, "working_days", 3, false);
        const std::vector<std::string> items = {kSupplementItems[random_.Int(0, 3)]};
        status = 5;
        paused_at = request;
        missing = items;
        event(request, Kind::kSupplementRequested, PickOfficer(first.agency_id), std::nullopt,
              {{"items", items}, {"notice_late", notice_late}});
        const Millis answer = cal_.After(agency, request, random_.Int(1, 12) * 450 + random_.Int(0, 400)) +
                              random_.Int(0, 59'000);
        if (!answered || answer > now_) break;   // still waiting at "now"
        if (closing(answer)) {
          want_close = true;
          break;
        }
        const Millis new_due = cal_.DueOf(agency, answer, d.allowance_unit, d.allowance_amount, d.cutoff_rule);
        for (auto& y : s)
          if (y.state == "active") {
            y.started_at = answer;
            y.due_at = cal_.StepDue(y.agency_id, answer, y.budget_minutes, y.budget_days);
          }
        status = 4;
        paused_at.reset();
        base_due = due = new_due;
        event(answer, Kind::kSupplementReceived, PickClerk(agency), std::nullopt, {{"due_at", new_due}});
      }
      std::vector<std::pair<Millis, std::size_t>> done;
      for (std::size_t i : members) {
        const NewStep& x = s[i];
        const Millis from = std::max(*x.started_at, last);
        const std::int64_t window = std::max<std::int64_t>(cal_.Between(x.agency_id, *x.started_at, *x.due_at), 0);
        const bool step_late = late ? random_.P(0.5) : random_.P(0.015);
        const std::int64_t share =
            step_late ? Share(random_, window, true)
                      : static_cast<std::int64_t>(static_cast<double>(Share(random_, window, false)) * speed);
        // A step without a budget is due when it starts: handed over within that minute.
        const Millis at = window == 0 && !step_late
                              ? from + random_.Int(0, std::max<Millis>(0, kMinute - 1 - from % kMinute))
                              : cal_.After(x.agency_id, from, std::max<std::int64_t>(share, 1)) + random_.Int(0, 59'000);
        done.emplace_back(at, i);
      }
      std::sort(done.begin(), done.end());
      for (auto [at, index] : done) {
        at = std::max(at, last);
        if (closing(at)) {
          want_close = true;
          stop = true;
          break;
        }
        if (at > now_) {
          stop = true;
          break;
        }
        NewStep& step = s[index];
        Actor actor;
        if (step.assignee_id) {
          const Staff& staff = staff_.at(step.agency_id);
          for (const auto* pool : {&staff.officers, &staff.leaders, &staff.clerks})
            for (const Actor& a : *pool)
              if (a.user_id == *step.assignee_id) actor = a;
        }
        if (!actor.user_id) actor = PickOfficer(step.agency_id);
        const std::string t = cal_.Classify(step.agency_id, at, *step.due_at);
        step.state = "done";
        step.finished_at = at;
        step.finished_by = actor.user_id;
        step.timeliness = t;
        // NextStage: the following stage once every step up to this one's stage is done.
        bool complete = true;
        for (const auto& y : s)
          if (y.stage <= step.stage && y.state != "done") complete = false;
        std::vector<std::size_t> started;
        if (complete)
          for (std::size_t k = 0; k < s.size(); ++k)
            if (s[k].stage > step.stage && s[k].state == "pending") {
              if (!started.empty() && s[k].stage != s[started.front()].stage) break;
              started.push_back(k);
            }
        std::optional<UserId> to_user;
        if (!started.empty() && random_.P(0.8)) {
          const NewStep& n = s[started.front()];
          to_user = (n.kind == "approve" || n.kind == "sign" ? PickLeader(n.agency_id) : PickOfficer(n.agency_id)).user_id;
        }
        for (std::size_t k : started) {
          NewStep& n = s[k];
          const bool mine = n.agency_id == agency || started.size() == 1;
          n.state = "active";
          n.started_at = at;
          n.due_at = cal_.StepDue(n.agency_id, at, n.budget_minutes, n.budget_days);
          n.assignee_id = mine ? to_user : std::nullopt;
        }
        if (!started.empty()) handling = s[started.front()].agency_id;
        status = 4;
        PlannedEvent& e = event(at, Kind::kHandover, actor, std::nullopt,
                                {{"timeliness", t}, {"note", ""},
                                 {"to_user_id", to_user ? nlohmann::json(*to_user) : nlohmann::json()}});
        e.step = step.position;
        if (t == "late") {
          e.quality = true;
          e.quality_due = *step.due_at;
          e.quality_agency = step.agency_id;
          e.quality_detail = {{"step", step.name}};
        }
      }
      if (stop) break;
    }
    if (!late && decided && timeliness == "late" && attempt < 3) continue;
    // Withdrawn (clerk) or stopped (leader) at their time, when still open then.
    if (want_close && !decided) {
      const Millis at = std::max(close_time, last + kMinute);
      if (at <= now_) {
        const bool withdrawn = fate == Fate::kWithdrawn;
        for (auto& x : s)
          if (x.state != "done") x.state = "cancelled";
        status = withdrawn ? 7 : 8;
        reasons = withdrawn ? "Công dân đề nghị rút hồ sơ" : "Hồ sơ có dấu hiệu giả mạo giấy tờ, dừng xử lý";
        resolved_at = at;
        event(at, withdrawn ? Kind::kWithdrawn : Kind::kStopped, withdrawn ? PickClerk(agency) : PickLeader(agency),
              withdrawn ? "withdrawn" : "stopped", {{"reason", reasons}});
      }
    }
    d.status = status;
    d.base_due_at = base_due;
    d.due_at = due;
    d.apologized = apologized;
    d.notice_late = notice_late;
    d.missing = missing;
    d.reasons = reasons;
    d.result_positive = result_positive;
    d.resolved_at = resolved_at;
    d.timeliness = timeliness;
    d.returned_at = returned_at;
    d.handling_agency_id = handling;
    d.updated_at = last;
    f.paused_at = paused_at;
    steps_in = std::move(s);
    return;
  }
}

void Generator::Intake(db::Tx& tx, Millis at) {
  // Where: by kind of unit, then by the unit's size, then by the procedure's popularity.
  const double g = random_.U();
  const char* group = g < 0.60 ? "commune" : g < 0.75 ? "district" : g < 0.95 ? "tax" : "department";
  const auto& of_group = units_of_group_.at(group);
  const Unit& unit = units_[of_group[unit_picker_.at(group).Pick(random_)]];
  const Pinned& p = pinned_[unit.pinned[unit.procedures.Pick(random_)]];
  const AgencyId agency = unit.agency.id;
  ++counts_.intakes;
  ++counts_.by_group[group];

  const double c = random_.U();
  const int channel = c < 0.55 ? 1 : c < 0.95 ? 2 : 3;
  const double o = random_.U();
  const std::string outcome = o < 0.04 ? "guided" : o < 0.05 ? "refused" : "received";
  const Actor clerk = PickClerk(agency);

  auto flight = std::make_unique<Flight>();
  dossiers::Dossier& d = flight->d;
  d.agency_id = agency;
  d.procedure_id = p.procedure_id;
  d.procedure_version_id = p.version_id;
  d.process_document_id = p.document_id;
  d.process_version = p.version;
  d.channel = channel;
  d.applicant = MakeApplicant(random_, place_.at(agency), channel == 2 || random_.P(0.1));
  std::vector<std::string> missing;
  for (std::size_t i = 0; i < p.components.size(); ++i)
    if (p.components[i].required || random_.P(0.5)) d.components.push_back(static_cast<int>(i));
  d.received_at = at;
  d.updated_at = at;
  d.allowance_unit = p.allowance_unit;
  d.allowance_amount = p.allowance_amount;
  d.cutoff_rule = p.cutoff;
  d.outcome = outcome;
  std::vector<dossiers::store::NewStep> steps;
  std::optional<std::string> secret;
  std::string metric;
  bool guided_closed = false;
  if (outcome == "received") {
    const Millis due = cal_.DueOf(agency, at, d.allowance_unit, d.allowance_amount, d.cutoff_rule);
    d.status = 2;
    d.base_due_at = due;
    d.due_at = due;
    metric = "received." + std::to_string(channel);
    steps = p.steps;
    std::size_t first = 0;
    while (first < steps.size() && steps[first].stage == steps.front().stage && steps[first].kind == "receive") {
      auto& s = steps[first];
      s.state = "done";
      s.started_at = s.due_at = s.finished_at = at;
      s.finished_by = clerk.user_id;
      s.timeliness = "on_time";
      s.assignee_id = clerk.user_id;
      ++first;
    }
    if (first < steps.size()) {
      const int stage = steps[first].stage;
      d.handling_agency_id = steps[first].agency_id;
      for (auto& s : steps)
        if (s.stage == stage) {
          s.state = "active";
          s.started_at = at;
          s.due_at = cal_.StepDue(s.agency_id, at, s.budget_minutes, s.budget_days);
        }
    }
    d.number = dossiers::store::NumberOf(
        unit_code_.at(agency), at,
        dossiers::store::NextSequence(tx, agency, calendar::ToString(calendar::ToLocal(at).date)));
    secret = NewSecret(random_);
  } else if (outcome == "guided") {
    d.status = 1;
    metric = "guided";
    // A required component left out, or a note when every component is optional.
    std::vector<int> kept;
    bool dropped = false;
    for (int i : d.components)
      if (!dropped && p.components[static_cast<std::size_t>(i)].required && random_.P(0.5)) {
        missing.push_back(p.components[static_cast<std::size_t>(i)].name);
        dropped = true;
      } else {
        kept.push_back(i);
      }
    d.components = kept;
    if (missing.empty() || random_.P(0.3)) missing.push_back(kGuidance[random_.Int(0, 2)]);
    d.missing = missing;
    guided_closed = random_.P(0.7);   // came back with the complete dossier (a later intake)
  } else {
    d.status = 3;
    metric = "refused";
    d.reasons = kRefusals[random_.Int(0, 2)];
  }
  const dossiers::Dossier at_intake = d;   // the state its intake event records
  if (outcome == "received") Plan(*flight, steps);

  d.id = dossiers::store::Insert(tx, {&d, secret ? std::optional(dossiers::store::HashSecret(*secret)) : std::nullopt, clerk.user_id});
  dossiers::store::InsertSteps(tx, d.id, steps);
  if (!steps.empty())
    for (const db::Row& r : tx.Query("SELECT id FROM dossier_steps WHERE dossier_id = ? ORDER BY position", {d.id}))
      flight->step_ids.push_back(r.Int(0));
  // The columns store::Insert does not take, in their state at "now".
  if (d.apologized || d.notice_late || flight->paused_at || d.result_positive || d.resolved_at || !d.timeliness.empty() ||
      d.returned_at || guided_closed)
    tx.Exec("UPDATE dossiers SET apologized = ?, notice_late = ?, paused_at = ?, result_positive = ?, resolved_at = ?, "
            "timeliness = ?, returned_at = ?, guided_closed = ? WHERE id = ?",
            {d.apologized, d.notice_late, flight->paused_at, d.result_positive, d.resolved_at,
             d.timeliness.empty() ? db::Value() : db::Value(d.timeliness), d.returned_at, guided_closed, d.id});

  dossiers::Dossier snapshot = at_intake;
  snapshot.id = d.id;
  nlohmann::json detail = {{"channel", channel}, {"outcome", outcome}};
  if (snapshot.due_at) detail["due_at"] = *snapshot.due_at;
  Record(tx, clerk, snapshot, outcome, at, metric, detail);
  if (outcome == "received") ++counts_.received;
  if (outcome == "guided") ++counts_.guided;
  if (outcome == "refused") ++counts_.refused;

  if (secret) {
    // Lookup samples: reservoirs over every received dossier.
    ++sample_seen_;
    constexpr std::size_t kSamples = 20'000;
    auto keep = [&](std::vector<std::pair<std::string, std::string>>& v, std::string value) {
      if (v.size() < kSamples) {
        v.emplace_back(*d.number, std::move(value));
      } else if (const auto j = static_cast<std::size_t>(random_.Int(0, sample_seen_ - 1)); j < kSamples) {
        v[j] = {*d.number, std::move(value)};
      }
    };
    keep(sample_ok_, *secret);
    std::string wrong = NewSecret(random_);
    if (wrong == *secret) wrong[0] = wrong[0] == 'A' ? 'B' : 'A';
    keep(sample_wrong_, wrong);
  }
  if (!flight->events.empty()) {
    Flight* raw = flight.release();
    queue_.push({raw->events.front().at, seq_++, raw});
  }
}

void Generator::Apply(db::Tx& tx, Flight& f) {
  PlannedEvent& e = f.events[f.next];
  f.d.status = e.status;
  std::optional<dossiers::StepId> step;
  if (e.step >= 0) {
    step = f.step_ids.at(static_cast<std::size_t>(e.step));
    e.detail["step_id"] = *step;
  }
  if (e.quality) {
    dossiers::store::QualityEvent(tx, f.d.id, step, e.quality_agency, e.at, e.quality_due, e.quality_detail);
    ++counts_.quality;
  }
  Record(tx, e.actor, f.d, KindName(e.kind), e.at, e.metric, std::move(e.detail));
}

void Generator::Drain(db::Tx& tx, Millis until) {
  while (!queue_.empty() && queue_.top().at <= until) {
    Flight* f = queue_.top().flight;
    queue_.pop();
    Apply(tx, *f);
    if (++f->next < f->events.size()) {
      queue_.push({f->events[f->next].at, seq_++, f});
    } else {
      delete f;
    }
  }
}

void Generator::Run() {
  // Working days of the year, weighted: Mondays and the weeks around Tết are busier.
  const calendar::Calendar& province = cal_.Of(units_.front().agency.id);
  std::vector<std::pair<calendar::Date, double>> days;
  double total = 0;
  for (calendar::Date day{2025, 11, 25}; day <= calendar::Date{2026, 11, 24}; day = day + 1) {
    if (!province.IsWorkingDay(day)) continue;
    const int weekday = (day.DayNumber() % 7 + 7 + 4) % 7;   // 1970-01-01 (day 0) was a Thursday
    double w = weekday == 1 ? 1.15 : weekday == 5 ? 0.92 : 1.0;
    const int to_tet = day.DayNumber() - calendar::Date{2026, 2, 17}.DayNumber();
    if (to_tet >= -21 && to_tet < 0) w *= 1.3;
    if (to_tet > 0 && to_tet <= 14) w *= 1.15;
    if (day.month == 12) w *= 1.08;
    w *= 0.9 + 0.2 * random_.U();
    days.emplace_back(day, w);
    total += w;
  }
  const auto& sessions = province.settings().sessions;
  std::int64_t session_minutes = 0;
  for (const auto& s : sessions) session_minutes += s.end_minute - s.start_minute;

  std::size_t day_index = 0;
  double cumulative = 0;
  std::int64_t assigned = 0;
  std::vector<Millis> today;
  std::size_t today_next = 0;
  const auto started = Clock::now();
  auto last_report = started;
  bool finished = false;
  std::int64_t transactions = 0;
  while (!finished) {
    Must(app_.db().Write([&](db::Tx& tx) -> Result<int> {
           for (int n = 0; n < options_.batch;) {
             if (today_next == today.size()) {
               if (day_index == days.size()) {
                 Drain(tx, now_);
                 finished = true;
                 break;
               }
               cumulative += days[day_index].second;
               const auto target = static_cast<std::int64_t>(std::llround(cumulative / total * static_cast<double>(options_.dossiers)));
               const std::int64_t count = target - assigned;
               assigned = target;
               today.clear();
               today_next = 0;
               for (std::int64_t i = 0; i < count; ++i) {
                 // A minute of the office day (mornings busier), and a second in it.
                 std::int64_t m = random_.P(0.58) ? random_.Int(0, sessions.front().end_minute - sessions.front().start_minute - 1)
                                                  : random_.Int(0, session_minutes - 1);
                 int minute = 0;
                 for (const auto& s : sessions) {
                   if (m < s.end_minute - s.start_minute) {
                     minute = s.start_minute + static_cast<int>(m);
                     break;
                   }
                   m -= s.end_minute - s.start_minute;
                 }
                 today.push_back(calendar::FromLocal(days[day_index].first, minute) + random_.Int(0, 59'999));
               }
               std::sort(today.begin(), today.end());
               ++day_index;
               continue;
             }
             const Millis at = today[today_next++];
             Drain(tx, at);
             Intake(tx, at);
             ++n;
           }
           return 0;
         }),
         "write");
    ++transactions;
    const auto t = Clock::now();
    if (finished || t - last_report >= std::chrono::seconds(5)) {
      last_report = t;
      const double secs = std::chrono::duration<double>(t - started).count();
      const double rate = static_cast<double>(counts_.intakes) / std::max(secs, 1e-9);
      const double eta = (static_cast<double>(options_.dossiers - counts_.intakes)) / std::max(rate, 1e-9);
      std::fprintf(stderr,
                   "province_year: %lld / %lld dossiers (%.1f %%), %.0f dossiers/s, %lld events, %zu open in the "
                   "queue, at %s, %.0f s elapsed, ETA %.0f s\n",
                   static_cast<long long>(counts_.intakes), static_cast<long long>(options_.dossiers),
                   100.0 * static_cast<double>(counts_.intakes) / static_cast<double>(options_.dossiers), rate,
                   static_cast<long long>(counts_.events), queue_.size(),
                   day_index ? calendar::ToString(days[day_index - 1].first).c_str() : "-", secs, eta);
    }
  }
  // Dossiers whose next change comes after "now" stay as they are.
  while (!queue_.empty()) {
    delete queue_.top().flight;
    queue_.pop();
  }
}

void Generator::WriteSamples(const std::string& prefix) const {
  std::ofstream ok(prefix + "lookup-ok.tsv"), wrong(prefix + "lookup-wrong.tsv");
  for (const auto& [number, secret] : sample_ok_) ok << number << '\t' << secret << '\n';
  for (const auto& [number, secret] : sample_wrong_) wrong << number << '\t' << secret << '\n';
}

// ---------------------------------------------------------------------------------------------

std::int64_t CountRows(app::App& app, const std::string& table) {
  auto n = app.db().Read([&](db::Tx& tx) -> Result<std::int64_t> {
    return tx.QueryOne("SELECT COUNT(*) FROM " + table)->Int(0);
  });
  return n.ok() ? *n : -1;
}

double Seconds(Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); }

int Main(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) Die("missing value for " + arg);
      return argv[++i];
    };
    if (arg == "--db") options.db = value();
    else if (arg == "--dossiers") options.dossiers = std::stoll(value());
    else if (arg == "--seed") options.seed = std::stoull(value());
    else if (arg == "--batch") options.batch = std::stoi(value());
    else if (arg == "--now") options.now = value();
    else if (arg == "--samples") options.samples = value();
    else if (arg == "--no-verify") options.verify = false;
    else if (arg == "--help" || arg == "-h") {
      std::printf("usage: province_year [--db sqlite:PATH|postgresql://...] [--dossiers N] [--seed S] [--batch B]\n"
                  "                     [--now YYYY-MM-DDTHH:MM (local)] [--samples PREFIX] [--no-verify]\n");
      return 0;
    } else {
      Die("unknown argument " + arg);
    }
  }
  if (sodium_init() < 0) Die("libsodium failed to initialise");
  const bool sqlite = options.db.rfind("sqlite:", 0) == 0;
  const std::string path = sqlite ? options.db.substr(7) : "";
  if (sqlite && std::filesystem::path(path).has_parent_path())
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  if (options.samples.empty())
    options.samples = sqlite ? path.substr(0, path.rfind('.')) + "." : "var/bench/province-year.pg.";

  app::Settings settings;
  settings.database = options.db;
  settings.password_cost = "minimum";
  settings.log_level = "warn";
  const auto t_open = Clock::now();
  auto app = Must(app::App::Open(settings), "open");
  if (app->org().Count() == 0) {
    const auto demo = Must(app::LoadDemo(*app, {.all_units = true}), "demo");
    std::fprintf(stderr, "province_year: demo province loaded (%lld agencies, %lld procedures, all units) in %.1f s\n",
                 static_cast<long long>(demo.agencies), static_cast<long long>(demo.procedures), Seconds(t_open));
  }
  if (CountRows(*app, "dossiers") != 0) Die("the database already holds dossiers: start from an empty one");
  // The writer connection (the only one that writes here): a 1 GiB page cache, and the WAL folded
  // into the file every ~400 MiB instead of every 4 MiB (hot index pages are written once per
  // checkpoint rather than once per transaction), statement journals in memory instead of a
  // temporary file (big transactions make them large).
  if (sqlite)
    Must(app->db().Write([](db::Tx& tx) -> Result<int> {
           tx.Exec("PRAGMA cache_size = -1048576");
           tx.Exec("PRAGMA wal_autocheckpoint = 100000");
           tx.Exec("PRAGMA temp_store = MEMORY");   // statement journals of UPSERTs and multi-row INSERTs
           return 0;
         }),
         "pragma");

  Generator gen(*app, options);
  gen.Prepare();
  const auto t_gen = Clock::now();
  gen.Run();
  const double gen_seconds = Seconds(t_gen);
  gen.WriteSamples(options.samples);
  const Counts& c = gen.counts();

  std::printf("province_year: %s\n", options.db.c_str());
  std::printf("  seed %llu, now %s local, %zu handling units, %zu pinned processes\n",
              static_cast<unsigned long long>(options.seed), options.now.c_str(), gen.units(), gen.processes());
  std::printf("  generated %lld dossiers in %.1f s (%.0f dossiers/s, %.0f events/s)\n",
              static_cast<long long>(c.intakes), gen_seconds, static_cast<double>(c.intakes) / gen_seconds,
              static_cast<double>(c.events) / gen_seconds);
  std::printf("  intakes: %lld received, %lld guided, %lld refused; by unit kind:", static_cast<long long>(c.received),
              static_cast<long long>(c.guided), static_cast<long long>(c.refused));
  for (const auto& [group, n] : c.by_group) std::printf(" %s %lld", group.c_str(), static_cast<long long>(n));
  std::printf("\n  dossier events by kind:");
  for (const auto& [kind, n] : c.by_kind) std::printf(" %s %lld", kind.c_str(), static_cast<long long>(n));
  std::printf("\n  quality (late) events: %lld\n", static_cast<long long>(c.quality));
  std::printf("  lookup samples: %slookup-ok.tsv, %slookup-wrong.tsv\n", options.samples.c_str(), options.samples.c_str());

  std::printf("  rows per table:\n");
  for (const char* table : {"dossiers", "dossier_steps", "dossier_events", "dossier_stats", "dossier_stats_agency",
                            "dossier_stats_procedure", "dossier_counters", "dossier_quality_events", "dossier_lookups",
                            "audit_events", "users", "agencies", "procedures", "procedure_processes", "documents"}) {
    const std::int64_t n = CountRows(*app, table);
    if (n >= 0) std::printf("    %-26s %12lld\n", table, static_cast<long long>(n));
  }
  // The state at "now": statuses of the dossiers.
  (void)Must(app->db().Read([&](db::Tx& tx) -> Result<int> {
               std::printf("  dossiers by status:");
               for (const db::Row& r : tx.Query("SELECT status, COUNT(*) FROM dossiers GROUP BY status ORDER BY status"))
                 std::printf(" %lld:%lld", static_cast<long long>(r.Int(0)), static_cast<long long>(r.Int(1)));
               std::printf("\n  resolved by timeliness:");
               for (const db::Row& r : tx.Query("SELECT timeliness, COUNT(*) FROM dossiers WHERE timeliness IS NOT NULL "
                                                "GROUP BY timeliness ORDER BY timeliness"))
                 std::printf(" %s:%lld", r.Text(0).c_str(), static_cast<long long>(r.Int(1)));
               std::printf("\n  open at now (2/4/5/6): %lld, of which overdue (2/4/6, due < now): %lld\n",
                           static_cast<long long>(tx.QueryOne("SELECT COUNT(*) FROM dossiers WHERE status IN (2, 4, 5, 6)")->Int(0)),
                           static_cast<long long>(tx.QueryOne("SELECT COUNT(*) FROM dossiers WHERE status IN (2, 4, 6) AND due_at < ?",
                                                              {gen.now()})->Int(0)));
               return 0;
             }),
             "status");
  if (options.verify) {
    const auto t_verify = Clock::now();
    const auto counters = Must(app->dossiers().Counters(), "counters");
    const auto recount = Must(app->dossiers().RecountFromEvents(), "recount");
    std::printf("  verify: Counters() %s RecountFromEvents() (%zu keys, %.1f s)\n",
                counters == recount ? "==" : "!= (MISMATCH)", counters.size(), Seconds(t_verify));
    if (counters != recount) return 2;
  }
  if (!sqlite) {
    const auto size = app->db().Read([](db::Tx& tx) -> Result<std::int64_t> {
      return tx.QueryOne("SELECT pg_database_size(current_database())")->Int(0);
    });
    if (size.ok()) std::printf("  database size: %.2f GiB\n", static_cast<double>(*size) / (1 << 30));
  }
  app.reset();   // closing the last SQLite connection folds the WAL into the file
  if (sqlite) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    const auto wal = std::filesystem::file_size(path + "-wal", ec);
    std::printf("  database size: %.2f GiB (%s)%s\n", static_cast<double>(size) / (1 << 30), path.c_str(),
                ec ? "" : (" + WAL " + std::to_string(wal >> 20) + " MiB").c_str());
  }
  std::fflush(stdout);
  return 0;
}

}  // namespace
}  // namespace eiso::bench

int main(int argc, char** argv) { return eiso::bench::Main(argc, argv); }
