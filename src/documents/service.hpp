// Documents: the QMS registry (HTQLCL: owner, member agencies, edition, scope, announcements of
// conformity, QĐ 19/2014) and its controlled documents (TCVN ISO 9001:2015 §7.5): versions moving
// draft → in review → approved → issued → superseded / obsolete, Ed25519 signatures of approvals,
// content-addressed attachments, distribution with "read and understood" receipts, legal bases
// with the 3-month update clock (QĐ 19/2014 art. 4.4a), the framework model, full-text search.
// Owns tables qms*, documents, document_*, version_attachments, files, file_blobs, signing_keys,
// legal_texts; other modules use this header only. Each mutating call commits its change and its
// audit event in one transaction. No mutable state (transition checks are added once, while wiring).
//
// Who may do what: drafts and versions under review or approved are seen only inside the QMS
// (its owner and member agencies); issued, superseded and obsolete versions by every signed-in
// user of the province. Inside the QMS: an ISO secretary or officer drafts and submits; an ISO
// secretary or leader reviews and returns; only a leader approves (and signs); a leader or ISO
// secretary issues, distributes and withdraws. Hidden ids are kNotFound.
#pragma once

#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "audit/service.hpp"
#include "auth/service.hpp"
#include "core/clock.hpp"
#include "core/i18n.hpp"
#include "core/result.hpp"
#include "db/database.hpp"
#include "documents/files.hpp"
#include "documents/model.hpp"
#include "documents/signing.hpp"
#include "documents/store.hpp"
#include "org/service.hpp"

namespace eiso::documents {

struct Settings {   // [documents] in eiso.toml, or EISO_DOCUMENTS_<KEY>
  std::string signing_secret;                 // seals approvers' keys; see docs/operations.md
  std::string files_dir;                      // attachment bytes; empty: in the database
  std::size_t max_upload_bytes = 20u << 20;   // one attachment
};

enum class Action { kSubmit, kReview, kReturn, kApprove, kIssue, kObsolete };
std::optional<Action> ParseAction(std::string_view s);

// A framework-model template (mô hình khung): one document copied into a QMS as a draft.
struct Template {
  std::string_view code;
  Kind kind;
  std::string_view title;
  std::string_view content;
};
// The built-in set for an agency of this org kind ("department", "commune_pc", "vertical", …).
std::vector<Template> FrameworkModel(std::string_view agency_kind);

class Service {
 public:
  Service(db::Database& db, const audit::Service& audit, const org::Service& org, const auth::Service& auth,
          const core::Clock& clock, Settings settings);

  // QMS registry: public to every signed-in user; managed by the owner's leader or ISO secretary.
  Result<std::vector<Qms>> ListQms(const Actor& actor) const;
  Result<Qms> GetQms(const Actor& actor, QmsId id) const;
  // kConflict "documents.qms_member_taken" when an agency already belongs to another QMS.
  Result<Qms> CreateQms(const Actor& actor, const QmsInput& input) const;
  Result<Qms> UpdateQms(const Actor& actor, QmsId id, const QmsInput& input) const;
  // Records the (re-)announcement of conformity with the current scope; the first is the
  // announcement, every later one a re-announcement.
  Result<Qms> Announce(const Actor& actor, QmsId id, const Announcement& announcement) const;
  // Copies the framework model into the QMS as draft documents (codes already there are skipped);
  // returns the new documents' ids.
  Result<std::vector<DocumentId>> CreateFromFramework(const Actor& actor, QmsId id) const;

  Result<std::vector<Document>> List(const Actor& actor, const ListFilter& filter) const;
  // With every version the actor may see, newest first, attachments included.
  Result<Document> Get(const Actor& actor, DocumentId id) const;
  // kConflict "documents.code_taken".
  Result<Document> Create(const Actor& actor, const NewDocumentInput& input) const;
  // Only a draft changes; kFailedPrecondition "documents.not_draft" otherwise.
  Result<Document> UpdateDraft(const Actor& actor, DocumentId id, int number, const DraftInput& input) const;
  // A new draft from the newest version; kFailedPrecondition "documents.open_version_exists"
  // while a version is still on its way to issue.
  Result<Document> NewVersion(const Actor& actor, DocumentId id) const;
  // One step of the state machine. kFailedPrecondition "documents.bad_transition.<action>" names
  // the state the action needs; kForbidden for the wrong role. Approving signs the version
  // (`effective_date`, if given, is set first); issuing supersedes the issued version.
  Result<Document> Transition(const Actor& actor, DocumentId id, int number, Action action,
                              const std::optional<std::string>& effective_date) const;
  // Recomputes the content hash from the stored version and checks the signature: anyone who
  // may see the version may verify it.
  Result<VerifyResult> Verify(const Actor& actor, DocumentId id, int number) const;

  // Drafts only. kInvalidInput "documents.file_type" / "documents.file_empty";
  // kPayloadTooLarge "documents.file_too_large".
  Result<Attachment> AddAttachment(const Actor& actor, DocumentId id, int number, const std::string& filename,
                                   const std::string& bytes) const;
  Status RemoveAttachment(const Actor& actor, DocumentId id, int number, const std::string& sha256) const;
  Result<FileData> Download(const Actor& actor, DocumentId id, int number, const std::string& sha256) const;

  // Sends the issued version to every active user of the agencies and to the users named.
  Result<std::vector<Receipt>> Distribute(const Actor& actor, DocumentId id, const std::vector<AgencyId>& agencies,
                                          const std::vector<UserId>& users) const;
  // Recipients of the issued version and who has acknowledged; QMS leader or ISO secretary.
  Result<std::vector<Receipt>> Receipts(const Actor& actor, DocumentId id) const;
  // "Đã đọc và hiểu": kNotFound unless the issued version was sent to the actor.
  Status Acknowledge(const Actor& actor, DocumentId id) const;
  Result<std::vector<InboxItem>> Inbox(const Actor& actor) const;

  Result<std::vector<LegalText>> ListLegalTexts(const Actor& actor) const;
  // kConflict "documents.legal_number_taken".
  Result<LegalText> CreateLegalText(const Actor& actor, const LegalText& text) const;
  // Every document resting on it gets "update due" = changed_on + 3 months; returns their count.
  Result<std::int64_t> MarkLegalTextChanged(const Actor& actor, LegalTextId id, const std::string& changed_on) const;
  Result<Document> SetLegalBases(const Actor& actor, DocumentId id, const std::vector<LegalTextId>& ids) const;

  std::size_t max_upload_bytes() const { return settings_.max_upload_bytes; }

  // For modules built on controlled documents (procedures: a process is a document of kind
  // "process"), inside the caller's transaction, with the same checks and audit events as above.
  Result<Document> CreateIn(db::Tx& tx, const Actor& actor, const NewDocumentInput& input) const;
  Result<Document> UpdateDraftIn(db::Tx& tx, const Actor& actor, DocumentId id, int number,
                                 const DraftInput& input) const;
  Result<Document> NewVersionIn(db::Tx& tx, const Actor& actor, DocumentId id) const;
  Result<Document> TransitionIn(db::Tx& tx, const Actor& actor, DocumentId id, int number, Action action,
                                const std::optional<std::string>& effective_date) const;
  // The document as `actor` sees it; kNotFound when hidden.
  Result<Document> GetIn(db::Tx& tx, const Actor& actor, DocumentId id) const;
  // Issued, superseded and obsolete versions, newest first, for readers without a session.
  std::vector<Version> PublishedVersions(db::Tx& tx, DocumentId id) const;
  // The version in force on `date` (YYYY-MM-DD): of the issued and superseded versions, the one
  // with the latest effective date on or before it (the newer on a tie). A withdrawn (obsolete)
  // version is in force no more; none before the first effective date.
  std::optional<Version> InForceOn(db::Tx& tx, DocumentId id, const std::string& date) const;
  std::optional<QmsId> QmsOf(db::Tx& tx, AgencyId agency) const;
  // Without a permission check, audited as done by `actor` (the demo loader, `eiso` CLI): a QMS;
  // a document whose first version is issued at once, unsigned, from draft.effective_date.
  Result<QmsId> InsertQms(db::Tx& tx, const Actor& actor, const QmsInput& input) const;
  Result<DocumentId> InsertIssued(db::Tx& tx, const Actor& actor, const NewDocumentInput& input) const;

  // A rule another module adds for documents of one kind, run before a version of that kind is
  // submitted or issued (a process's steps must fit the statutory time); its error stops the
  // transition. Added once while wiring the app, before serving: not changed afterwards.
  using TransitionCheck = std::function<Status(db::Tx& tx, DocumentId id, int number, Action action)>;
  void AddTransitionCheck(Kind kind, TransitionCheck check);


 private:
  struct Access;
  Access AccessTo(db::Tx& tx, const Actor& actor, QmsId qms) const;
  Result<Document> Load(db::Tx& tx, const Actor& actor, DocumentId id, bool with_versions) const;
  Result<store::VersionRow> EditableDraft(db::Tx& tx, const Actor& actor, DocumentId id, int number) const;
  Result<Signature> SignVersion(db::Tx& tx, const Actor& actor, const store::DocumentRow& doc,
                                const store::VersionRow& row) const;
  std::string Today() const;

  db::Database& db_;
  const audit::Service& audit_;
  const org::Service& org_;
  const auth::Service& auth_;
  const core::Clock& clock_;
  Settings settings_;
  Signer signer_;
  std::unique_ptr<FileStore> files_;
  std::vector<std::pair<Kind, TransitionCheck>> transition_checks_;
};

std::span<const core::Message> Messages();
const std::vector<db::Migration>& Migrations();
// YYYY-MM-DD plus `months`, the day clamped to the month's end (31/1 + 1 month → 28 or 29/2).
std::string AddMonths(const std::string& date, int months);

}  // namespace eiso::documents
