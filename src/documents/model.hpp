// Controlled documents (tài liệu được kiểm soát, TCVN ISO 9001:2015 §7.5) and the QMS registry
// (hệ thống quản lý chất lượng, HTQLCL) they belong to.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/actor.hpp"
#include "core/clock.hpp"

namespace eiso::documents {

using QmsId = std::int64_t;
using DocumentId = std::int64_t;
using VersionId = std::int64_t;
using LegalTextId = std::int64_t;

// One procedure in the scope of a QMS (phạm vi áp dụng): the TTHC it covers.
struct ScopeItem {
  std::string code;   // national TTHC code, e.g. "2.000635", or an internal process code
  std::string name;
};

// Quyết định công bố / công bố lại HTQLCL phù hợp TCVN ISO 9001 (QĐ 19/2014 art. 4, Annex I).
struct Announcement {
  std::int64_t id = 0;
  bool re_announcement = false;            // công bố lại, when the scope changed
  std::string decision_number;             // e.g. "125/QĐ-SKHCN"
  std::string decision_date;               // YYYY-MM-DD
  std::string signer;                      // người ký
  std::optional<std::string> dost_notice_date;      // văn bản thông báo gửi Sở KH&CN
  std::optional<std::string> posted_office_date;    // niêm yết tại trụ sở
  std::optional<std::string> posted_website_date;   // đăng trên trang thông tin điện tử
  std::vector<ScopeItem> scope;            // the scope as announced
  core::Millis created_at = 0;
};

struct Qms {
  QmsId id = 0;
  AgencyId owner_agency_id = 0;
  std::vector<AgencyId> member_agency_ids;  // the owner included
  std::string name;
  std::string edition;                      // "2008" | "2015": TCVN ISO 9001:2008 / :2015
  std::vector<ScopeItem> scope;
  std::vector<Announcement> announcements;  // oldest first
};

struct QmsInput {
  AgencyId owner_agency_id = 0;
  std::vector<AgencyId> member_agency_ids;  // besides the owner
  std::string name;
  std::string edition = "2015";
  std::vector<ScopeItem> scope;
};

enum class Kind { kPolicy, kObjectives, kManual, kProcess, kForm, kGuidance, kExternal };
std::string_view ToString(Kind k);
std::optional<Kind> ParseKind(std::string_view s);

// Draft → in review → approved → issued → superseded (by a newer issue) or obsolete (withdrawn).
enum class State { kDraft, kInReview, kApproved, kIssued, kSuperseded, kObsolete };
std::string_view ToString(State s);
std::optional<State> ParseState(std::string_view s);
// Issued, superseded and obsolete versions are public to the province; the others stay inside
// the QMS that owns them.
inline bool IsPublished(State s) {
  return s == State::kIssued || s == State::kSuperseded || s == State::kObsolete;
}

// One line of the amendment log (bảng theo dõi sửa đổi): what changed, where, why.
struct Amendment {
  std::string what;
  std::string where;
  std::string why;
};

struct Attachment {
  std::string sha256;         // hex; the file's identity in the content-addressed store
  std::string filename;
  std::string content_type;
  std::int64_t size = 0;
  core::Millis uploaded_at = 0;
};

struct Signature {
  UserId signer_id = 0;
  std::string signer_name;
  std::string meaning;        // "approved"
  core::Millis signed_at = 0;
  std::string content_hash;   // hex SHA-256 of the canonical version
  std::string signature;      // hex Ed25519 signature
  std::string public_key;     // hex
};

struct Person {
  UserId id = 0;
  std::string name;
  core::Millis at = 0;
};

struct Version {
  VersionId id = 0;
  DocumentId document_id = 0;
  int number = 1;                          // lần ban hành
  State state = State::kDraft;
  std::string title;
  std::string content;                     // rich text (HTML from the editor) or plain text
  std::vector<Amendment> amendments;
  std::optional<std::string> effective_date;     // ngày hiệu lực
  std::optional<std::string> review_due_date;    // next periodic review
  std::optional<Person> drafted, reviewed, approved, issued;
  std::optional<core::Millis> superseded_at;
  std::optional<Signature> signature;
  std::vector<Attachment> attachments;
};

struct Document {
  DocumentId id = 0;
  QmsId qms_id = 0;
  AgencyId agency_id = 0;                  // the QMS owner
  std::string code;                        // e.g. "QT-02"
  std::string title;                       // of the newest version the caller may see
  Kind kind = Kind::kProcess;
  std::optional<std::string> legal_update_due;  // set when a legal basis changed: ≤ 3 months
  bool legal_update_overdue = false;            // that date has passed (Vietnam time)
  std::optional<std::int64_t> current_version;  // number of the issued version
  std::optional<State> latest_state;            // of the newest version the caller may see
  std::optional<std::string> review_due_date;   // of the issued version
  std::vector<Version> versions;                // newest first; only in Get
  std::vector<LegalTextId> legal_bases;
};

struct DraftInput {
  std::string title;
  std::string content;
  std::vector<Amendment> amendments;
  std::optional<std::string> effective_date;
  std::optional<std::string> review_due_date;
};

struct NewDocumentInput {
  QmsId qms_id = 0;
  std::string code;
  Kind kind = Kind::kProcess;
  DraftInput draft;
};

struct ListFilter {
  std::optional<QmsId> qms_id;
  std::optional<Kind> kind;
  std::optional<State> state;
  bool review_due = false;        // periodic review within 30 days, or a legal update due
  std::string query;              // full-text, diacritics optional
};

// Văn bản quy phạm pháp luật a document rests on (căn cứ pháp lý).
struct LegalText {
  LegalTextId id = 0;
  std::string number;             // e.g. "61/2018/NĐ-CP"
  std::string title;
  std::optional<std::string> changed_on;   // the last change that documents must follow
};

struct Receipt {                  // one recipient of a distributed version
  UserId user_id = 0;
  std::string user_name;
  AgencyId agency_id = 0;
  core::Millis sent_at = 0;
  std::optional<core::Millis> acknowledged_at;   // "đã đọc và hiểu"
};

struct InboxItem {
  DocumentId document_id = 0;
  std::string code;
  std::string title;
  int version = 0;
  core::Millis sent_at = 0;
  std::optional<core::Millis> acknowledged_at;
};

struct VerifyResult {
  bool ok = false;
  std::string reason;             // "" | "not_signed" | "content_changed" | "bad_signature" | "key_mismatch"
  std::optional<Signature> signature;
  std::string computed_hash;
};

struct FileData {
  std::string bytes;
  std::string filename;
  std::string content_type;
  std::string sha256;
};

}  // namespace eiso::documents
