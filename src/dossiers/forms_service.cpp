// Service methods that gather a printable form's data (forms.hpp renders it). They read the
// module's own tables directly (the step rows with who finished them, the events, the book's
// rows) and other modules through their services only.
#include <algorithm>
#include <map>
#include <set>

#include <nlohmann/json.hpp>
#include <sodium.h>

#include "calendar/date.hpp"
#include "dossiers/service.hpp"
#include "dossiers/store.hpp"

namespace eiso::dossiers {
namespace {

using forms::FormKind;

// The same generic hash service.cpp stores for the lookup code (BLAKE2b-256, hex).
// The locality of the date line (địa danh): the name after the last "tỉnh", "thành phố", "xã"…
// in the agency's name or, failing that, its parents' ("Sở Tư pháp tỉnh Bắc Ninh" → "Bắc Ninh").
// A heuristic until agencies carry their place name.
std::string PlaceIn(const std::string& name) {
  static const char* const kMarkers[] = {" tỉnh ", " thành phố ", " TP ", " thị xã ", " huyện ", " quận ",
                                         " thị trấn ", " phường ", " xã "};
  std::size_t best = std::string::npos;
  std::size_t len = 0;
  for (const char* m : kMarkers) {
    const std::size_t at = name.rfind(m);
    if (at != std::string::npos && (best == std::string::npos || at > best)) {
      best = at;
      len = std::char_traits<char>::length(m);
    }
  }
  return best == std::string::npos ? "" : name.substr(best + len);
}

struct AgencyNames {
  std::string name;
  std::string parent;
  std::string place;
  std::string unit_code;
};

AgencyNames NamesOf(db::Tx& tx, const org::Service& org, AgencyId id) {
  AgencyNames out;
  auto agency = org.Find(tx, id);
  if (!agency) return out;
  out.name = agency->name;
  out.unit_code = agency->unit_code;
  out.place = PlaceIn(agency->name);
  std::optional<AgencyId> up = agency->parent_id;
  for (int depth = 0; up && depth < 8; ++depth) {
    auto parent = org.Find(tx, *up);
    if (!parent) break;
    if (out.parent.empty()) out.parent = parent->name;
    if (out.place.empty()) out.place = PlaceIn(parent->name);
    up = parent->parent_id;
  }
  return out;
}

std::string Statutory(const Dossier& d) {
  const std::string n = std::to_string(d.allowance_amount);
  if (d.allowance_unit == "working_hours") return n + " giờ làm việc";
  if (d.allowance_unit == "days") return n + " ngày";
  return n + " ngày làm việc";
}

std::string PaperFormText(procedures::PaperForm f) {
  switch (f) {
    case procedures::PaperForm::kOriginal: return "bản chính";
    case procedures::PaperForm::kCopy: return "bản sao";
    case procedures::PaperForm::kOriginalOrCopy: return "bản chính hoặc bản sao";
  }
  return "";
}

// Step rows with who finished them (the model's Step does not carry it).
struct EventRow {
  core::Millis at = 0;
  std::optional<UserId> actor;
  nlohmann::json detail;
};

// The newest event of a kind.
std::optional<EventRow> LastEvent(db::Tx& tx, DossierId id, const std::string& kind) {
  const auto r = tx.QueryOne("SELECT at, actor_id, detail_json FROM dossier_events WHERE dossier_id = ? AND kind = ? "
                             "ORDER BY id DESC LIMIT 1",
                             {id, kind});
  if (!r) return std::nullopt;
  EventRow e;
  e.at = r->Int(0);
  e.actor = r->OptInt(1);
  e.detail = nlohmann::json::parse(r->Text(2), nullptr, false);
  return e;
}

// The entry number in the agency's book of the year (Số thứ tự).
std::int64_t BookEntry(db::Tx& tx, const Dossier& d) {
  const calendar::Date day = calendar::ToLocal(d.received_at).date;
  return store::BookEntry(tx, d.agency_id, calendar::FromLocal({day.year, 1, 1}, 0), d.received_at, d.id);
}

std::string Timeliness(const std::string& t) {
  if (t == "early") return "trước hạn";
  if (t == "on_time") return "đúng hạn";
  if (t == "late") return "quá hạn";
  if (t == "late_apology") return "quá hạn, đã xin lỗi";
  return "";
}

// "Late" beats "on time" beats "early": the worst of a parallel stage.
std::string Worst(const std::string& a, const std::string& b) {
  auto rank = [](const std::string& t) { return t == "late" ? 3 : t == "on_time" ? 2 : t == "early" ? 1 : 0; };
  return rank(a) >= rank(b) ? a : b;
}

std::string Join(const std::vector<std::string>& parts, const char* sep = "; ") {
  std::string out;
  for (const auto& p : parts)
    if (!p.empty() && out.find(p) == std::string::npos) out += (out.empty() ? "" : sep) + p;
  return out;
}

bool Applies(const Dossier& d, FormKind kind, bool has_apology) {
  switch (kind) {
    case FormKind::kReceipt:
    case FormKind::kControl: return d.number.has_value() && d.outcome == "received";
    case FormKind::kSupplement:
      return (d.status == static_cast<int>(DossierStatus::kNew) && d.outcome == "guided") ||
             d.status == static_cast<int>(DossierStatus::kSupplement);
    case FormKind::kRefusal:
      return d.status == static_cast<int>(DossierStatus::kRefused) ||
             (d.result_positive.has_value() && !*d.result_positive);
    case FormKind::kApology: return d.apologized && has_apology;
    case FormKind::kBook: return false;
  }
  return false;
}

}  // namespace

Status Service::VerifySecret(const Actor& actor, DossierId id, const std::string& secret) const {
  EISO_TRY(d, Get(actor, id));
  const std::string given = store::HashSecret(secret);
  return db_.Read([&](db::Tx& tx) -> Status {
    const auto row = tx.QueryOne("SELECT secret_hash FROM dossiers WHERE id = ?", {d.id});
    const std::string stored = row && !row->IsNull(0) ? row->Text(0) : std::string();
    if (secret.empty() || stored.size() != given.size() ||
        sodium_memcmp(stored.data(), given.data(), given.size()) != 0)
      return Error::Precondition("dossiers.bad_secret", "secret");
    return Ok();
  });
}

Result<Service::PrintedForm> Service::PrintForm(const Actor& actor, DossierId id, FormKind kind,
                                                const std::string& secret, const std::string& public_url) const {
  if (kind == FormKind::kBook) return Error::Invalid("dossiers.bad_form_kind", "kind");
  EISO_TRY(d, Get(actor, id));
  if (!secret.empty()) {
    if (kind != FormKind::kReceipt) return Error::Invalid("dossiers.bad_form_kind", "kind");
    EISO_CHECK(VerifySecret(actor, id, secret));
  }
  // The procedure's name and components as of the version the dossier was received under.
  std::string procedure_name;
  std::vector<procedures::Component> components;
  if (auto p = procedures_.Get(actor, d.procedure_id); p.ok()) {
    procedure_name = p->current.name;
    for (const auto& v : p->versions)
      if (v.id == d.procedure_version_id) {
        procedure_name = v.name;
        components = v.components;
      }
  }
  auto name_of = [&](db::Tx& tx, std::optional<UserId> user) -> std::string {
    if (!user) return "";
    const auto found = auth_.FindUser(tx, *user);
    return found ? found->full_name : std::string();
  };
  const forms::FormSet set = forms::SetFor(d.received_at);
  const std::string number = d.number.value_or("");
  const std::string lookup = number.empty() ? "" : forms::LookupUrl(public_url, number, "");
  const forms::Person applicant{d.applicant.name, d.applicant.id_number, d.applicant.address, d.applicant.phone,
                                d.applicant.email};
  const core::Millis now = clock_.Now();

  EISO_TRY(pdf, db_.Read([&](db::Tx& tx) -> Result<forms::Pdf> {
    const std::optional<EventRow> apology = kind == FormKind::kApology ? LastEvent(tx, d.id, "apology") : std::nullopt;
    if (!Applies(d, kind, apology.has_value())) return Error::Precondition("dossiers.form_not_applicable", "kind");
    const AgencyNames agency = NamesOf(tx, org_, d.agency_id);
    forms::Header header{agency.parent, agency.name, agency.place, d.received_at, set};
    const auto received_by = tx.QueryOne("SELECT received_by FROM dossiers WHERE id = ?", {d.id})->OptInt(0);
    switch (kind) {
      case FormKind::kReceipt: {
        forms::Receipt f;
        f.header = header;
        f.number = number;
        f.applicant = applicant;
        f.procedure = procedure_name;
        for (int i : d.components)
          if (i >= 0 && i < static_cast<int>(components.size())) {
            const procedures::Component& c = components[static_cast<std::size_t>(i)];
            f.components.push_back(c.name + " (" + PaperFormText(c.form) + ", số lượng: " +
                                   std::to_string(c.copies) + ")");
          }
        f.statutory_time = Statutory(d);
        f.received_at = d.received_at;
        f.due_at = d.base_due_at.value_or(d.due_at.value_or(0));
        f.delivery = d.channel == static_cast<int>(Channel::kPostal)
                         ? "Địa chỉ của tổ chức, cá nhân (qua dịch vụ bưu chính công ích)"
                         : "Bộ phận Tiếp nhận và Trả kết quả, " + agency.name;
        // The electronic book is one per unit and year (TT 01/2018 art. 10.2: opened per year).
        f.book_volume = std::to_string(calendar::ToLocal(d.received_at).date.year);
        f.book_entry = BookEntry(tx, d);
        f.receiver = name_of(tx, received_by);
        f.secret = secret;
        f.lookup_url = forms::LookupUrl(public_url, number, secret);
        return forms::RenderReceipt(f);
      }
      case FormKind::kSupplement: {
        forms::Supplement f;
        f.header = header;
        f.number = number;
        f.applicant = applicant;
        f.procedure = procedure_name;
        f.items = d.missing;
        f.lookup_url = lookup;
        if (d.status != static_cast<int>(DossierStatus::kSupplement)) {
          f.reason = "Hồ sơ chưa đầy đủ, chưa đúng theo quy định của thủ tục hành chính.";
          f.guide = name_of(tx, received_by);
        } else {
          f.reason = "Qua thẩm định, hồ sơ chưa đủ điều kiện giải quyết theo quy định.";
          if (const auto e = LastEvent(tx, d.id, "supplement_requested")) {   // the officer who asked
            f.header.issued_at = e->at;
            f.guide = name_of(tx, e->actor);
          }
        }
        f.contact = (f.guide.empty() ? std::string() : f.guide + ", ") + agency.name;
        return forms::RenderSupplement(f);
      }
      case FormKind::kRefusal: {
        forms::Refusal f;
        f.header = header;
        f.number = number;
        f.applicant = applicant;
        f.procedure = procedure_name;
        f.reasons = d.reasons;
        f.lookup_url = lookup;
        f.after_appraisal = d.status != static_cast<int>(DossierStatus::kRefused);
        if (!f.after_appraisal) {
          f.signer = name_of(tx, received_by);
        } else if (const auto e = LastEvent(tx, d.id, "resolved")) {   // the deciding leader
          f.signer = name_of(tx, e->actor);
          f.header.issued_at = e->at;
        } else if (d.resolved_at) {
          f.header.issued_at = *d.resolved_at;
        }
        return forms::RenderRefusal(f);
      }
      case FormKind::kApology: {
        forms::Apology f;
        f.header = header;
        f.header.issued_at = apology->at;
        f.number = number;
        f.applicant = applicant;
        f.procedure = procedure_name;
        f.received_at = d.received_at;
        f.reason = apology->detail.value("reason", std::string());
        f.old_due_at = apology->detail.value("old_due_at", core::Millis{0});
        f.new_due_at = apology->detail.value("due_at", d.due_at.value_or(0));
        f.lookup_url = lookup;
        return forms::RenderApology(f);
      }
      case FormKind::kControl: {
        forms::ControlSlip f;
        f.header = header;
        f.header.issued_at = now;
        f.number = number;
        f.applicant = d.applicant.name;
        f.received_at = d.received_at;
        f.due_at = d.due_at;
        f.handling_unit = agency.name;
        std::map<AgencyId, std::string> units;
        auto unit = [&](AgencyId a) -> const std::string& {
          auto it = units.find(a);
          if (it == units.end()) it = units.emplace(a, NamesOf(tx, org_, a).name).first;
          return it->second;
        };
        const std::vector<Step>& steps = d.steps;
        std::vector<std::string> others;
        for (const Step& s : steps)
          if (s.agency_id != d.agency_id) others.push_back(unit(s.agency_id));
        f.coordinating_units = others.empty() ? "Không" : Join(others);
        // One row per handover: the previous stage (at first the single window's receipt) gives,
        // each step of the next started stage receives; the giver's result and due time.
        const std::string one_stop = "Bộ phận TN&TKQ";
        std::vector<std::string> giver_units = {one_stop};
        std::vector<std::string> giver_people = {name_of(tx, received_by)};
        std::string giver_result = "on_time";
        std::optional<core::Millis> giver_due = d.received_at;
        int stage = -1;
        for (std::size_t i = 0; i < steps.size(); ++i) {
          if (steps[i].stage == stage) continue;
          stage = steps[i].stage;
          std::vector<const Step*> members;
          for (std::size_t k = i; k < steps.size() && steps[k].stage == stage; ++k) members.push_back(&steps[k]);
          if (members.front()->kind == "receive" && i == 0) {
            if (members.front()->finished_by) giver_people = {name_of(tx, members.front()->finished_by)};
            continue;
          }
          bool any_started = false;
          for (const Step* s : members) {
            if (!s->started_at) continue;   // handed over, even if cancelled since (withdrawn, stopped)
            any_started = true;
            forms::Handover h;
            h.giver_unit = Join(giver_units);
            h.giver = Join(giver_people, ", ");
            h.receiver_unit = s->agency_id == d.agency_id && s->kind == "return" ? one_stop : unit(s->agency_id);
            h.receiver = name_of(tx, s->finished_by ? s->finished_by : s->assignee_id);
            h.at = *s->started_at;
            h.due_at = giver_due;
            h.result = giver_result;
            h.note = s->name;
            f.handovers.push_back(std::move(h));
          }
          if (!any_started) break;
          giver_units.clear();
          giver_people.clear();
          giver_result.clear();
          giver_due.reset();
          bool all_done = true;
          for (const Step* s : members) {
            if (s->state != "done") all_done = false;
            giver_units.push_back(s->agency_id == d.agency_id && s->kind == "return" ? one_stop : unit(s->agency_id));
            giver_people.push_back(name_of(tx, s->finished_by));
            giver_result = Worst(giver_result, s->timeliness);
            if (s->due_at && (!giver_due || *s->due_at > *giver_due)) giver_due = s->due_at;
          }
          if (!all_done) {
            giver_units.clear();
            continue;
          }
          // The last stage done: the result goes back to the single window, or to the applicant.
          const bool last = i + members.size() >= steps.size();
          if (last) {
            const bool returned = d.returned_at.has_value();
            const bool is_return = members.front()->kind == "return";
            if (is_return && !returned) break;
            forms::Handover h;
            h.giver_unit = Join(giver_units);
            h.giver = Join(giver_people, ", ");
            h.receiver_unit = is_return ? "Tổ chức, cá nhân nộp hồ sơ" : one_stop;
            h.receiver = is_return ? d.applicant.name : "";
            h.at = is_return ? *d.returned_at : members.back()->finished_at.value_or(now);
            h.due_at = giver_due;
            h.result = giver_result;
            h.note = is_return ? "Trả kết quả" : "Chuyển kết quả về Bộ phận TN&TKQ";
            f.handovers.push_back(std::move(h));
          }
        }
        return forms::RenderControlSlip(f);
      }
      case FormKind::kBook: break;
    }
    return Error::Invalid("dossiers.bad_form_kind", "kind");
  }));
  const std::string printed = forms::PrintedNumber(kind, set);
  return PrintedForm{"Mau" + printed + "-" + (number.empty() ? "hoso" + std::to_string(d.id) : number) + ".pdf",
                     std::move(pdf.bytes)};
}

Result<Service::PrintedForm> Service::PrintBook(const Actor& actor, const BookQuery& q) const {
  if (!actor.IsAuthenticated()) return Error::Unauthenticated();
  if (q.year < 2000 || q.year > 2100) return Error::Invalid("dossiers.bad_period", "year");
  if (q.from_month < 1 || q.from_month > 12) return Error::Invalid("dossiers.bad_period", "from");
  if (q.to_month < q.from_month || q.to_month > 12) return Error::Invalid("dossiers.bad_period", "to");
  const bool province = actor.province_wide || actor.Has(Role::kDostEvaluator);
  if (!province && actor.agency_id != q.agency_id) return Error::Forbidden();
  const core::Millis from = calendar::FromLocal({q.year, q.from_month, 1}, 0);
  const core::Millis to = q.to_month == 12 ? calendar::FromLocal({q.year + 1, 1, 1}, 0)
                                           : calendar::FromLocal({q.year, q.to_month + 1, 1}, 0);
  const core::Millis year_start = calendar::FromLocal({q.year, 1, 1}, 0);
  const core::Millis now = clock_.Now();
  constexpr const char* kWhere =
      " FROM dossiers d WHERE d.agency_id = ? AND d.number IS NOT NULL AND d.received_at >= ? AND d.received_at < ?";

  struct Start {
    AgencyNames agency;
    std::int64_t rows = 0;
    std::int64_t before = 0;   // entries of the year before `from`
  };
  EISO_TRY(start, db_.Read([&](db::Tx& tx) -> Result<Start> {
    if (!org_.Find(tx, q.agency_id)) return Error::NotFound("org.not_found");
    Start s;
    s.agency = NamesOf(tx, org_, q.agency_id);
    s.rows = tx.QueryOne(std::string("SELECT COUNT(*)") + kWhere, {q.agency_id, from, to})->Int(0);
    if (s.rows <= kBookMaxRows && from > year_start)
      s.before = tx.QueryOne(std::string("SELECT COUNT(*)") + kWhere, {q.agency_id, year_start, from})->Int(0);
    return s;
  }));
  if (start.rows > kBookMaxRows) return Error::Precondition("dossiers.book_too_large", "from");

  forms::BookHeader header;
  header.header = {start.agency.parent, start.agency.name, start.agency.place, now, forms::SetFor(from)};
  header.year = q.year;
  header.from_month = q.from_month;
  header.to_month = q.to_month;
  forms::BookWriter book(header);

  // Rows page by page (keyset on received_at, id): memory holds one page and the PDF.
  constexpr int kPage = 500;
  struct Raw {
    forms::BookRow row;
    std::int64_t procedure_id = 0;
    std::int64_t version_id = 0;
    int status = 0;
    std::optional<bool> positive;
    std::string timeliness;
    bool apologized = false;
  };
  std::map<std::pair<std::int64_t, std::int64_t>, std::string> procedure_names;
  std::set<std::int64_t> procedures_read;
  std::map<AgencyId, std::string> units;
  std::int64_t entry = start.before;
  core::Millis after_at = from - 1;
  DossierId after_id = 0;
  for (;;) {
    EISO_TRY(page, db_.Read([&](db::Tx& tx) -> Result<std::vector<Raw>> {
      std::vector<Raw> out;
      const db::Rows rows = tx.Query(
          std::string("SELECT d.id, d.number, d.procedure_id, d.procedure_version_id, d.applicant_name, "
                      "d.applicant_address, d.applicant_phone, d.received_at, d.due_at, d.returned_at, d.status, "
                      "d.result_positive, d.timeliness, d.apologized, "
                      "(SELECT s.agency_id FROM dossier_steps s WHERE s.dossier_id = d.id AND s.kind <> 'receive' "
                      "ORDER BY s.position LIMIT 1)") +
              kWhere + " AND (d.received_at > ? OR (d.received_at = ? AND d.id > ?)) ORDER BY d.received_at, d.id " +
              "LIMIT " + std::to_string(kPage),
          {q.agency_id, from, to, after_at, after_at, after_id});
      for (const db::Row& r : rows) {
        Raw raw;
        after_id = r.Int(0);
        raw.row.number = r.Text(1);
        raw.procedure_id = r.Int(2);
        raw.version_id = r.Int(3);
        raw.row.applicant = r.Text(4);
        const std::string address = r.Text(5), phone = r.Text(6);
        raw.row.address_phone = address + (address.empty() || phone.empty() ? "" : " / ") + phone;
        raw.row.received_at = r.Int(7);
        after_at = raw.row.received_at;
        raw.row.due_at = r.OptInt(8);
        raw.row.returned_at = r.OptInt(9);
        raw.status = static_cast<int>(r.Int(10));
        if (!r.IsNull(11)) raw.positive = r.Bool(11);
        raw.timeliness = r.OptText(12).value_or("");
        raw.apologized = r.Bool(13);
        const AgencyId lead = r.OptInt(14).value_or(q.agency_id);
        auto it = units.find(lead);
        if (it == units.end()) it = units.emplace(lead, NamesOf(tx, org_, lead).name).first;
        raw.row.handling_unit = it->second;
        out.push_back(std::move(raw));
      }
      return out;
    }));
    for (Raw& raw : page) {
      if (procedures_read.insert(raw.procedure_id).second) {
        if (auto p = procedures_.Get(actor, raw.procedure_id); p.ok())
          for (const auto& v : p->versions) procedure_names[{raw.procedure_id, v.id}] = v.name;
      }
      raw.row.procedure = procedure_names[{raw.procedure_id, raw.version_id}];
      raw.row.entry = ++entry;
      std::string notes;
      switch (raw.status) {
        case 2:
        case 4:
          notes = raw.row.due_at && *raw.row.due_at < now ? "Đang giải quyết, quá hạn" : "Đang giải quyết";
          break;
        case 5: notes = "Chờ bổ sung hồ sơ"; break;
        case 6: notes = "Chờ thực hiện nghĩa vụ tài chính"; break;
        case 7: notes = "Công dân rút hồ sơ"; break;
        case 8: notes = "Dừng xử lý"; break;
        case 9:
        case 10:
          notes = std::string(raw.status == 10 ? "Đã trả kết quả" : "Đã có kết quả, chờ trả") +
                  (raw.positive && !*raw.positive ? " (từ chối giải quyết)" : "");
          if (const std::string t = Timeliness(raw.timeliness); !t.empty()) notes += ", " + t;
          break;
        default: break;
      }
      if (raw.apologized && raw.timeliness != "late_apology") notes += "; đã xin lỗi, hẹn lại";
      raw.row.notes = notes;
      book.Add(raw.row);
    }
    if (static_cast<int>(page.size()) < kPage) break;
  }
  EISO_TRY(pdf, book.Finish());
  const std::string printed = forms::PrintedNumber(FormKind::kBook, forms::SetFor(from));
  std::string name = "Mau" + printed + "-SoTheoDoi-" + start.agency.unit_code + "-" + std::to_string(q.year);
  if (q.from_month != 1 || q.to_month != 12)
    name += "-T" + std::to_string(q.from_month) + "-" + std::to_string(q.to_month);
  return PrintedForm{name + ".pdf", std::move(pdf.bytes)};
}

}  // namespace eiso::dossiers
