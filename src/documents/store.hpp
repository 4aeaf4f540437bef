// SQL for the tables of the documents module (both dialects; search differs and lives here).
// Calls throw db errors like any Tx call; unique violations are avoided with ON CONFLICT or
// checked before inserting, since on PostgreSQL a failed statement aborts the transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "documents/model.hpp"
#include "documents/signing.hpp"

namespace eiso::documents::store {

// QMS registry.
QmsId InsertQms(db::Tx& tx, const QmsInput& in, core::Millis now);
void UpdateQms(db::Tx& tx, QmsId id, const QmsInput& in, core::Millis now);
void SetMembers(db::Tx& tx, QmsId id, const std::vector<AgencyId>& agencies);
std::optional<Qms> GetQms(db::Tx& tx, QmsId id);   // with members and announcements
std::vector<Qms> ListQms(db::Tx& tx);              // without announcements
std::optional<QmsId> QmsOfAgency(db::Tx& tx, AgencyId agency);
// The QMS (other than `except`) that already counts `agency` as a member or owner.
std::optional<QmsId> MembershipOf(db::Tx& tx, AgencyId agency, std::optional<QmsId> except);
std::int64_t InsertAnnouncement(db::Tx& tx, QmsId qms, const Announcement& a, core::Millis now);

// Documents and versions.
std::optional<DocumentId> FindDocumentByCode(db::Tx& tx, QmsId qms, const std::string& code);
DocumentId InsertDocument(db::Tx& tx, const NewDocumentInput& in, AgencyId agency, core::Millis now);
struct DocumentRow {
  DocumentId id = 0;
  QmsId qms_id = 0;
  AgencyId agency_id = 0;
  std::string code;
  Kind kind = Kind::kProcess;
  std::optional<std::string> legal_update_due;
};
std::optional<DocumentRow> GetDocument(db::Tx& tx, DocumentId id);
std::vector<DocumentRow> ListDocuments(db::Tx& tx, std::optional<QmsId> qms, std::optional<Kind> kind);
void SetLegalUpdateDue(db::Tx& tx, DocumentId id, const std::optional<std::string>& due, core::Millis now);

struct VersionRow {
  Version version;
  std::optional<UserId> drafted_by, reviewed_by, approved_by, issued_by;
  std::optional<core::Millis> drafted_at, reviewed_at, approved_at, issued_at;
};
VersionId InsertVersion(db::Tx& tx, DocumentId doc, int number, const DraftInput& in, UserId by, core::Millis now);
void UpdateDraft(db::Tx& tx, VersionId id, const DraftInput& in, core::Millis now);
// Newest first, without attachments.
std::vector<VersionRow> Versions(db::Tx& tx, DocumentId doc);
std::optional<VersionRow> GetVersion(db::Tx& tx, DocumentId doc, int number);
// Sets the state and stamps `stamp` ("reviewed", "approved", "issued" or "" for none) with user and time.
void SetState(db::Tx& tx, VersionId id, State state, const std::string& stamp, UserId by, core::Millis now);
void SetEffectiveDate(db::Tx& tx, VersionId id, const std::string& date, core::Millis now);
void Supersede(db::Tx& tx, VersionId id, core::Millis now);
void SetSignature(db::Tx& tx, VersionId id, const Signature& s);
std::vector<Attachment> Attachments(db::Tx& tx, VersionId id);
void InsertAttachment(db::Tx& tx, VersionId id, const Attachment& a, UserId by);
bool RemoveAttachment(db::Tx& tx, VersionId id, const std::string& sha256);
void InsertFile(db::Tx& tx, const Attachment& a, core::Millis now);

// Search: the ids of versions whose folded text holds every term (prefixes), best first.
std::vector<VersionId> Search(db::Tx& tx, const std::vector<std::string>& terms, int limit);
void Reindex(db::Tx& tx, VersionId id, const std::string& search_text);

// Signing keys.
std::optional<KeyPair> GetKey(db::Tx& tx, UserId user);
void InsertKey(db::Tx& tx, UserId user, const KeyPair& key, core::Millis now);

// Distribution.
void InsertReceipt(db::Tx& tx, VersionId id, UserId user, AgencyId agency, UserId by, core::Millis now);
std::vector<Receipt> Receipts(db::Tx& tx, VersionId id);
bool Acknowledge(db::Tx& tx, VersionId id, UserId user, core::Millis now);
std::vector<InboxItem> Inbox(db::Tx& tx, UserId user);

// Legal bases.
std::optional<LegalTextId> FindLegalText(db::Tx& tx, const std::string& number);
LegalTextId InsertLegalText(db::Tx& tx, const LegalText& t, core::Millis now);
std::optional<LegalText> GetLegalText(db::Tx& tx, LegalTextId id);
std::vector<LegalText> ListLegalTexts(db::Tx& tx);
void MarkChanged(db::Tx& tx, LegalTextId id, const std::string& changed_on);
void SetLegalBases(db::Tx& tx, DocumentId doc, const std::vector<LegalTextId>& ids);
std::vector<LegalTextId> LegalBases(db::Tx& tx, DocumentId doc);
std::vector<DocumentId> DocumentsResting(db::Tx& tx, LegalTextId id);

}  // namespace eiso::documents::store
