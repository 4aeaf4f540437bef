#include "app/demo.hpp"

#include <map>

#include "core/csv.hpp"
#include "app/demo_procedures.hpp"
#include "auth/model.hpp"

namespace eiso::app {

extern const std::string_view kDemoAgenciesCsv;

namespace {

// Placeholder start of validity for the demo agencies (their real founding dates are not in the
// reference data); see data/demo/README.md.
constexpr const char* kDemoValidFrom = "2020-01-01";

struct DemoUser {
  const char* username;
  const char* full_name;
  const char* agency_key;
  std::uint32_t roles;
  bool province_wide;
};

constexpr auto R(Role r) { return static_cast<std::uint32_t>(r); }

// Who signs in to the demo: the province administrator, a DOST evaluator, and a full team
// (administrator, leader, ISO secretary, officer, single-window clerk, internal auditor) in five
// agencies of different kinds.
std::vector<DemoUser> DemoUsers() {
  std::vector<DemoUser> users = {
      {"admin", "Quản trị hệ thống tỉnh", "vp-ubnd", R(Role::kAdministrator), true},
      {"dost", "Trần Thị Bình (Sở KH&CN)", "so-khcn", R(Role::kDostEvaluator), true},
  };
  struct Team {
    const char* prefix;
    const char* agency_key;
    const char* names[6];
  };
  static const Team kTeams[] = {
      {"khcn", "so-khcn", {"Lê Văn Cường", "Phạm Minh Đức", "Nguyễn Thu Hà", "Hoàng Văn Hải", "Vũ Thị Lan", "Đỗ Quang Minh"}},
      {"tuphap", "so-tp", {"Bùi Thị Nga", "Ngô Văn Phúc", "Đặng Thị Quỳnh", "Trịnh Văn Sơn", "Lý Thị Tâm", "Dương Văn Thắng"}},
      {"thue", "cuc-thue", {"Phan Thị Uyên", "Mai Văn Việt", "Tạ Thị Xuân", "Hồ Văn Yên", "Chu Thị Anh", "Kiều Văn Bảo"}},
      {"tpbn", "h-256", {"Nguyễn Văn Chiến", "Trần Thị Diệp", "Lê Thị Giang", "Phạm Văn Hùng", "Vũ Văn Khánh", "Đinh Thị Loan"}},
      {"vuninh", "x-09163", {"Hoàng Thị Mai", "Nguyễn Văn Nam", "Trần Văn Oanh", "Lê Thị Phương", "Phạm Thị Quyên", "Bùi Văn Sáng"}},
  };
  static const std::pair<const char*, Role> kRoles[] = {
      {"admin", Role::kAdministrator}, {"lanhdao", Role::kLeader},   {"thuky", Role::kIsoSecretary},
      {"chuyenvien", Role::kOfficer},  {"motcua", Role::kClerk},     {"dgnb", Role::kInternalAuditor},
  };
  static std::vector<std::string> names;  // keeps the composed usernames alive
  names.clear();
  names.reserve(std::size(kTeams) * std::size(kRoles));
  for (const Team& team : kTeams)
    for (std::size_t i = 0; i < std::size(kRoles); ++i) {
      names.push_back(std::string(team.prefix) + "." + kRoles[i].first);
      users.push_back({names.back().c_str(), team.names[i], team.agency_key, R(kRoles[i].second), false});
    }
  return users;
}

}  // namespace

Result<DemoReport> LoadDemo(App& app, const DemoOptions& options) {
  DemoReport report;
  if (app.org().Count() > 0) {
    report.already_loaded = true;
    report.agencies = app.org().Count();
    return report;
  }
  const std::vector<core::CsvRecord> rows = core::ReadCsv(kDemoAgenciesCsv);
  if (rows.size() < 2 || rows[0].fields.size() != 8) return Error::Internal("demo agencies: bad header");
  const std::string password_hash = app.auth().Hash(kDemoPassword);
  const std::vector<DemoUser> users = DemoUsers();
  const Actor system;  // changes made by eiso itself carry no user
  const int minutes_per_day = app.calendar().CalendarFor(std::nullopt)->settings().MinutesPerDay();
  return app.db().Write([&](db::Tx& tx) -> Result<DemoReport> {
    std::map<std::string, AgencyId> ids;
    std::map<std::string, std::string> names;
    std::vector<const std::vector<std::string>*> pending;
    for (std::size_t i = 1; i < rows.size(); ++i) pending.push_back(&rows[i].fields);
    // Parents come before children; a few passes settle any order.
    while (!pending.empty()) {
      std::vector<const std::vector<std::string>*> later;
      for (const std::vector<std::string>* row : pending) {
        const std::vector<std::string>& r = *row;
        if (r.size() != 8) return Error::Internal("demo agencies: bad row " + (r.empty() ? "" : r[0]));
        if (!r[1].empty() && !ids.count(r[1])) {
          later.push_back(row);
          continue;
        }
        org::AgencyInput in;
        if (!r[1].empty()) in.parent_id = ids.at(r[1]);
        auto kind = org::ParseKind(r[2]);
        if (!kind) return Error::Internal("demo agencies: bad kind " + r[2]);
        in.kind = *kind;
        in.level = org::ParseLevel(r[3]);
        in.name = r[4];
        in.short_name = r[5];
        in.unit_code = r[6];
        if (!r[7].empty()) in.gso_code = r[7];
        in.valid_from = kDemoValidFrom;
        EISO_TRY(id, app.org().Insert(tx, system, in));
        ids[r[0]] = id;
        names[r[0]] = r[4];
      }
      if (later.size() == pending.size()) return Error::Internal("demo agencies: unknown parent");
      pending = std::move(later);
    }
    report.agencies = static_cast<std::int64_t>(ids.size());
    for (const DemoUser& u : users) {
      auth::UserInput in;
      in.agency_id = ids.at(u.agency_key);
      in.username = u.username;
      in.full_name = u.full_name;
      in.roles = u.roles;
      in.province_wide = u.province_wide;
      EISO_CHECK(app.auth().AddUser(tx, system, in, password_hash));
      std::string roles;
      for (const std::string& r : auth::RoleNames(u.roles)) roles += (roles.empty() ? "" : ",") + r;
      report.logins.push_back({u.username, u.full_name, names.at(u.agency_key), roles});
    }
    EISO_TRY(procedures, LoadDemoProcedures(app, tx, system, ids, minutes_per_day, options.all_units));
    report.procedures = procedures;
    return report;
  });
}

}  // namespace eiso::app
