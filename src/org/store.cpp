#include "org/store.hpp"

namespace eiso::org::store {
namespace {

constexpr const char* kColumns =
    "id, parent_id, name, short_name, kind, level, unit_code, gso_code, valid_from, valid_to, status";

Agency FromRow(const db::Row& r) {
  Agency a;
  a.id = r.Int(0);
  a.parent_id = r.OptInt(1);
  a.name = r.Text(2);
  a.short_name = r.Text(3);
  a.kind = ParseKind(r.Text(4)).value_or(Kind::kDepartment);
  a.level = ParseLevel(r.Text(5)).value_or(Level::kProvince);
  a.unit_code = r.Text(6);
  a.gso_code = r.OptText(7);
  a.valid_from = r.Text(8);
  a.valid_to = r.OptText(9);
  a.active = r.Text(10) == "active";
  return a;
}

}  // namespace

std::vector<Agency> List(db::Tx& tx, bool include_inactive) {
  const std::string sql = std::string("SELECT ") + kColumns + " FROM agencies" +
                          (include_inactive ? "" : " WHERE status = 'active'") + " ORDER BY id";
  std::vector<Agency> out;
  for (const db::Row& r : tx.Query(sql)) out.push_back(FromRow(r));
  return out;
}

std::optional<Agency> Get(db::Tx& tx, AgencyId id) {
  const auto row = tx.QueryOne(std::string("SELECT ") + kColumns + " FROM agencies WHERE id = ?", {id});
  if (!row) return std::nullopt;
  return FromRow(*row);
}

std::optional<Agency> GetByUnitCode(db::Tx& tx, const std::string& unit_code) {
  const auto row = tx.QueryOne(std::string("SELECT ") + kColumns + " FROM agencies WHERE unit_code = ?", {unit_code});
  if (!row) return std::nullopt;
  return FromRow(*row);
}

AgencyId Insert(db::Tx& tx, const AgencyInput& in, core::Millis now) {
  return tx.Insert(
      "INSERT INTO agencies (parent_id, name, short_name, kind, level, unit_code, gso_code, "
      "valid_from, status, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,'active',?,?) RETURNING id",
      {in.parent_id, in.name, in.short_name, ToString(in.kind), ToString(in.level.value_or(LevelOf(in.kind))),
       in.unit_code, in.gso_code, in.valid_from, now, now});
}

void Update(db::Tx& tx, AgencyId id, const AgencyInput& in, core::Millis now) {
  tx.Exec(
      "UPDATE agencies SET parent_id = ?, name = ?, short_name = ?, kind = ?, level = ?, unit_code = ?, "
      "gso_code = ?, valid_from = ?, updated_at = ? WHERE id = ?",
      {in.parent_id, in.name, in.short_name, ToString(in.kind), ToString(in.level.value_or(LevelOf(in.kind))),
       in.unit_code, in.gso_code, in.valid_from, now, id});
}

void Deactivate(db::Tx& tx, AgencyId id, const std::string& valid_to, core::Millis now) {
  tx.Exec("UPDATE agencies SET status = 'inactive', valid_to = ?, updated_at = ? WHERE id = ?",
          {valid_to, now, id});
}

std::int64_t CountActiveChildren(db::Tx& tx, AgencyId id) {
  return tx.QueryOne("SELECT COUNT(*) FROM agencies WHERE parent_id = ? AND status = 'active'", {id})->Int(0);
}

std::vector<AgencyId> Ancestors(db::Tx& tx, AgencyId id) {
  std::vector<AgencyId> out;
  for (const db::Row& r : tx.Query(
           "WITH RECURSIVE up(id, parent_id, depth) AS ("
           " SELECT id, parent_id, 0 FROM agencies WHERE id = ?"
           " UNION ALL SELECT a.id, a.parent_id, up.depth + 1 FROM agencies a JOIN up ON a.id = up.parent_id"
           " WHERE up.depth < 32)"
           " SELECT id FROM up ORDER BY depth",
           {id}))
    out.push_back(r.Int(0));
  return out;
}

std::vector<AgencyId> Descendants(db::Tx& tx, AgencyId id) {
  std::vector<AgencyId> out;
  for (const db::Row& r : tx.Query(
           "WITH RECURSIVE down(id, depth) AS ("
           " SELECT id, 0 FROM agencies WHERE id = ?"
           " UNION ALL SELECT a.id, down.depth + 1 FROM agencies a JOIN down ON a.parent_id = down.id"
           " WHERE down.depth < 32)"
           " SELECT id FROM down",
           {id}))
    out.push_back(r.Int(0));
  return out;
}

std::string Stamp(db::Tx& tx) {
  const auto row = tx.QueryOne("SELECT COUNT(*), COALESCE(MAX(id), 0), COALESCE(MAX(updated_at), 0) FROM agencies");
  return std::to_string(row->Int(0)) + ":" + std::to_string(row->Int(1)) + ":" + std::to_string(row->Int(2));
}

std::int64_t Count(db::Tx& tx) { return tx.QueryOne("SELECT COUNT(*) FROM agencies")->Int(0); }

}  // namespace eiso::org::store
