#include "procedures/store.hpp"

#include <map>

#include <nlohmann/json.hpp>

namespace eiso::procedures::store {
namespace {

constexpr const char* kVersionColumns =
    "v.id, v.effective_from, v.name, v.sector, v.time_value, v.time_unit, v.fee, v.result, v.legal_basis_json, "
    "v.components_json, v.online_level, v.boundary_free, v.cutoff_rule, v.created_at";

ProcedureVersion VersionFromRow(const db::Row& r, std::size_t at) {
  ProcedureVersion v;
  v.id = r.Int(at);
  v.effective_from = r.Text(at + 1);
  v.name = r.Text(at + 2);
  v.sector = r.Text(at + 3);
  v.statutory_time = {r.Real(at + 4), ParseTimeUnit(r.Text(at + 5)).value_or(TimeUnit::kWorkingDay)};
  v.fee = r.Text(at + 6);
  v.result = r.Text(at + 7);
  for (const auto& item : nlohmann::json::parse(r.Text(at + 8))) v.legal_basis.push_back(item.get<std::string>());
  for (const auto& item : nlohmann::json::parse(r.Text(at + 9)))
    v.components.push_back({item.at("name").get<std::string>(),
                            ParsePaperForm(item.at("form").get<std::string>()).value_or(PaperForm::kOriginal),
                            item.at("copies").get<int>(), item.at("required").get<bool>()});
  v.online_level = ParseOnlineLevel(r.Text(at + 10)).value_or(OnlineLevel::kNone);
  v.boundary_free = r.Bool(at + 11);
  v.cutoff_rule = r.Bool(at + 12);
  v.created_at = r.Int(at + 13);
  return v;
}

// Agency ids of the given versions, in id order.
void FillAgencies(db::Tx& tx, std::vector<ProcedureVersion*> versions) {
  if (versions.empty()) return;
  std::map<VersionId, ProcedureVersion*> by_id;
  for (ProcedureVersion* v : versions) by_id[v->id] = v;
  std::string sql = "SELECT version_id, agency_id FROM procedure_agencies";
  db::Params params;
  if (versions.size() <= 200) {
    sql += " WHERE version_id IN (";
    for (std::size_t i = 0; i < versions.size(); ++i) {
      sql += i ? ",?" : "?";
      params.push_back(versions[i]->id);
    }
    sql += ")";
  }
  sql += " ORDER BY version_id, agency_id";
  for (const db::Row& r : tx.Query(sql, params))
    if (auto it = by_id.find(r.Int(0)); it != by_id.end()) it->second->agencies.push_back({r.Int(1), {}, {}});
}

}  // namespace

std::optional<ProcedureId> FindByCode(db::Tx& tx, const std::string& code) {
  auto row = tx.QueryOne("SELECT id FROM procedures WHERE code = ?", {code});
  if (!row) return std::nullopt;
  return row->Int(0);
}

std::optional<std::string> CodeOf(db::Tx& tx, ProcedureId id) {
  auto row = tx.QueryOne("SELECT code FROM procedures WHERE id = ?", {id});
  if (!row) return std::nullopt;
  return row->Text(0);
}

ProcedureId InsertProcedure(db::Tx& tx, const std::string& code, core::Millis now) {
  return tx.Insert("INSERT INTO procedures (code, created_at) VALUES (?, ?) RETURNING id", {code, now});
}

VersionId InsertVersion(db::Tx& tx, ProcedureId id, const VersionInput& in, const std::string& search_text,
                        UserId by, core::Millis now) {
  nlohmann::json components = nlohmann::json::array();
  for (const Component& c : in.components)
    components.push_back({{"name", c.name}, {"form", ToString(c.form)}, {"copies", c.copies}, {"required", c.required}});
  const VersionId v = tx.Insert(
      "INSERT INTO procedure_versions (procedure_id, effective_from, name, sector, time_value, time_unit, fee, "
      "result, legal_basis_json, components_json, online_level, boundary_free, cutoff_rule, search_text, "
      "created_by, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
      {id, in.effective_from, in.name, in.sector, in.statutory_time.value, ToString(in.statutory_time.unit), in.fee,
       in.result, nlohmann::json(in.legal_basis).dump(), components.dump(), ToString(in.online_level),
       in.boundary_free, in.cutoff_rule, search_text, by ? std::optional<UserId>(by) : std::nullopt, now});
  for (AgencyId a : in.agency_ids)
    tx.Exec("INSERT INTO procedure_agencies (version_id, agency_id) VALUES (?, ?)", {v, a});
  return v;
}

std::vector<ProcedureVersion> Versions(db::Tx& tx, ProcedureId id) {
  std::vector<ProcedureVersion> out;
  for (const db::Row& r : tx.Query(std::string("SELECT ") + kVersionColumns +
                                       " FROM procedure_versions v WHERE v.procedure_id = ? ORDER BY v.effective_from DESC",
                                   {id}))
    out.push_back(VersionFromRow(r, 0));
  for (std::size_t i = 1; i < out.size(); ++i) out[i].effective_to = out[i - 1].effective_from;
  std::vector<ProcedureVersion*> all;
  for (ProcedureVersion& v : out) all.push_back(&v);
  FillAgencies(tx, all);
  return out;
}

std::vector<CatalogRow> Catalog(db::Tx& tx, const std::string& date, const std::string& sector,
                                std::optional<AgencyId> agency, const std::vector<std::string>& terms,
                                bool in_force_only) {
  std::string sql = std::string("SELECT p.id, p.code, ") + kVersionColumns +
                    " FROM procedures p JOIN procedure_versions v ON v.procedure_id = p.id WHERE v.effective_from = ";
  db::Params params;
  if (in_force_only) {
    sql += "(SELECT MAX(w.effective_from) FROM procedure_versions w WHERE w.procedure_id = p.id AND w.effective_from <= ?)";
    params.push_back(date);
  } else {
    sql += "COALESCE((SELECT MAX(w.effective_from) FROM procedure_versions w WHERE w.procedure_id = p.id "
           "AND w.effective_from <= ?), (SELECT MIN(w.effective_from) FROM procedure_versions w WHERE w.procedure_id = p.id))";
    params.push_back(date);
  }
  if (!sector.empty()) {
    sql += " AND v.sector = ?";
    params.push_back(sector);
  }
  if (agency) {
    sql += " AND EXISTS (SELECT 1 FROM procedure_agencies a WHERE a.version_id = v.id AND a.agency_id = ?)";
    params.push_back(*agency);
  }
  for (const std::string& t : terms) {
    sql += " AND v.search_text LIKE ?";
    params.push_back("%" + t + "%");
  }
  sql += " ORDER BY p.code";
  std::vector<CatalogRow> out;
  for (const db::Row& r : tx.Query(sql, params)) out.push_back({r.Int(0), r.Text(1), VersionFromRow(r, 2)});
  std::vector<ProcedureVersion*> all;
  for (CatalogRow& row : out) all.push_back(&row.version);
  FillAgencies(tx, all);
  return out;
}

std::vector<CatalogRow> AllVersions(db::Tx& tx) {
  std::vector<CatalogRow> out;
  for (const db::Row& r : tx.Query(std::string("SELECT p.id, p.code, ") + kVersionColumns +
                                   " FROM procedures p JOIN procedure_versions v ON v.procedure_id = p.id"
                                   " ORDER BY p.code, v.effective_from"))
    out.push_back({r.Int(0), r.Text(1), VersionFromRow(r, 2)});
  std::vector<ProcedureVersion*> all;
  for (CatalogRow& row : out) all.push_back(&row.version);
  FillAgencies(tx, all);
  return out;
}

namespace {
ProcessRow ProcessFromRow(const db::Row& r) { return {r.Int(0), r.Int(1), r.Int(2)}; }
}  // namespace

std::optional<ProcessRow> ProcessOf(db::Tx& tx, ProcedureId procedure, AgencyId agency) {
  auto row = tx.QueryOne("SELECT procedure_id, agency_id, document_id FROM procedure_processes "
                         "WHERE procedure_id = ? AND agency_id = ?", {procedure, agency});
  if (!row) return std::nullopt;
  return ProcessFromRow(*row);
}

std::optional<ProcessRow> ProcessByDocument(db::Tx& tx, DocumentId document) {
  auto row = tx.QueryOne("SELECT procedure_id, agency_id, document_id FROM procedure_processes WHERE document_id = ?",
                         {document});
  if (!row) return std::nullopt;
  return ProcessFromRow(*row);
}

std::vector<ProcessRow> ProcessesOf(db::Tx& tx, ProcedureId procedure) {
  std::vector<ProcessRow> out;
  for (const db::Row& r : tx.Query("SELECT procedure_id, agency_id, document_id FROM procedure_processes "
                                   "WHERE procedure_id = ? ORDER BY agency_id", {procedure}))
    out.push_back(ProcessFromRow(r));
  return out;
}

void InsertProcess(db::Tx& tx, const ProcessRow& row, core::Millis now) {
  tx.Exec("INSERT INTO procedure_processes (procedure_id, agency_id, document_id, created_at) VALUES (?,?,?,?)",
          {row.procedure_id, row.agency_id, row.document_id, now});
}

std::vector<Step> Steps(db::Tx& tx, DocumentId document, int number) {
  std::vector<Step> out;
  for (const db::Row& r : tx.Query(
           "SELECT name, responsible, kind, budget_value, budget_unit, parallel_group, agency_id FROM process_steps "
           "WHERE document_id = ? AND version_number = ? ORDER BY position", {document, number})) {
    Step s;
    s.name = r.Text(0);
    s.responsible = r.Text(1);
    s.kind = ParseStepKind(r.Text(2)).value_or(StepKind::kAppraise);
    s.budget = {r.Real(3), ParseTimeUnit(r.Text(4)).value_or(TimeUnit::kWorkingDay)};
    if (auto g = r.OptInt(5)) s.parallel_group = static_cast<int>(*g);
    s.agency_id = r.OptInt(6);
    out.push_back(std::move(s));
  }
  return out;
}

void ReplaceSteps(db::Tx& tx, DocumentId document, int number, const std::vector<Step>& steps) {
  tx.Exec("DELETE FROM process_steps WHERE document_id = ? AND version_number = ?", {document, number});
  int position = 0;
  for (const Step& s : steps)
    tx.Exec("INSERT INTO process_steps (document_id, version_number, position, name, responsible, kind, "
            "budget_value, budget_unit, parallel_group, agency_id) VALUES (?,?,?,?,?,?,?,?,?,?)",
            {document, number, ++position, s.name, s.responsible, ToString(s.kind), s.budget.value,
             ToString(s.budget.unit), s.parallel_group, s.agency_id});
}

std::int64_t Count(db::Tx& tx) { return tx.QueryOne("SELECT COUNT(*) FROM procedures")->Int(0); }

}  // namespace eiso::procedures::store
