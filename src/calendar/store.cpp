#include "calendar/store.hpp"

namespace eiso::calendar::store {
namespace {

constexpr const char* kDecisionColumns =
    "id, date, kind, reason_vi, reason_en, legal_basis, legal_basis_date, created_at, updated_at";

Decision DecisionFromRow(const db::Row& r) {
  Decision d;
  d.id = r.Int(0);
  d.date = ParseDate(r.Text(1)).value_or(Date{});
  d.kind = ParseDecisionKind(r.Text(2)).value_or(DecisionKind::kDayOff);
  d.reason_vi = r.Text(3);
  d.reason_en = r.Text(4);
  d.legal_basis = r.Text(5);
  d.legal_basis_date = ParseDate(r.Text(6));
  d.created_at = r.Int(7);
  d.updated_at = r.Int(8);
  return d;
}

int RestMask(const std::array<bool, 7>& rest) {
  int mask = 0;
  for (std::size_t w = 0; w < rest.size(); ++w)
    if (rest[w]) mask |= 1 << w;
  return mask;
}

std::array<bool, 7> RestDays(std::int64_t mask) {
  std::array<bool, 7> rest{};
  for (std::size_t w = 0; w < rest.size(); ++w) rest[w] = (mask >> w & 1) != 0;
  return rest;
}

UnitSettings SettingsFromRow(const db::Row& r) {
  UnitSettings s;
  s.agency_id = r.OptInt(0);
  if (const auto mask = r.OptInt(1)) s.values.weekly_rest = RestDays(*mask);
  if (const auto sessions = r.OptText(2)) s.values.sessions = ParseSessions(*sessions);
  if (const auto reception = r.OptInt(3)) s.values.saturday_morning_reception = *reception != 0;
  s.updated_at = r.Int(4);
  return s;
}

std::string EnglishOrVietnamese(const DecisionInput& in) {
  return in.reason_en.empty() ? in.reason_vi : in.reason_en;
}

}  // namespace

std::vector<Decision> ListDecisions(db::Tx& tx, std::optional<int> year) {
  std::vector<Decision> out;
  const std::string select = std::string("SELECT ") + kDecisionColumns + " FROM calendar_decisions";
  const db::Rows rows = year ? tx.Query(select + " WHERE year = ? ORDER BY date", {*year})
                             : tx.Query(select + " ORDER BY date");
  for (const db::Row& r : rows) out.push_back(DecisionFromRow(r));
  return out;
}

std::optional<Decision> GetDecision(db::Tx& tx, DecisionId id) {
  const auto row = tx.QueryOne(
      std::string("SELECT ") + kDecisionColumns + " FROM calendar_decisions WHERE id = ?", {id});
  if (!row) return std::nullopt;
  return DecisionFromRow(*row);
}

DecisionId InsertDecision(db::Tx& tx, const DecisionInput& in, core::Millis now) {
  return tx.Insert(
      "INSERT INTO calendar_decisions (year, date, kind, reason_vi, reason_en, legal_basis, "
      "legal_basis_date, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?) RETURNING id",
      {in.date.year, ToString(in.date), ToString(in.kind), in.reason_vi, EnglishOrVietnamese(in),
       in.legal_basis, ToString(in.legal_basis_date), now, now});
}

void UpdateDecision(db::Tx& tx, DecisionId id, const DecisionInput& in, core::Millis now) {
  tx.Exec(
      "UPDATE calendar_decisions SET year = ?, date = ?, kind = ?, reason_vi = ?, reason_en = ?, "
      "legal_basis = ?, legal_basis_date = ?, updated_at = ? WHERE id = ?",
      {in.date.year, ToString(in.date), ToString(in.kind), in.reason_vi, EnglishOrVietnamese(in),
       in.legal_basis, ToString(in.legal_basis_date), now, id});
}

void DeleteDecision(db::Tx& tx, DecisionId id) {
  tx.Exec("DELETE FROM calendar_decisions WHERE id = ?", {id});
}

std::vector<UnitSettings> ListSettings(db::Tx& tx) {
  std::vector<UnitSettings> out;
  for (const db::Row& r : tx.Query(
           "SELECT agency_id, weekly_rest, sessions, saturday_morning_reception, updated_at "
           "FROM calendar_unit_settings ORDER BY id"))
    out.push_back(SettingsFromRow(r));
  return out;
}

std::optional<UnitSettings> GetSettings(db::Tx& tx, std::optional<AgencyId> agency_id) {
  const auto row = tx.QueryOne(
      "SELECT agency_id, weekly_rest, sessions, saturday_morning_reception, updated_at "
      "FROM calendar_unit_settings WHERE COALESCE(agency_id, 0) = ?",
      {agency_id.value_or(0)});
  if (!row) return std::nullopt;
  return SettingsFromRow(*row);
}

std::int64_t PutSettings(db::Tx& tx, const UnitSettings& s, core::Millis now) {
  std::optional<int> rest;
  if (s.values.weekly_rest) rest = RestMask(*s.values.weekly_rest);
  std::optional<std::string> sessions;
  if (s.values.sessions) sessions = FormatSessions(*s.values.sessions);
  const std::optional<bool> reception = s.values.saturday_morning_reception;
  const auto existing = tx.QueryOne(
      "SELECT id FROM calendar_unit_settings WHERE COALESCE(agency_id, 0) = ?",
      {s.agency_id.value_or(0)});
  if (existing) {
    tx.Exec(
        "UPDATE calendar_unit_settings SET weekly_rest = ?, sessions = ?, "
        "saturday_morning_reception = ?, updated_at = ? WHERE id = ?",
        {rest, sessions, reception, now, existing->Int(0)});
    return existing->Int(0);
  }
  return tx.Insert(
      "INSERT INTO calendar_unit_settings (agency_id, weekly_rest, sessions, "
      "saturday_morning_reception, updated_at) VALUES (?,?,?,?,?) RETURNING id",
      {s.agency_id, rest, sessions, reception, now});
}

std::int64_t Version(db::Tx& tx) {
  return tx.QueryOne("SELECT version FROM calendar_version WHERE id = 1")->Int(0);
}

void BumpVersion(db::Tx& tx) {
  tx.Exec("UPDATE calendar_version SET version = version + 1 WHERE id = 1");
}

}  // namespace eiso::calendar::store
