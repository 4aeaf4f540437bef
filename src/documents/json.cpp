#include "documents/json.hpp"

#include "core/json.hpp"

namespace eiso::documents {
namespace {

using nlohmann::json;

template <class T>
json Opt(const std::optional<T>& v) {
  return v ? json(*v) : json();
}

json Instant(core::Millis ms) { return core::FormatIso8601(ms); }

json OptInstant(const std::optional<core::Millis>& ms) { return ms ? Instant(*ms) : json(); }

json ToJson(const std::optional<Person>& p) {
  if (!p) return nullptr;
  return {{"user_id", p->id}, {"name", p->name}, {"at", Instant(p->at)}};
}

json Scope(const std::vector<ScopeItem>& scope) {
  json out = json::array();
  for (const ScopeItem& s : scope) out.push_back({{"code", s.code}, {"name", s.name}});
  return out;
}

}  // namespace

json ToJson(const Announcement& a) {
  return {{"id", a.id},
          {"re_announcement", a.re_announcement},
          {"decision_number", a.decision_number},
          {"decision_date", a.decision_date},
          {"signer", a.signer},
          {"dost_notice_date", Opt(a.dost_notice_date)},
          {"posted_office_date", Opt(a.posted_office_date)},
          {"posted_website_date", Opt(a.posted_website_date)},
          {"scope", Scope(a.scope)},
          {"created_at", Instant(a.created_at)}};
}

json ToJson(const Qms& q) {
  json announcements = json::array();
  for (const Announcement& a : q.announcements) announcements.push_back(ToJson(a));
  return {{"id", q.id},
          {"owner_agency_id", q.owner_agency_id},
          {"member_agency_ids", q.member_agency_ids},
          {"name", q.name},
          {"edition", q.edition},
          {"scope", Scope(q.scope)},
          {"announcements", std::move(announcements)}};
}

json ToJson(const Attachment& a) {
  return {{"sha256", a.sha256}, {"filename", a.filename}, {"content_type", a.content_type}, {"size", a.size},
          {"uploaded_at", Instant(a.uploaded_at)}};
}

json ToJson(const Signature& s) {
  return {{"signer_id", s.signer_id}, {"signer_name", s.signer_name}, {"meaning", s.meaning},
          {"signed_at", Instant(s.signed_at)}, {"content_hash", s.content_hash}, {"signature", s.signature},
          {"public_key", s.public_key}};
}

json ToJson(const Version& v) {
  json amendments = json::array();
  for (const Amendment& a : v.amendments) amendments.push_back({{"what", a.what}, {"where", a.where}, {"why", a.why}});
  json attachments = json::array();
  for (const Attachment& a : v.attachments) attachments.push_back(ToJson(a));
  return {{"number", v.number},
          {"state", ToString(v.state)},
          {"title", v.title},
          {"content", v.content},
          {"amendments", std::move(amendments)},
          {"effective_date", Opt(v.effective_date)},
          {"review_due_date", Opt(v.review_due_date)},
          {"drafted", ToJson(v.drafted)},
          {"reviewed", ToJson(v.reviewed)},
          {"approved", ToJson(v.approved)},
          {"issued", ToJson(v.issued)},
          {"superseded_at", OptInstant(v.superseded_at)},
          {"signature", v.signature ? ToJson(*v.signature) : json()},
          {"attachments", std::move(attachments)}};
}

json ToJson(const Document& d) {
  json out = {{"id", d.id},
              {"qms_id", d.qms_id},
              {"agency_id", d.agency_id},
              {"code", d.code},
              {"title", d.title},
              {"kind", ToString(d.kind)},
              {"state", d.latest_state ? json(ToString(*d.latest_state)) : json()},
              {"current_version", Opt(d.current_version)},
              {"review_due_date", Opt(d.review_due_date)},
              {"legal_update_due", Opt(d.legal_update_due)},
              {"legal_update_overdue", d.legal_update_overdue},
              {"legal_text_ids", d.legal_bases}};
  if (!d.versions.empty()) {
    json versions = json::array();
    for (const Version& v : d.versions) versions.push_back(ToJson(v));
    out["versions"] = std::move(versions);
  }
  return out;
}

json ToJson(const Receipt& r) {
  return {{"user_id", r.user_id}, {"user_name", r.user_name}, {"agency_id", r.agency_id},
          {"sent_at", Instant(r.sent_at)}, {"acknowledged_at", OptInstant(r.acknowledged_at)}};
}

json ToJson(const InboxItem& i) {
  return {{"document_id", i.document_id}, {"code", i.code}, {"title", i.title}, {"version", i.version},
          {"sent_at", Instant(i.sent_at)}, {"acknowledged_at", OptInstant(i.acknowledged_at)}};
}

json ToJson(const LegalText& t) {
  return {{"id", t.id}, {"number", t.number}, {"title", t.title}, {"changed_on", Opt(t.changed_on)}};
}

json ToJson(const VerifyResult& r) {
  return {{"ok", r.ok},
          {"reason", r.reason.empty() ? json() : json(r.reason)},
          {"computed_hash", r.computed_hash},
          {"signature", r.signature ? ToJson(*r.signature) : json()}};
}

Result<std::vector<std::int64_t>> ParseIdArray(const json& body, const char* field) {
  std::vector<std::int64_t> out;
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return out;
  if (!it->is_array()) return Error::Invalid("common.bad_type", field);
  for (const json& v : *it) {
    if (!v.is_number_integer()) return Error::Invalid("common.bad_type", field);
    out.push_back(v.get<std::int64_t>());
  }
  return out;
}

Result<QmsInput> ParseQmsInput(const json& body) {
  QmsInput in;
  EISO_TRY(owner, core::RequireInt(body, "owner_agency_id"));
  in.owner_agency_id = owner;
  EISO_TRY(members, ParseIdArray(body, "member_agency_ids"));
  in.member_agency_ids = members;
  EISO_TRY(name, core::RequireString(body, "name", 300));
  in.name = name;
  EISO_TRY(edition, core::OptionalString(body, "edition", 10));
  in.edition = edition.value_or("2015");
  auto it = body.find("scope");
  if (it != body.end() && !it->is_null()) {
    if (!it->is_array()) return Error::Invalid("common.bad_type", "scope");
    for (const json& s : *it) {
      if (!s.is_object()) return Error::Invalid("common.bad_type", "scope");
      EISO_TRY(code, core::RequireString(s, "code", 40));
      EISO_TRY(sname, core::RequireString(s, "name", 500));
      in.scope.push_back({code, sname});
    }
  }
  return in;
}

Result<Announcement> ParseAnnouncement(const json& body) {
  Announcement a;
  EISO_TRY(number, core::RequireString(body, "decision_number", 60));
  a.decision_number = number;
  EISO_TRY(date, core::RequireDate(body, "decision_date"));
  a.decision_date = date;
  EISO_TRY(signer, core::RequireString(body, "signer", 200));
  a.signer = signer;
  EISO_TRY(notice, core::OptionalDate(body, "dost_notice_date"));
  a.dost_notice_date = notice;
  EISO_TRY(office, core::OptionalDate(body, "posted_office_date"));
  a.posted_office_date = office;
  EISO_TRY(website, core::OptionalDate(body, "posted_website_date"));
  a.posted_website_date = website;
  return a;
}

Result<DraftInput> ParseDraftInput(const json& body) {
  DraftInput in;
  EISO_TRY(title, core::RequireString(body, "title", 500));
  in.title = title;
  EISO_TRY(content, core::OptionalString(body, "content", 512 * 1024));
  in.content = content.value_or("");
  auto it = body.find("amendments");
  if (it != body.end() && !it->is_null()) {
    if (!it->is_array()) return Error::Invalid("common.bad_type", "amendments");
    for (const json& a : *it) {
      if (!a.is_object()) return Error::Invalid("common.bad_type", "amendments");
      EISO_TRY(what, core::RequireString(a, "what", 1000));
      EISO_TRY(where, core::OptionalString(a, "where", 300));
      EISO_TRY(why, core::OptionalString(a, "why", 1000));
      in.amendments.push_back({what, where.value_or(""), why.value_or("")});
    }
  }
  EISO_TRY(effective, core::OptionalDate(body, "effective_date"));
  in.effective_date = effective;
  EISO_TRY(review, core::OptionalDate(body, "review_due_date"));
  in.review_due_date = review;
  return in;
}

Result<NewDocumentInput> ParseNewDocumentInput(const json& body) {
  NewDocumentInput in;
  EISO_TRY(qms, core::RequireInt(body, "qms_id"));
  in.qms_id = qms;
  EISO_TRY(code, core::RequireString(body, "code", 40));
  in.code = code;
  EISO_TRY(kind, core::RequireString(body, "kind", 20));
  auto parsed = ParseKind(kind);
  if (!parsed) return Error::Invalid("documents.bad_kind", "kind");
  in.kind = *parsed;
  EISO_TRY(draft, ParseDraftInput(body));
  in.draft = std::move(draft);
  return in;
}

}  // namespace eiso::documents
