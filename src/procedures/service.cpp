#include "procedures/service.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <regex>
#include <set>

#include "core/json.hpp"
#include "documents/fold.hpp"
#include "procedures/catalog_format.hpp"
#include "procedures/json.hpp"
#include "procedures/store.hpp"

namespace eiso::procedures {
namespace {

constexpr core::Millis kVietnamOffset = 7LL * 3600 * 1000;   // UTC+7, no DST
constexpr std::size_t kMaxProblems = 500;

// Mã TTHC of the national database ("1.001193"), or its provincial form ("1.009645.H05").
bool IsCode(const std::string& code) {
  static const std::regex kPattern(R"([0-9]\.[0-9]{6}(\.[0-9A-Z]{2,6})?)");
  return std::regex_match(code, kPattern);
}

bool Administers(const Actor& a) { return a.Has(Role::kAdministrator) && a.province_wide; }

std::string SearchText(const std::string& code, const VersionInput& in) {
  return documents::Fold(code + " " + in.name + " " + in.sector);
}

bool SameVersion(const VersionInput& in, const ProcedureVersion& v) {
  std::vector<AgencyId> a = in.agency_ids, b;
  for (const AgencyRef& r : v.agencies) b.push_back(r.id);
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return in.name == v.name && in.sector == v.sector && a == b && in.statutory_time == v.statutory_time &&
         in.fee == v.fee && in.result == v.result && in.legal_basis == v.legal_basis && in.components == v.components &&
         in.online_level == v.online_level && in.boundary_free == v.boundary_free && in.cutoff_rule == v.cutoff_rule;
}

// "0,5 ngày làm việc", "04 giờ làm việc": how the process tables write a budget.
std::string BudgetText(const Duration& d) {
  char number[32];
  if (d.value == std::floor(d.value)) std::snprintf(number, sizeof number, "%02d", static_cast<int>(d.value));
  else std::snprintf(number, sizeof number, "%g", d.value);
  std::string text = number;
  std::replace(text.begin(), text.end(), '.', ',');
  switch (d.unit) {
    case TimeUnit::kWorkingDay: return text + " ngày làm việc";
    case TimeUnit::kWorkingHour: return text + " giờ làm việc";
    case TimeUnit::kDay: return text + " ngày";
  }
  return text;
}

std::string Escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '&') out += "&amp;";
    else out.push_back(c);
  }
  return out;
}

// The steps as the version's content: the table the leader approves and signs.
std::string RenderSteps(const std::vector<Step>& steps) {
  std::string html = "<table><thead><tr><th>Bước</th><th>Nội dung công việc</th><th>Trách nhiệm</th>"
                     "<th>Thời gian</th></tr></thead><tbody>";
  int n = 0;
  for (const Step& s : steps) {
    html += "<tr><td>Bước " + std::to_string(++n) + "</td><td>" + Escape(s.name) + "</td><td>" + Escape(s.responsible) +
            "</td><td>" + BudgetText(s.budget) + (s.parallel_group ? " (song song)" : "") + "</td></tr>";
  }
  return html + "</tbody></table>";
}

// The version in force on `date`, or the first to come; `versions` newest first, not empty.
const ProcedureVersion& CurrentOf(const std::vector<ProcedureVersion>& versions, const std::string& date) {
  for (const ProcedureVersion& v : versions)
    if (v.effective_from <= date) return v;
  return versions.back();
}

}  // namespace

std::optional<Format> ParseFormat(std::string_view s) {
  if (s == "csv") return Format::kCsv;
  if (s == "json" || s.empty()) return Format::kJson;
  return std::nullopt;
}

namespace {

// Exact working minutes: a quarter of a 450-minute day is 112.5, so sums round only at the end.
double ExactMinutes(const Duration& d, int minutes_per_day) {
  return d.value * (d.unit == TimeUnit::kWorkingHour ? 60.0 : static_cast<double>(minutes_per_day));
}

double ExactTotal(const std::vector<Step>& steps, int minutes_per_day) {
  double total = 0;
  for (std::size_t i = 0; i < steps.size();) {
    double longest = ExactMinutes(steps[i].budget, minutes_per_day);
    std::size_t j = i + 1;
    while (steps[i].parallel_group && j < steps.size() && steps[j].parallel_group == steps[i].parallel_group)
      longest = std::max(longest, ExactMinutes(steps[j++].budget, minutes_per_day));
    total += longest;
    i = j;
  }
  return total;
}

}  // namespace

std::int64_t WorkingMinutes(const Duration& d, int minutes_per_day) {
  return std::llround(ExactMinutes(d, minutes_per_day));
}

std::int64_t TotalMinutes(const std::vector<Step>& steps, int minutes_per_day) {
  return std::llround(ExactTotal(steps, minutes_per_day));
}

Service::Service(db::Database& db, const audit::Service& audit, const org::Service& org, documents::Service& documents,
                 const calendar::Service& calendar, const core::Clock& clock)
    : db_(db), audit_(audit), org_(org), documents_(documents), calendar_(calendar), clock_(clock) {
  documents_.AddTransitionCheck(documents::Kind::kProcess,
                                [this](db::Tx& tx, DocumentId id, int number, documents::Action) -> Status {
                                  auto row = store::ProcessByDocument(tx, id);
                                  if (!row) return Ok();   // a process document outside the catalog
                                  Status s = CheckSteps(tx, row->procedure_id, store::Steps(tx, id, number),
                                                        MinutesPerDay(row->agency_id));
                                  if (s.ok()) return s;
                                  Error e = s.take_error();
                                  e.code = ErrorCode::kFailedPrecondition;   // the version's state forbids it
                                  return e;
                                });
}

std::string Service::Today() const { return core::FormatIso8601(clock_.Now() + kVietnamOffset).substr(0, 10); }

int Service::MinutesPerDay(AgencyId agency) const {
  return calendar_.CalendarFor(agency)->settings().MinutesPerDay();
}

Status Service::MayWrite(db::Tx& tx, const Actor& actor, const std::vector<AgencyId>& agencies) const {
  if (!actor.IsAuthenticated()) return Error::Unauthenticated();
  if (Administers(actor)) return Ok();
  if (!actor.Has(Role::kAdministrator) && !actor.Has(Role::kIsoSecretary)) return Error::Forbidden();
  for (AgencyId a : agencies)
    if (a == actor.agency_id || (actor.Has(Role::kAdministrator) && org_.IsWithin(tx, actor.agency_id, a))) return Ok();
  return Error::Forbidden();
}

Status Service::Validate(db::Tx& tx, const VersionInput& in) const {
  if (in.agency_ids.empty()) return Error::Invalid("procedures.agencies_required", "agency_ids");
  for (AgencyId a : in.agency_ids)
    if (!org_.Find(tx, a)) return Error::Invalid("procedures.agency_not_found", "agency_ids");
  return Ok();
}

Status Service::CheckSteps(db::Tx& tx, ProcedureId procedure, const std::vector<Step>& steps, int minutes_per_day) const {
  if (steps.empty()) return Error::Invalid("procedures.steps_required", "steps");
  std::set<int> closed;   // parallel groups already left behind
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const std::string at = "steps[" + std::to_string(i) + "]";
    if (const auto g = steps[i].parallel_group) {
      if (closed.count(*g)) return Error::Invalid("procedures.parallel_not_adjacent", at + ".parallel_group");
      if (i + 1 == steps.size() || steps[i + 1].parallel_group != g) closed.insert(*g);
    }
    if (steps[i].agency_id && !org_.Find(tx, *steps[i].agency_id))
      return Error::Invalid("procedures.agency_not_found", at + ".agency_id");
  }
  const std::vector<ProcedureVersion> versions = store::Versions(tx, procedure);
  if (versions.empty()) return Error::NotFound("procedures.not_found");
  const double limit = ExactMinutes(CurrentOf(versions, Today()).statutory_time, minutes_per_day);
  double total = 0;
  for (std::size_t i = 0; i < steps.size();) {
    std::size_t longest = i, j = i + 1;
    while (steps[i].parallel_group && j < steps.size() && steps[j].parallel_group == steps[i].parallel_group) {
      if (ExactMinutes(steps[j].budget, minutes_per_day) > ExactMinutes(steps[longest].budget, minutes_per_day))
        longest = j;
      ++j;
    }
    total += ExactMinutes(steps[longest].budget, minutes_per_day);
    if (total > limit + 1e-6) {
      Error e = Error::Invalid("procedures.budget_exceeds_statutory", "steps[" + std::to_string(longest) + "].budget");
      e.detail = std::to_string(total) + " > " + std::to_string(limit) + " working minutes";
      return e;
    }
    i = j;
  }
  return Ok();
}

// ---- Catalog ------------------------------------------------------------------------------

namespace {

// Fills names and unit codes of the agencies, reading each agency once.
void NameAgencies(db::Tx& tx, const org::Service& org, std::vector<AgencyRef>& refs,
                  std::map<AgencyId, AgencyRef>& known) {
  for (AgencyRef& r : refs) {
    auto it = known.find(r.id);
    if (it == known.end()) {
      auto a = org.Find(tx, r.id);
      it = known.emplace(r.id, a ? AgencyRef{a->id, a->name, a->unit_code} : r).first;
    }
    r = it->second;
  }
}

}  // namespace

Result<std::vector<Procedure>> Service::List(const Actor& actor, const ListFilter& filter) const {
  if (!actor.IsAuthenticated()) return Error::Unauthenticated();
  if (!filter.date.empty() && !core::IsValidDate(filter.date)) return Error::Invalid("common.bad_date", "date");
  return db_.Read([&](db::Tx& tx) -> Result<std::vector<Procedure>> {
    std::map<AgencyId, AgencyRef> known;
    std::vector<Procedure> out;
    for (store::CatalogRow& row : store::Catalog(tx, filter.date.empty() ? Today() : filter.date, filter.sector,
                                                 filter.agency_id, documents::SearchTerms(filter.query), false)) {
      NameAgencies(tx, org_, row.version.agencies, known);
      out.push_back({row.id, row.code, std::move(row.version), {}, {}});
    }
    return out;
  });
}

Result<std::vector<Procedure>> Service::PublicList(const ListFilter& filter) const {
  return db_.Read([&](db::Tx& tx) -> Result<std::vector<Procedure>> {
    std::map<AgencyId, AgencyRef> known;
    std::vector<Procedure> out;
    for (store::CatalogRow& row :
         store::Catalog(tx, Today(), filter.sector, filter.agency_id, documents::SearchTerms(filter.query), true)) {
      NameAgencies(tx, org_, row.version.agencies, known);
      out.push_back({row.id, row.code, std::move(row.version), {}, {}});
    }
    return out;
  });
}

Result<Procedure> Service::Get(const Actor& actor, ProcedureId id) const {
  if (!actor.IsAuthenticated()) return Error::Unauthenticated();
  return db_.Read([&](db::Tx& tx) -> Result<Procedure> {
    auto code = store::CodeOf(tx, id);
    if (!code) return Error::NotFound("procedures.not_found");
    Procedure p{id, *code, {}, store::Versions(tx, id), {}};
    std::map<AgencyId, AgencyRef> known;
    for (ProcedureVersion& v : p.versions) NameAgencies(tx, org_, v.agencies, known);
    p.current = CurrentOf(p.versions, Today());
    for (const store::ProcessRow& row : store::ProcessesOf(tx, id)) {
      auto doc = documents_.GetIn(tx, actor, row.document_id);
      if (!doc.ok()) continue;   // only drafts, inside another QMS
      Process proc{row.document_id, id, *code, {row.agency_id, {}, {}}, doc->code, doc->title, {}, {}};
      if (doc->current_version) proc.current_version = static_cast<int>(*doc->current_version);
      std::vector<AgencyRef> one = {proc.agency};
      NameAgencies(tx, org_, one, known);
      proc.agency = one.front();
      p.processes.push_back(std::move(proc));
    }
    return p;
  });
}

Result<Procedure> Service::PublicGet(ProcedureId id) const {
  return db_.Read([&](db::Tx& tx) -> Result<Procedure> {
    auto code = store::CodeOf(tx, id);
    if (!code) return Error::NotFound("procedures.not_found");
    const std::string today = Today();
    Procedure p{id, *code, {}, store::Versions(tx, id), {}};
    std::erase_if(p.versions, [&](const ProcedureVersion& v) { return v.effective_from > today; });
    if (p.versions.empty()) return Error::NotFound("procedures.not_found");
    std::map<AgencyId, AgencyRef> known;
    for (ProcedureVersion& v : p.versions) NameAgencies(tx, org_, v.agencies, known);
    p.current = p.versions.front();
    p.current.effective_to.reset();
    for (const store::ProcessRow& row : store::ProcessesOf(tx, id)) {
      auto version = documents_.InForceOn(tx, row.document_id, today);
      if (!version) continue;
      Process proc{row.document_id, id, *code, {row.agency_id, {}, {}}, {}, version->title, version->number, {}};
      std::vector<AgencyRef> one = {proc.agency};
      NameAgencies(tx, org_, one, known);
      proc.agency = one.front();
      ProcessVersion pv{version->number, std::string(documents::ToString(version->state)), version->effective_date,
                        store::Steps(tx, row.document_id, version->number), 0};
      pv.total_minutes = TotalMinutes(pv.steps, MinutesPerDay(row.agency_id));
      proc.versions.push_back(std::move(pv));
      p.processes.push_back(std::move(proc));
    }
    return p;
  });
}

Result<ProcedureId> Service::Insert(db::Tx& tx, const Actor& actor, const std::string& code,
                                    const VersionInput& input) const {
  if (!IsCode(code)) return Error::Invalid("procedures.bad_code", "code");
  EISO_CHECK(Validate(tx, input));
  if (store::FindByCode(tx, code)) return Error::Conflict("procedures.code_taken", "code");
  const core::Millis now = clock_.Now();
  const ProcedureId id = store::InsertProcedure(tx, code, now);
  store::InsertVersion(tx, id, input, SearchText(code, input), actor.user_id, now);
  audit_.Record(tx, actor, {"procedures.created", "procedure", id, input.agency_ids.front(), nullptr,
                            {{"code", code}, {"effective_from", input.effective_from}, {"name", input.name}}});
  return id;
}

Result<Procedure> Service::Create(const Actor& actor, const std::string& code, const VersionInput& input) const {
  EISO_TRY(id, db_.Write([&](db::Tx& tx) -> Result<ProcedureId> {
    EISO_CHECK(MayWrite(tx, actor, input.agency_ids));
    return Insert(tx, actor, code, input);
  }));
  return Get(actor, id);
}

Result<Procedure> Service::AddVersion(const Actor& actor, ProcedureId id, const VersionInput& input) const {
  Status written = db_.Write([&](db::Tx& tx) -> Status {
    auto code = store::CodeOf(tx, id);
    if (!code) return Error::NotFound("procedures.not_found");
    const std::vector<ProcedureVersion> versions = store::Versions(tx, id);
    std::vector<AgencyId> now_competent;
    for (const AgencyRef& a : CurrentOf(versions, Today()).agencies) now_competent.push_back(a.id);
    EISO_CHECK(MayWrite(tx, actor, now_competent));
    EISO_CHECK(MayWrite(tx, actor, input.agency_ids));
    EISO_CHECK(Validate(tx, input));
    for (const ProcedureVersion& v : versions)
      if (v.effective_from == input.effective_from)
        return Error::Conflict("procedures.version_date_taken", "effective_from");
    store::InsertVersion(tx, id, input, SearchText(*code, input), actor.user_id, clock_.Now());
    audit_.Record(tx, actor, {"procedures.version_added", "procedure", id, input.agency_ids.front(), nullptr,
                              {{"code", *code}, {"effective_from", input.effective_from}, {"name", input.name}}});
    return Ok();
  });
  if (!written.ok()) return written.take_error();
  return Get(actor, id);
}

std::int64_t Service::Count() const {
  auto n = db_.Read([&](db::Tx& tx) -> Result<std::int64_t> { return store::Count(tx); });
  return n.ok() ? n.value() : 0;
}

// ---- Import and export --------------------------------------------------------------------

Result<ImportReport> Service::Import(const Actor& actor, Format format, std::string_view text, bool dry_run) const {
  if (!actor.IsAuthenticated()) return Error::Unauthenticated();
  if (!Administers(actor)) return Error::Forbidden();
  ImportReport report;
  std::vector<CatalogRecord> records = ReadCatalog(format, text, report.problems);
  report.records = static_cast<int>(records.size());
  return db_.Write([&](db::Tx& tx) -> Result<ImportReport> {
    std::map<std::string, std::optional<AgencyId>> units;
    std::map<std::string, std::vector<ProcedureVersion>> stored;   // by code, of existing procedures
    std::set<std::pair<std::string, std::string>> seen;
    std::vector<const CatalogRecord*> fresh;
    auto problem = [&](const CatalogRecord& r, const std::string& field, const std::string& key) {
      report.problems.push_back(Locate(format, r, field, key));
    };
    for (CatalogRecord& r : records) {
      if (!r.code.empty() && !IsCode(r.code)) problem(r, "code", "procedures.bad_code");
      for (std::size_t i = 0; i < r.agencies.size(); ++i) {
        if (!units.count(r.agencies[i])) {
          auto a = org_.FindByUnitCode(tx, r.agencies[i]);
          units[r.agencies[i]] = a ? std::optional<AgencyId>(a->id) : std::nullopt;
        }
        if (const auto id = units[r.agencies[i]]) r.version.agency_ids.push_back(*id);
        else problem(r, "agencies[" + std::to_string(i) + "]", "procedures.unknown_agency");
      }
      if (r.agencies.empty()) problem(r, "agencies", "procedures.agencies_required");
      if (r.code.empty() || r.version.effective_from.empty()) continue;
      if (!seen.insert({r.code, r.version.effective_from}).second) {
        problem(r, "effective_from", "procedures.duplicate_record");
        continue;
      }
      if (!stored.count(r.code)) {
        auto id = store::FindByCode(tx, r.code);
        stored[r.code] = id ? store::Versions(tx, *id) : std::vector<ProcedureVersion>{};
      }
      const auto& versions = stored[r.code];
      auto same_day = std::find_if(versions.begin(), versions.end(),
                                   [&](const ProcedureVersion& v) { return v.effective_from == r.version.effective_from; });
      if (same_day == versions.end()) fresh.push_back(&r);
      else if (SameVersion(r.version, *same_day)) ++report.unchanged;
      else problem(r, "effective_from", "procedures.version_date_taken");
    }
    std::stable_sort(report.problems.begin(), report.problems.end(),
                     [](const ImportProblem& a, const ImportProblem& b) { return a.line < b.line; });
    if (report.problems.size() > kMaxProblems) report.problems.resize(kMaxProblems);
    if (!report.problems.empty()) return report;
    report.imported = static_cast<int>(fresh.size());
    if (dry_run) return report;
    const core::Millis now = clock_.Now();
    nlohmann::json codes = nlohmann::json::array();
    for (const CatalogRecord* r : fresh) {
      auto id = store::FindByCode(tx, r->code);
      if (!id) id = store::InsertProcedure(tx, r->code, now);
      store::InsertVersion(tx, *id, r->version, SearchText(r->code, r->version), actor.user_id, now);
      codes.push_back(r->code + "@" + r->version.effective_from);
    }
    audit_.Record(tx, actor, {"procedures.imported", "catalog", std::nullopt, actor.agency_id, nullptr,
                              {{"records", report.records}, {"imported", report.imported},
                               {"unchanged", report.unchanged}, {"versions", std::move(codes)}}});
    return report;
  });
}

Result<std::string> Service::Export(const Actor& actor, Format format) const {
  if (!actor.IsAuthenticated()) return Error::Unauthenticated();
  return db_.Read([&](db::Tx& tx) -> Result<std::string> {
    std::map<AgencyId, AgencyRef> known;
    std::vector<ExportRecord> records;
    for (store::CatalogRow& row : store::AllVersions(tx)) {
      NameAgencies(tx, org_, row.version.agencies, known);
      records.push_back({row.code, std::move(row.version)});
    }
    return WriteCatalog(format, records);
  });
}

// ---- Processes ----------------------------------------------------------------------------

Result<Process> Service::LoadProcess(db::Tx& tx, const Actor& actor, DocumentId id) const {
  auto row = store::ProcessByDocument(tx, id);
  if (!row) return Error::NotFound("procedures.process_not_found");
  EISO_TRY(doc, documents_.GetIn(tx, actor, id));
  Process p{id, row->procedure_id, store::CodeOf(tx, row->procedure_id).value_or(""), {row->agency_id, {}, {}},
            doc.code, doc.title, {}, {}};
  if (doc.current_version) p.current_version = static_cast<int>(*doc.current_version);
  if (auto a = org_.Find(tx, row->agency_id)) p.agency = {a->id, a->name, a->unit_code};
  const int minutes_per_day = MinutesPerDay(row->agency_id);
  for (const documents::Version& v : doc.versions) {
    ProcessVersion pv{v.number, std::string(documents::ToString(v.state)), v.effective_date, store::Steps(tx, id, v.number), 0};
    pv.total_minutes = TotalMinutes(pv.steps, minutes_per_day);
    p.versions.push_back(std::move(pv));
  }
  return p;
}

Result<Process> Service::GetProcess(const Actor& actor, DocumentId id) const {
  if (!actor.IsAuthenticated()) return Error::Unauthenticated();
  return db_.Read([&](db::Tx& tx) -> Result<Process> { return LoadProcess(tx, actor, id); });
}

Result<Process> Service::CreateProcess(const Actor& actor, ProcedureId id, AgencyId agency_id) const {
  if (!actor.IsAuthenticated()) return Error::Unauthenticated();
  return db_.Write([&](db::Tx& tx) -> Result<Process> {
    auto code = store::CodeOf(tx, id);
    if (!code) return Error::NotFound("procedures.not_found");
    const std::vector<ProcedureVersion> versions = store::Versions(tx, id);
    const ProcedureVersion& current = CurrentOf(versions, Today());
    if (std::none_of(current.agencies.begin(), current.agencies.end(), [&](const AgencyRef& a) { return a.id == agency_id; }))
      return Error::Invalid("procedures.agency_not_competent", "agency_id");
    if (store::ProcessOf(tx, id, agency_id)) return Error::Conflict("procedures.process_exists", "agency_id");
    const auto qms = documents_.QmsOf(tx, agency_id);
    if (!qms) return Error::Precondition("procedures.no_qms", "agency_id");
    documents::NewDocumentInput in{*qms, "QT-" + *code, documents::Kind::kProcess,
                                   {"Quy trình giải quyết TTHC: " + current.name, RenderSteps({}), {}, {}, {}}};
    in.draft.amendments.push_back({"Ban hành lần đầu", "Toàn bộ quy trình", "Thủ tục " + *code});
    auto doc = documents_.CreateIn(tx, actor, in);
    if (!doc.ok() && doc.error().message_key == "documents.code_taken") {   // a QMS of several agencies
      auto agency = org_.Find(tx, agency_id);
      in.code += "-" + (agency ? agency->unit_code : std::to_string(agency_id));
      doc = documents_.CreateIn(tx, actor, in);
    }
    if (!doc.ok()) return doc.take_error();
    store::InsertProcess(tx, {id, agency_id, doc->id}, clock_.Now());
    audit_.Record(tx, actor, {"procedures.process_created", "process", doc->id, agency_id, nullptr,
                              {{"procedure", *code}, {"document_code", doc->code}}});
    return LoadProcess(tx, actor, doc->id);
  });
}

Result<Process> Service::SaveSteps(const Actor& actor, DocumentId id, int number, const std::vector<Step>& steps) const {
  if (!actor.IsAuthenticated()) return Error::Unauthenticated();
  EISO_TRY(row, db_.Read([&](db::Tx& tx) -> Result<store::ProcessRow> {
    auto r = store::ProcessByDocument(tx, id);
    if (!r) return Error::NotFound("procedures.process_not_found");
    return *r;
  }));
  const int minutes_per_day = MinutesPerDay(row.agency_id);
  return db_.Write([&](db::Tx& tx) -> Result<Process> {
    EISO_TRY(doc, documents_.GetIn(tx, actor, id));
    auto v = std::find_if(doc.versions.begin(), doc.versions.end(),
                          [&](const documents::Version& x) { return x.number == number; });
    if (v == doc.versions.end()) return Error::NotFound("documents.not_found");
    const std::vector<Step> before = store::Steps(tx, id, number);
    const documents::DraftInput draft{v->title, RenderSteps(steps), v->amendments, v->effective_date,
                                      v->review_due_date};
    if (auto updated = documents_.UpdateDraftIn(tx, actor, id, number, draft); !updated.ok())
      return updated.take_error();
    EISO_CHECK(CheckSteps(tx, row.procedure_id, steps, minutes_per_day));
    store::ReplaceSteps(tx, id, number, steps);
    nlohmann::json before_json = nlohmann::json::array(), after_json = nlohmann::json::array();
    for (const Step& s : before) before_json.push_back(ToJson(s));
    for (const Step& s : steps) after_json.push_back(ToJson(s));
    audit_.Record(tx, actor, {"procedures.steps_saved", "process", id, row.agency_id,
                              {{"number", number}, {"steps", std::move(before_json)}},
                              {{"number", number}, {"steps", std::move(after_json)},
                               {"total_minutes", TotalMinutes(steps, minutes_per_day)}}});
    return LoadProcess(tx, actor, id);
  });
}

Result<Process> Service::NewProcessVersion(const Actor& actor, DocumentId id) const {
  if (!actor.IsAuthenticated()) return Error::Unauthenticated();
  return db_.Write([&](db::Tx& tx) -> Result<Process> {
    auto row = store::ProcessByDocument(tx, id);
    if (!row) return Error::NotFound("procedures.process_not_found");
    EISO_TRY(doc, documents_.NewVersionIn(tx, actor, id));
    const int number = doc.versions.front().number;
    const std::vector<Step> steps = store::Steps(tx, id, number - 1);
    store::ReplaceSteps(tx, id, number, steps);
    audit_.Record(tx, actor, {"procedures.process_version_created", "process", id, row->agency_id, nullptr,
                              {{"number", number}, {"steps_copied", steps.size()}}});
    return LoadProcess(tx, actor, id);
  });
}

Result<ProcessInForce> Service::ProcessInForceOn(ProcedureId id, AgencyId agency_id, const std::string& date_in) const {
  const std::string date = date_in.empty() ? Today() : date_in;  // as the list filters: empty means today
  if (!core::IsValidDate(date)) return Error::Invalid("common.bad_date", "date");
  EISO_TRY(found, db_.Read([&](db::Tx& tx) -> Result<ProcessInForce> {
    auto row = store::ProcessOf(tx, id, agency_id);
    if (!row) return Error::Precondition("procedures.no_process_in_force");
    auto version = documents_.InForceOn(tx, row->document_id, date);
    if (!version) return Error::Precondition("procedures.no_process_in_force");
    return ProcessInForce{row->document_id, version->number, version->effective_date.value_or(""),
                          store::Steps(tx, row->document_id, version->number), 0};
  }));
  found.total_minutes = TotalMinutes(found.steps, MinutesPerDay(agency_id));
  return found;
}

Result<ProcessInForce> Service::PinnedProcess(DocumentId id, int number) const {
  EISO_TRY(found, db_.Read([&](db::Tx& tx) -> Result<std::pair<ProcessInForce, AgencyId>> {
    auto row = store::ProcessByDocument(tx, id);
    if (!row) return Error::NotFound("procedures.process_not_found");
    for (const documents::Version& v : documents_.PublishedVersions(tx, id))
      if (v.number == number)
        return std::pair{ProcessInForce{id, number, v.effective_date.value_or(""), store::Steps(tx, id, number), 0},
                         row->agency_id};
    return Error::NotFound("procedures.process_not_found");
  }));
  found.first.total_minutes = TotalMinutes(found.first.steps, MinutesPerDay(found.second));
  return found.first;
}

Result<DocumentId> Service::InsertIssuedProcess(db::Tx& tx, const Actor& actor, ProcedureId id, AgencyId agency_id,
                                                const std::vector<Step>& steps, const std::string& effective_date,
                                                int minutes_per_day) const {
  auto code = store::CodeOf(tx, id);
  if (!code) return Error::NotFound("procedures.not_found");
  const auto qms = documents_.QmsOf(tx, agency_id);
  if (!qms) return Error::Precondition("procedures.no_qms", "agency_id");
  EISO_CHECK(CheckSteps(tx, id, steps, minutes_per_day));
  const std::vector<ProcedureVersion> versions = store::Versions(tx, id);
  documents::NewDocumentInput in{*qms, "QT-" + *code, documents::Kind::kProcess,
                                 {"Quy trình giải quyết TTHC: " + CurrentOf(versions, effective_date).name,
                                  RenderSteps(steps), {}, effective_date, {}}};
  in.draft.amendments.push_back({"Ban hành lần đầu", "Toàn bộ quy trình", "Thủ tục " + *code});
  EISO_TRY(doc, documents_.InsertIssued(tx, actor, in));
  store::InsertProcess(tx, {id, agency_id, doc}, clock_.Now());
  store::ReplaceSteps(tx, doc, 1, steps);
  audit_.Record(tx, actor, {"procedures.process_created", "process", doc, agency_id, nullptr,
                            {{"procedure", *code}, {"document_code", in.code}, {"issued", true}}});
  return doc;
}

}  // namespace eiso::procedures
