#include "documents/store.hpp"

#include <nlohmann/json.hpp>

namespace eiso::documents::store {
namespace {

using nlohmann::json;

std::string ScopeJson(const std::vector<ScopeItem>& scope) {
  json out = json::array();
  for (const ScopeItem& s : scope) out.push_back({{"code", s.code}, {"name", s.name}});
  return out.dump();
}

std::vector<ScopeItem> ParseScope(const std::string& text) {
  std::vector<ScopeItem> out;
  const json parsed = json::parse(text, nullptr, false);
  if (!parsed.is_array()) return out;
  for (const json& s : parsed) out.push_back({s.value("code", ""), s.value("name", "")});
  return out;
}

std::string AmendmentsJson(const std::vector<Amendment>& amendments) {
  json out = json::array();
  for (const Amendment& a : amendments) out.push_back({{"what", a.what}, {"where", a.where}, {"why", a.why}});
  return out.dump();
}

std::vector<Amendment> ParseAmendments(const std::string& text) {
  std::vector<Amendment> out;
  const json parsed = json::parse(text, nullptr, false);
  if (!parsed.is_array()) return out;
  for (const json& a : parsed) out.push_back({a.value("what", ""), a.value("where", ""), a.value("why", "")});
  return out;
}

constexpr const char* kVersionColumns =
    "id, document_id, number, state, title, content, amendments_json, effective_date, review_due_date, "
    "drafted_by, drafted_at, reviewed_by, reviewed_at, approved_by, approved_at, issued_by, issued_at, "
    "superseded_at, content_hash, signature, signer_public_key, sign_meaning, signed_at";

VersionRow VersionFromRow(const db::Row& r) {
  VersionRow row;
  Version& v = row.version;
  v.id = r.Int(0);
  v.document_id = r.Int(1);
  v.number = static_cast<int>(r.Int(2));
  v.state = ParseState(r.Text(3)).value_or(State::kDraft);
  v.title = r.Text(4);
  v.content = r.Text(5);
  v.amendments = ParseAmendments(r.Text(6));
  v.effective_date = r.OptText(7);
  v.review_due_date = r.OptText(8);
  row.drafted_by = r.OptInt(9);
  row.drafted_at = r.OptInt(10);
  row.reviewed_by = r.OptInt(11);
  row.reviewed_at = r.OptInt(12);
  row.approved_by = r.OptInt(13);
  row.approved_at = r.OptInt(14);
  row.issued_by = r.OptInt(15);
  row.issued_at = r.OptInt(16);
  v.superseded_at = r.OptInt(17);
  if (!r.IsNull(19) && !r.IsNull(13)) {
    Signature s;
    s.content_hash = r.Text(18);
    s.signature = r.Text(19);
    s.public_key = r.Text(20);
    s.meaning = r.Text(21);
    s.signed_at = r.Int(22);
    s.signer_id = r.Int(13);
    v.signature = s;
  }
  return row;
}

DocumentRow DocumentFromRow(const db::Row& r) {
  return {r.Int(0), r.Int(1), r.Int(2), r.Text(3), ParseKind(r.Text(4)).value_or(Kind::kProcess), r.OptText(5)};
}

constexpr const char* kDocumentColumns = "id, qms_id, agency_id, code, kind, legal_update_due";

}  // namespace

QmsId InsertQms(db::Tx& tx, const QmsInput& in, core::Millis now) {
  return tx.Insert(
      "INSERT INTO qms (owner_agency_id, name, edition, scope_json, created_at, updated_at) "
      "VALUES (?,?,?,?,?,?) RETURNING id",
      {in.owner_agency_id, in.name, in.edition, ScopeJson(in.scope), now, now});
}

void UpdateQms(db::Tx& tx, QmsId id, const QmsInput& in, core::Millis now) {
  tx.Exec("UPDATE qms SET name = ?, edition = ?, scope_json = ?, updated_at = ? WHERE id = ?",
          {in.name, in.edition, ScopeJson(in.scope), now, id});
}

void SetMembers(db::Tx& tx, QmsId id, const std::vector<AgencyId>& agencies) {
  tx.Exec("DELETE FROM qms_members WHERE qms_id = ?", {id});
  for (AgencyId a : agencies)
    tx.Exec("INSERT INTO qms_members (qms_id, agency_id) VALUES (?, ?) ON CONFLICT DO NOTHING", {id, a});
}

std::optional<Qms> GetQms(db::Tx& tx, QmsId id) {
  auto row = tx.QueryOne("SELECT id, owner_agency_id, name, edition, scope_json FROM qms WHERE id = ?", {id});
  if (!row) return std::nullopt;
  Qms q{row->Int(0), row->Int(1), {}, row->Text(2), row->Text(3), ParseScope(row->Text(4)), {}};
  for (const db::Row& m : tx.Query("SELECT agency_id FROM qms_members WHERE qms_id = ? ORDER BY agency_id", {id}))
    q.member_agency_ids.push_back(m.Int(0));
  for (const db::Row& a : tx.Query(
           "SELECT id, re_announcement, decision_number, decision_date, signer, dost_notice_date, "
           "posted_office_date, posted_website_date, scope_json, created_at FROM qms_announcements "
           "WHERE qms_id = ? ORDER BY id",
           {id}))
    q.announcements.push_back({a.Int(0), a.Bool(1), a.Text(2), a.Text(3), a.Text(4), a.OptText(5), a.OptText(6),
                               a.OptText(7), ParseScope(a.Text(8)), a.Int(9)});
  return q;
}

std::vector<Qms> ListQms(db::Tx& tx) {
  std::vector<Qms> out;
  for (const db::Row& r : tx.Query("SELECT id FROM qms ORDER BY id")) {
    auto q = GetQms(tx, r.Int(0));
    if (q) out.push_back(std::move(*q));
  }
  return out;
}

std::optional<QmsId> QmsOfAgency(db::Tx& tx, AgencyId agency) {
  auto row = tx.QueryOne("SELECT qms_id FROM qms_members WHERE agency_id = ?", {agency});
  if (!row) return std::nullopt;
  return row->Int(0);
}

std::optional<QmsId> MembershipOf(db::Tx& tx, AgencyId agency, std::optional<QmsId> except) {
  auto row = tx.QueryOne(
      "SELECT qms_id FROM qms_members WHERE agency_id = ? AND qms_id <> ? "
      "UNION SELECT id FROM qms WHERE owner_agency_id = ? AND id <> ?",
      {agency, except.value_or(0), agency, except.value_or(0)});
  if (!row) return std::nullopt;
  return row->Int(0);
}

std::int64_t InsertAnnouncement(db::Tx& tx, QmsId qms, const Announcement& a, core::Millis now) {
  return tx.Insert(
      "INSERT INTO qms_announcements (qms_id, re_announcement, decision_number, decision_date, signer, "
      "dost_notice_date, posted_office_date, posted_website_date, scope_json, created_at) "
      "VALUES (?,?,?,?,?,?,?,?,?,?) RETURNING id",
      {qms, a.re_announcement, a.decision_number, a.decision_date, a.signer, a.dost_notice_date,
       a.posted_office_date, a.posted_website_date, ScopeJson(a.scope), now});
}

std::optional<DocumentId> FindDocumentByCode(db::Tx& tx, QmsId qms, const std::string& code) {
  auto row = tx.QueryOne("SELECT id FROM documents WHERE qms_id = ? AND code = ?", {qms, code});
  if (!row) return std::nullopt;
  return row->Int(0);
}

DocumentId InsertDocument(db::Tx& tx, const NewDocumentInput& in, AgencyId agency, core::Millis now) {
  return tx.Insert(
      "INSERT INTO documents (qms_id, agency_id, code, kind, created_at, updated_at) VALUES (?,?,?,?,?,?) "
      "RETURNING id",
      {in.qms_id, agency, in.code, ToString(in.kind), now, now});
}

std::optional<DocumentRow> GetDocument(db::Tx& tx, DocumentId id) {
  auto row = tx.QueryOne(std::string("SELECT ") + kDocumentColumns + " FROM documents WHERE id = ?", {id});
  if (!row) return std::nullopt;
  return DocumentFromRow(*row);
}

std::vector<DocumentRow> ListDocuments(db::Tx& tx, std::optional<QmsId> qms, std::optional<Kind> kind) {
  std::string sql = std::string("SELECT ") + kDocumentColumns + " FROM documents WHERE 1 = 1";
  db::Params params;
  if (qms) {
    sql += " AND qms_id = ?";
    params.push_back(*qms);
  }
  if (kind) {
    sql += " AND kind = ?";
    params.push_back(ToString(*kind));
  }
  sql += " ORDER BY qms_id, code";
  std::vector<DocumentRow> out;
  for (const db::Row& r : tx.Query(sql, params)) out.push_back(DocumentFromRow(r));
  return out;
}

void SetLegalUpdateDue(db::Tx& tx, DocumentId id, const std::optional<std::string>& due, core::Millis now) {
  tx.Exec("UPDATE documents SET legal_update_due = ?, updated_at = ? WHERE id = ?", {due, now, id});
}

VersionId InsertVersion(db::Tx& tx, DocumentId doc, int number, const DraftInput& in, UserId by, core::Millis now) {
  return tx.Insert(
      "INSERT INTO document_versions (document_id, number, state, title, content, amendments_json, "
      "effective_date, review_due_date, search_text, drafted_by, drafted_at, updated_at) "
      "VALUES (?,?,'draft',?,?,?,?,?,'',?,?,?) RETURNING id",
      {doc, number, in.title, in.content, AmendmentsJson(in.amendments), in.effective_date, in.review_due_date,
       by, now, now});
}

void UpdateDraft(db::Tx& tx, VersionId id, const DraftInput& in, core::Millis now) {
  tx.Exec(
      "UPDATE document_versions SET title = ?, content = ?, amendments_json = ?, effective_date = ?, "
      "review_due_date = ?, updated_at = ? WHERE id = ?",
      {in.title, in.content, AmendmentsJson(in.amendments), in.effective_date, in.review_due_date, now, id});
}

std::vector<VersionRow> Versions(db::Tx& tx, DocumentId doc) {
  std::vector<VersionRow> out;
  for (const db::Row& r : tx.Query(std::string("SELECT ") + kVersionColumns +
                                       " FROM document_versions WHERE document_id = ? ORDER BY number DESC",
                                   {doc}))
    out.push_back(VersionFromRow(r));
  return out;
}

std::optional<VersionRow> GetVersion(db::Tx& tx, DocumentId doc, int number) {
  auto row = tx.QueryOne(std::string("SELECT ") + kVersionColumns +
                             " FROM document_versions WHERE document_id = ? AND number = ?",
                         {doc, number});
  if (!row) return std::nullopt;
  return VersionFromRow(*row);
}

void SetState(db::Tx& tx, VersionId id, State state, const std::string& stamp, UserId by, core::Millis now) {
  if (stamp.empty()) {
    tx.Exec("UPDATE document_versions SET state = ?, updated_at = ? WHERE id = ?", {ToString(state), now, id});
    return;
  }
  // `stamp` is one of three fixed column prefixes, never user input.
  tx.Exec("UPDATE document_versions SET state = ?, " + stamp + "_by = ?, " + stamp + "_at = ?, updated_at = ? WHERE id = ?",
          {ToString(state), by, now, now, id});
}

void SetEffectiveDate(db::Tx& tx, VersionId id, const std::string& date, core::Millis now) {
  tx.Exec("UPDATE document_versions SET effective_date = ?, updated_at = ? WHERE id = ?", {date, now, id});
}

void Supersede(db::Tx& tx, VersionId id, core::Millis now) {
  tx.Exec("UPDATE document_versions SET state = 'superseded', superseded_at = ?, updated_at = ? WHERE id = ?",
          {now, now, id});
}

void SetSignature(db::Tx& tx, VersionId id, const Signature& s) {
  tx.Exec(
      "UPDATE document_versions SET content_hash = ?, signature = ?, signer_public_key = ?, sign_meaning = ?, "
      "signed_at = ? WHERE id = ?",
      {s.content_hash, s.signature, s.public_key, s.meaning, s.signed_at, id});
}

std::vector<Attachment> Attachments(db::Tx& tx, VersionId id) {
  std::vector<Attachment> out;
  for (const db::Row& r : tx.Query(
           "SELECT sha256, filename, content_type, size, uploaded_at FROM version_attachments WHERE version_id = ? "
           "ORDER BY uploaded_at, filename",
           {id}))
    out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Int(3), r.Int(4)});
  return out;
}

void InsertAttachment(db::Tx& tx, VersionId id, const Attachment& a, UserId by) {
  tx.Exec(
      "INSERT INTO version_attachments (version_id, sha256, filename, content_type, size, uploaded_by, uploaded_at) "
      "VALUES (?,?,?,?,?,?,?) ON CONFLICT (version_id, sha256) DO UPDATE SET filename = excluded.filename",
      {id, a.sha256, a.filename, a.content_type, a.size, by, a.uploaded_at});
}

bool RemoveAttachment(db::Tx& tx, VersionId id, const std::string& sha256) {
  return tx.Exec("DELETE FROM version_attachments WHERE version_id = ? AND sha256 = ?", {id, sha256}) > 0;
}

void InsertFile(db::Tx& tx, const Attachment& a, core::Millis now) {
  tx.Exec("INSERT INTO files (sha256, size, content_type, created_at) VALUES (?,?,?,?) ON CONFLICT (sha256) DO NOTHING",
          {a.sha256, a.size, a.content_type, now});
}

std::vector<VersionId> Search(db::Tx& tx, const std::vector<std::string>& terms, int limit) {
  std::vector<VersionId> out;
  if (terms.empty()) return out;
  // Terms are [a-z0-9]+ (SearchTerms), so they are safe inside the match expression.
  std::string expr;
  if (tx.dialect() == db::Dialect::kSqlite) {
    for (const std::string& t : terms) expr += (expr.empty() ? "\"" : " \"") + t + "\"*";
    for (const db::Row& r :
         tx.Query("SELECT rowid FROM document_search WHERE document_search MATCH ? ORDER BY rank LIMIT ?", {expr, limit}))
      out.push_back(r.Int(0));
  } else {
    for (const std::string& t : terms) expr += (expr.empty() ? "" : " & ") + t + ":*";
    for (const db::Row& r : tx.Query(
             "SELECT id FROM document_versions WHERE to_tsvector('simple', search_text) @@ to_tsquery('simple', ?) "
             "ORDER BY ts_rank(to_tsvector('simple', search_text), to_tsquery('simple', ?)) DESC LIMIT ?",
             {expr, expr, limit}))
      out.push_back(r.Int(0));
  }
  return out;
}

void Reindex(db::Tx& tx, VersionId id, const std::string& search_text) {
  tx.Exec("UPDATE document_versions SET search_text = ? WHERE id = ?", {search_text, id});
  if (tx.dialect() == db::Dialect::kSqlite) {
    tx.Exec("DELETE FROM document_search WHERE rowid = ?", {id});
    tx.Exec("INSERT INTO document_search (rowid, search_text) VALUES (?, ?)", {id, search_text});
  }
}

std::optional<KeyPair> GetKey(db::Tx& tx, UserId user) {
  auto row = tx.QueryOne("SELECT public_key, sealed_private_key, nonce FROM signing_keys WHERE user_id = ?", {user});
  if (!row) return std::nullopt;
  return KeyPair{row->Text(0), row->Text(1), row->Text(2)};
}

void InsertKey(db::Tx& tx, UserId user, const KeyPair& key, core::Millis now) {
  tx.Exec("INSERT INTO signing_keys (user_id, public_key, sealed_private_key, nonce, created_at) VALUES (?,?,?,?,?)",
          {user, key.public_key, key.sealed_private_key, key.nonce, now});
}

void InsertReceipt(db::Tx& tx, VersionId id, UserId user, AgencyId agency, UserId by, core::Millis now) {
  tx.Exec(
      "INSERT INTO document_receipts (version_id, user_id, agency_id, sent_by, sent_at) VALUES (?,?,?,?,?) "
      "ON CONFLICT (version_id, user_id) DO NOTHING",
      {id, user, agency, by, now});
}

std::vector<Receipt> Receipts(db::Tx& tx, VersionId id) {
  std::vector<Receipt> out;
  for (const db::Row& r : tx.Query(
           "SELECT user_id, agency_id, sent_at, acknowledged_at FROM document_receipts WHERE version_id = ? "
           "ORDER BY agency_id, user_id",
           {id}))
    out.push_back({r.Int(0), {}, r.Int(1), r.Int(2), r.OptInt(3)});
  return out;
}

bool Acknowledge(db::Tx& tx, VersionId id, UserId user, core::Millis now) {
  return tx.Exec(
             "UPDATE document_receipts SET acknowledged_at = ? WHERE version_id = ? AND user_id = ? "
             "AND acknowledged_at IS NULL",
             {now, id, user}) > 0;
}

std::vector<InboxItem> Inbox(db::Tx& tx, UserId user) {
  std::vector<InboxItem> out;
  for (const db::Row& r : tx.Query(
           "SELECT d.id, d.code, v.title, v.number, r.sent_at, r.acknowledged_at FROM document_receipts r "
           "JOIN document_versions v ON v.id = r.version_id JOIN documents d ON d.id = v.document_id "
           "WHERE r.user_id = ? AND v.state = 'issued' ORDER BY r.sent_at DESC",
           {user}))
    out.push_back({r.Int(0), r.Text(1), r.Text(2), static_cast<int>(r.Int(3)), r.Int(4), r.OptInt(5)});
  return out;
}

std::optional<LegalTextId> FindLegalText(db::Tx& tx, const std::string& number) {
  auto row = tx.QueryOne("SELECT id FROM legal_texts WHERE number = ?", {number});
  if (!row) return std::nullopt;
  return row->Int(0);
}

LegalTextId InsertLegalText(db::Tx& tx, const LegalText& t, core::Millis now) {
  return tx.Insert("INSERT INTO legal_texts (number, title, created_at) VALUES (?,?,?) RETURNING id",
                   {t.number, t.title, now});
}

std::optional<LegalText> GetLegalText(db::Tx& tx, LegalTextId id) {
  auto row = tx.QueryOne("SELECT id, number, title, changed_on FROM legal_texts WHERE id = ?", {id});
  if (!row) return std::nullopt;
  return LegalText{row->Int(0), row->Text(1), row->Text(2), row->OptText(3)};
}

std::vector<LegalText> ListLegalTexts(db::Tx& tx) {
  std::vector<LegalText> out;
  for (const db::Row& r : tx.Query("SELECT id, number, title, changed_on FROM legal_texts ORDER BY number"))
    out.push_back({r.Int(0), r.Text(1), r.Text(2), r.OptText(3)});
  return out;
}

void MarkChanged(db::Tx& tx, LegalTextId id, const std::string& changed_on) {
  tx.Exec("UPDATE legal_texts SET changed_on = ? WHERE id = ?", {changed_on, id});
}

void SetLegalBases(db::Tx& tx, DocumentId doc, const std::vector<LegalTextId>& ids) {
  tx.Exec("DELETE FROM document_legal_bases WHERE document_id = ?", {doc});
  for (LegalTextId id : ids)
    tx.Exec("INSERT INTO document_legal_bases (document_id, legal_text_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
            {doc, id});
}

std::vector<LegalTextId> LegalBases(db::Tx& tx, DocumentId doc) {
  std::vector<LegalTextId> out;
  for (const db::Row& r :
       tx.Query("SELECT legal_text_id FROM document_legal_bases WHERE document_id = ? ORDER BY legal_text_id", {doc}))
    out.push_back(r.Int(0));
  return out;
}

std::vector<DocumentId> DocumentsResting(db::Tx& tx, LegalTextId id) {
  std::vector<DocumentId> out;
  for (const db::Row& r :
       tx.Query("SELECT document_id FROM document_legal_bases WHERE legal_text_id = ? ORDER BY document_id", {id}))
    out.push_back(r.Int(0));
  return out;
}

}  // namespace eiso::documents::store
