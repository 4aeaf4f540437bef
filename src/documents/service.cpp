#include "documents/service.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "documents/fold.hpp"
#include "documents/json.hpp"

namespace eiso::documents {
namespace {

constexpr core::Millis kVietnamOffset = 7LL * 3600 * 1000;   // UTC+7, no DST
constexpr int kSearchLimit = 200;

bool HasAny(const Actor& a, std::initializer_list<Role> roles) {
  for (Role r : roles)
    if (a.Has(r)) return true;
  return false;
}

std::string SearchText(const std::string& code, const std::string& title, const std::string& content) {
  return Fold(code + " " + title + " " + PlainText(content));
}

nlohmann::json Brief(const Version& v) {
  return {{"number", v.number}, {"state", ToString(v.state)}, {"title", v.title}};
}

std::string SafeFilename(const std::string& name) {
  std::string out;
  const std::size_t slash = name.find_last_of("/\\");
  for (char c : slash == std::string::npos ? name : name.substr(slash + 1))
    if (static_cast<unsigned char>(c) >= 0x20 && c != '"' && c != 0x7F) out.push_back(c);
  if (out.size() > 200) out.resize(200);
  return out;
}

}  // namespace

struct Service::Access {
  bool member = false;    // the actor works in an agency of the QMS
  bool drafter = false;   // … as ISO secretary or officer
  bool manager = false;   // … as leader or ISO secretary
  bool leader = false;
};

std::optional<Action> ParseAction(std::string_view s) {
  static const std::pair<std::string_view, Action> kActions[] = {
      {"submit", Action::kSubmit}, {"review", Action::kReview}, {"return", Action::kReturn},
      {"approve", Action::kApprove}, {"issue", Action::kIssue}, {"obsolete", Action::kObsolete}};
  for (const auto& [name, action] : kActions)
    if (name == s) return action;
  return std::nullopt;
}

std::string AddMonths(const std::string& date, int months) {
  int y = 0, m = 0, d = 0;
  if (std::sscanf(date.c_str(), "%d-%d-%d", &y, &m, &d) != 3) return date;
  int total = y * 12 + (m - 1) + months;
  y = total / 12;
  m = total % 12 + 1;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int last = kDays[m - 1];
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) last = 29;
  char out[40];
  std::snprintf(out, sizeof out, "%04d-%02d-%02d", y, m, std::min(d, last));
  return out;
}

Service::Service(db::Database& db, const audit::Service& audit, const org::Service& org, const auth::Service& auth,
                 const core::Clock& clock, Settings settings)
    : db_(db), audit_(audit), org_(org), auth_(auth), clock_(clock), settings_(std::move(settings)),
      signer_(settings_.signing_secret), files_(MakeFileStore(settings_.files_dir)) {}

std::string Service::Today() const { return core::FormatIso8601(clock_.Now() + kVietnamOffset).substr(0, 10); }

Service::Access Service::AccessTo(db::Tx& tx, const Actor& actor, QmsId qms) const {
  Access a;
  if (!actor.IsAuthenticated()) return a;
  a.member = store::QmsOfAgency(tx, actor.agency_id) == qms;
  a.drafter = a.member && HasAny(actor, {Role::kIsoSecretary, Role::kOfficer});
  a.manager = a.member && HasAny(actor, {Role::kIsoSecretary, Role::kLeader});
  a.leader = a.member && actor.Has(Role::kLeader);
  return a;
}

// ---- QMS registry -------------------------------------------------------------------------

Result<std::vector<Qms>> Service::ListQms(const Actor& actor) const {
  if (!actor.IsAuthenticated()) return Error::Unauthenticated();
  return db_.Read([&](db::Tx& tx) -> Result<std::vector<Qms>> { return store::ListQms(tx); });
}

Result<Qms> Service::GetQms(const Actor& actor, QmsId id) const {
  if (!actor.IsAuthenticated()) return Error::Unauthenticated();
  return db_.Read([&](db::Tx& tx) -> Result<Qms> {
    auto q = store::GetQms(tx, id);
    if (!q) return Error::NotFound("documents.qms_not_found");
    return *q;
  });
}

namespace {

Status ValidateQms(db::Tx& tx, const org::Service& org, const QmsInput& in, std::optional<QmsId> self) {
  if (in.name.empty()) return Error::Invalid("common.required", "name");
  if (in.edition != "2008" && in.edition != "2015") return Error::Invalid("documents.bad_edition", "edition");
  if (!org.Find(tx, in.owner_agency_id)) return Error::Invalid("org.not_found", "owner_agency_id");
  for (AgencyId a : in.member_agency_ids)
    if (!org.Find(tx, a)) return Error::Invalid("org.not_found", "member_agency_ids");
  std::vector<AgencyId> all = in.member_agency_ids;
  all.push_back(in.owner_agency_id);
  for (AgencyId a : all)
    if (store::MembershipOf(tx, a, self))
      return Error::Conflict("documents.qms_member_taken",
                             a == in.owner_agency_id ? "owner_agency_id" : "member_agency_ids");
  for (const ScopeItem& s : in.scope)
    if (s.code.empty() || s.name.empty()) return Error::Invalid("common.required", "scope");
  return Ok();
}

std::vector<AgencyId> MembersOf(const QmsInput& in) {
  std::set<AgencyId> all(in.member_agency_ids.begin(), in.member_agency_ids.end());
  all.insert(in.owner_agency_id);
  return {all.begin(), all.end()};
}

}  // namespace

Result<Qms> Service::CreateQms(const Actor& actor, const QmsInput& input) const {
  return db_.Write([&](db::Tx& tx) -> Result<Qms> {
    const bool allowed = (actor.agency_id == input.owner_agency_id &&
                          HasAny(actor, {Role::kLeader, Role::kIsoSecretary})) ||
                         (actor.Has(Role::kAdministrator) && actor.province_wide);
    if (!allowed) return Error::Forbidden();
    EISO_CHECK(ValidateQms(tx, org_, input, std::nullopt));
    const QmsId id = store::InsertQms(tx, input, clock_.Now());
    store::SetMembers(tx, id, MembersOf(input));
    Qms created = *store::GetQms(tx, id);
    audit_.Record(tx, actor, {"documents.qms_created", "qms", id, input.owner_agency_id, nullptr, ToJson(created)});
    return created;
  });
}

Result<Qms> Service::UpdateQms(const Actor& actor, QmsId id, const QmsInput& input) const {
  return db_.Write([&](db::Tx& tx) -> Result<Qms> {
    auto before = store::GetQms(tx, id);
    if (!before) return Error::NotFound("documents.qms_not_found");
    if (!AccessTo(tx, actor, id).manager && !(actor.Has(Role::kAdministrator) && actor.province_wide))
      return Error::Forbidden();
    QmsInput in = input;
    in.owner_agency_id = before->owner_agency_id;   // the owner does not move
    EISO_CHECK(ValidateQms(tx, org_, in, id));
    store::UpdateQms(tx, id, in, clock_.Now());
    store::SetMembers(tx, id, MembersOf(in));
    Qms after = *store::GetQms(tx, id);
    audit_.Record(tx, actor, {"documents.qms_updated", "qms", id, after.owner_agency_id, ToJson(*before), ToJson(after)});
    return after;
  });
}

Result<Qms> Service::Announce(const Actor& actor, QmsId id, const Announcement& announcement) const {
  return db_.Write([&](db::Tx& tx) -> Result<Qms> {
    auto qms = store::GetQms(tx, id);
    if (!qms) return Error::NotFound("documents.qms_not_found");
    if (!AccessTo(tx, actor, id).manager) return Error::Forbidden();
    if (qms->scope.empty()) return Error::Precondition("documents.scope_empty", "scope");
    Announcement a = announcement;
    a.re_announcement = !qms->announcements.empty();
    a.scope = qms->scope;
    const std::int64_t aid = store::InsertAnnouncement(tx, id, a, clock_.Now());
    Qms after = *store::GetQms(tx, id);
    audit_.Record(tx, actor, {a.re_announcement ? "documents.qms_reannounced" : "documents.qms_announced",
                              "qms_announcement", aid, after.owner_agency_id, nullptr, ToJson(after.announcements.back())});
    return after;
  });
}

Result<std::vector<DocumentId>> Service::CreateFromFramework(const Actor& actor, QmsId id) const {
  return db_.Write([&](db::Tx& tx) -> Result<std::vector<DocumentId>> {
    auto qms = store::GetQms(tx, id);
    if (!qms) return Error::NotFound("documents.qms_not_found");
    if (!AccessTo(tx, actor, id).manager) return Error::Forbidden();
    auto owner = org_.Find(tx, qms->owner_agency_id);
    const std::string kind = owner ? std::string(org::ToString(owner->kind)) : "department";
    std::vector<DocumentId> created;
    const core::Millis now = clock_.Now();
    for (const Template& t : FrameworkModel(kind)) {
      if (store::FindDocumentByCode(tx, id, std::string(t.code))) continue;
      std::string content(t.content);
      if (const auto at = content.find("{agency}"); at != std::string::npos)
        content.replace(at, 8, owner ? owner->name : std::string("Cơ quan"));
      NewDocumentInput in{id, std::string(t.code), t.kind, {std::string(t.title), content, {}, {}, {}}};
      in.draft.amendments.push_back({"Ban hành lần đầu", "Toàn bộ tài liệu", "Áp dụng mô hình khung"});
      const DocumentId doc = store::InsertDocument(tx, in, qms->owner_agency_id, now);
      const VersionId v = store::InsertVersion(tx, doc, 1, in.draft, actor.user_id, now);
      store::Reindex(tx, v, SearchText(in.code, in.draft.title, in.draft.content));
      audit_.Record(tx, actor, {"documents.created_from_framework", "document", doc, qms->owner_agency_id, nullptr,
                                {{"code", in.code}, {"title", in.draft.title}}});
      created.push_back(doc);
    }
    return created;
  });
}

// ---- Documents ----------------------------------------------------------------------------

Result<Document> Service::Load(db::Tx& tx, const Actor& actor, DocumentId id, bool with_versions) const {
  auto row = store::GetDocument(tx, id);
  if (!row) return Error::NotFound("documents.not_found");
  const Access access = AccessTo(tx, actor, row->qms_id);
  std::vector<store::VersionRow> versions = store::Versions(tx, id);
  std::erase_if(versions, [&](const store::VersionRow& v) { return !access.member && !IsPublished(v.version.state); });
  if (versions.empty()) return Error::NotFound("documents.not_found");
  Document d;
  d.id = row->id;
  d.qms_id = row->qms_id;
  d.agency_id = row->agency_id;
  d.code = row->code;
  d.kind = row->kind;
  d.legal_update_due = row->legal_update_due;
  d.legal_update_overdue = row->legal_update_due && *row->legal_update_due < Today();
  d.title = versions.front().version.title;
  d.latest_state = versions.front().version.state;
  for (const store::VersionRow& v : versions)
    if (v.version.state == State::kIssued) {
      d.current_version = v.version.number;
      d.review_due_date = v.version.review_due_date;
    }
  d.legal_bases = store::LegalBases(tx, id);
  std::map<UserId, std::string> names;
  auto person = [&](std::optional<UserId> user, std::optional<core::Millis> at) -> std::optional<Person> {
    if (!user || !at) return std::nullopt;
    if (!names.count(*user)) {
      auto u = auth_.FindUser(tx, *user);
      names[*user] = u ? u->full_name : "";
    }
    return Person{*user, names[*user], *at};
  };
  for (store::VersionRow& v : versions) {
    if (with_versions) {
      v.version.drafted = person(v.drafted_by, v.drafted_at);
      v.version.reviewed = person(v.reviewed_by, v.reviewed_at);
      v.version.approved = person(v.approved_by, v.approved_at);
      v.version.issued = person(v.issued_by, v.issued_at);
      if (v.version.signature && v.version.approved) v.version.signature->signer_name = v.version.approved->name;
      v.version.attachments = store::Attachments(tx, v.version.id);
    }
    d.versions.push_back(std::move(v.version));
  }
  return d;
}

Result<std::vector<Document>> Service::List(const Actor& actor, const ListFilter& filter) const {
  if (!actor.IsAuthenticated()) return Error::Unauthenticated();
  return db_.Read([&](db::Tx& tx) -> Result<std::vector<Document>> {
    std::optional<std::set<VersionId>> matches;
    if (!filter.query.empty()) {
      const auto ids = store::Search(tx, SearchTerms(filter.query), kSearchLimit);
      matches.emplace(ids.begin(), ids.end());
    }
    const std::string soon = AddMonths(Today(), 1);
    std::vector<Document> out;
    for (const store::DocumentRow& row : store::ListDocuments(tx, filter.qms_id, filter.kind)) {
      auto doc = Load(tx, actor, row.id, false);
      if (!doc.ok()) continue;
      if (matches && std::none_of(doc->versions.begin(), doc->versions.end(),
                                  [&](const Version& v) { return matches->count(v.id) > 0; }))
        continue;
      if (filter.state && doc->latest_state != filter.state) continue;
      if (filter.review_due && !doc->legal_update_due && !(doc->review_due_date && *doc->review_due_date <= soon))
        continue;
      doc->versions.clear();
      out.push_back(std::move(doc).value());
    }
    return out;
  });
}

Result<Document> Service::Get(const Actor& actor, DocumentId id) const {
  if (!actor.IsAuthenticated()) return Error::Unauthenticated();
  return db_.Read([&](db::Tx& tx) -> Result<Document> { return Load(tx, actor, id, true); });
}

namespace {

Status ValidateDraft(const DraftInput& in) {
  if (in.title.empty()) return Error::Invalid("common.required", "title");
  if (in.effective_date && in.review_due_date && *in.review_due_date < *in.effective_date)
    return Error::Invalid("documents.review_before_effective", "review_due_date");
  return Ok();
}

}  // namespace

Result<Document> Service::Create(const Actor& actor, const NewDocumentInput& input) const {
  return db_.Write([&](db::Tx& tx) -> Result<Document> { return CreateIn(tx, actor, input); });
}

Result<Document> Service::CreateIn(db::Tx& tx, const Actor& actor, const NewDocumentInput& input) const {
  auto qms = store::GetQms(tx, input.qms_id);
  if (!qms) return Error::Invalid("documents.qms_not_found", "qms_id");
  if (!AccessTo(tx, actor, input.qms_id).drafter) return Error::Forbidden();
  if (input.code.empty()) return Error::Invalid("common.required", "code");
  EISO_CHECK(ValidateDraft(input.draft));
  if (store::FindDocumentByCode(tx, input.qms_id, input.code)) return Error::Conflict("documents.code_taken", "code");
  const core::Millis now = clock_.Now();
  const DocumentId id = store::InsertDocument(tx, input, qms->owner_agency_id, now);
  const VersionId v = store::InsertVersion(tx, id, 1, input.draft, actor.user_id, now);
  store::Reindex(tx, v, SearchText(input.code, input.draft.title, input.draft.content));
  EISO_TRY(doc, Load(tx, actor, id, true));
  audit_.Record(tx, actor, {"documents.created", "document", id, qms->owner_agency_id, nullptr, Brief(doc.versions.front())});
  return doc;
}

Result<DocumentId> Service::InsertIssued(db::Tx& tx, const Actor& actor, const NewDocumentInput& input) const {
  auto qms = store::GetQms(tx, input.qms_id);
  if (!qms) return Error::Invalid("documents.qms_not_found", "qms_id");
  if (input.code.empty()) return Error::Invalid("common.required", "code");
  EISO_CHECK(ValidateDraft(input.draft));
  if (!input.draft.effective_date) return Error::Invalid("documents.effective_date_required", "effective_date");
  if (store::FindDocumentByCode(tx, input.qms_id, input.code)) return Error::Conflict("documents.code_taken", "code");
  const core::Millis now = clock_.Now();
  const DocumentId id = store::InsertDocument(tx, input, qms->owner_agency_id, now);
  const VersionId v = store::InsertVersion(tx, id, 1, input.draft, actor.user_id, now);
  store::SetState(tx, v, State::kIssued, "issued", actor.user_id, now);
  store::Reindex(tx, v, SearchText(input.code, input.draft.title, input.draft.content));
  audit_.Record(tx, actor, {"documents.issued", "document", id, qms->owner_agency_id, nullptr,
                            {{"number", 1}, {"state", "issued"}, {"title", input.draft.title}}});
  return id;
}

Result<store::VersionRow> Service::EditableDraft(db::Tx& tx, const Actor& actor, DocumentId id, int number) const {
  auto doc = store::GetDocument(tx, id);
  if (!doc) return Error::NotFound("documents.not_found");
  const Access access = AccessTo(tx, actor, doc->qms_id);
  auto row = store::GetVersion(tx, id, number);
  if (!row || (!access.member && !IsPublished(row->version.state))) return Error::NotFound("documents.not_found");
  if (!access.drafter) return Error::Forbidden();
  if (row->version.state != State::kDraft) return Error::Precondition("documents.not_draft", "state");
  return std::move(*row);
}

Result<Document> Service::UpdateDraft(const Actor& actor, DocumentId id, int number, const DraftInput& input) const {
  return db_.Write([&](db::Tx& tx) -> Result<Document> { return UpdateDraftIn(tx, actor, id, number, input); });
}

Result<Document> Service::UpdateDraftIn(db::Tx& tx, const Actor& actor, DocumentId id, int number,
                                        const DraftInput& input) const {
  EISO_TRY(row, EditableDraft(tx, actor, id, number));
  EISO_CHECK(ValidateDraft(input));
  const auto doc = *store::GetDocument(tx, id);
  store::UpdateDraft(tx, row.version.id, input, clock_.Now());
  store::Reindex(tx, row.version.id, SearchText(doc.code, input.title, input.content));
  EISO_TRY(after, Load(tx, actor, id, true));
  audit_.Record(tx, actor, {"documents.draft_updated", "document", id, doc.agency_id, Brief(row.version),
                            {{"number", number}, {"title", input.title}, {"content_bytes", input.content.size()}}});
  return after;
}

Result<Document> Service::NewVersion(const Actor& actor, DocumentId id) const {
  return db_.Write([&](db::Tx& tx) -> Result<Document> { return NewVersionIn(tx, actor, id); });
}

Result<Document> Service::NewVersionIn(db::Tx& tx, const Actor& actor, DocumentId id) const {
  auto doc = store::GetDocument(tx, id);
  if (!doc) return Error::NotFound("documents.not_found");
  const Access access = AccessTo(tx, actor, doc->qms_id);
  auto versions = store::Versions(tx, id);
  if (!access.member && std::none_of(versions.begin(), versions.end(),
                                     [](const auto& v) { return IsPublished(v.version.state); }))
    return Error::NotFound("documents.not_found");
  if (!access.drafter) return Error::Forbidden();
  const Version& newest = versions.front().version;
  if (!IsPublished(newest.state)) return Error::Precondition("documents.open_version_exists");
  DraftInput draft{newest.title, newest.content, {}, {}, newest.review_due_date};
  const VersionId v = store::InsertVersion(tx, id, newest.number + 1, draft, actor.user_id, clock_.Now());
  store::Reindex(tx, v, SearchText(doc->code, draft.title, draft.content));
  EISO_TRY(after, Load(tx, actor, id, true));
  audit_.Record(tx, actor, {"documents.version_created", "document", id, doc->agency_id, nullptr, Brief(after.versions.front())});
  return after;
}

Result<Signature> Service::SignVersion(db::Tx& tx, const Actor& actor, const store::DocumentRow& doc,
                                       const store::VersionRow& row) const {
  auto key = store::GetKey(tx, actor.user_id);
  if (!key) {
    EISO_TRY(fresh, signer_.NewKeyPair());
    store::InsertKey(tx, actor.user_id, fresh, clock_.Now());
    key = fresh;
  }
  CanonicalInput canonical{doc.code, row.version.number, row.version.title, row.version.content, {},
                           row.version.effective_date.value_or("")};
  for (const Attachment& a : store::Attachments(tx, row.version.id)) canonical.attachment_hashes.push_back(a.sha256);
  Signature s;
  s.signer_id = actor.user_id;
  s.meaning = "approved";
  s.signed_at = clock_.Now();
  s.content_hash = ContentHash(canonical);
  s.public_key = key->public_key;
  EISO_TRY(signature, signer_.Sign(*key, SignedMessage(s.content_hash, s.meaning, s.signer_id, s.signed_at)));
  s.signature = signature;
  store::SetSignature(tx, row.version.id, s);
  return s;
}

Result<Document> Service::Transition(const Actor& actor, DocumentId id, int number, Action action,
                                     const std::optional<std::string>& effective_date) const {
  return db_.Write(
      [&](db::Tx& tx) -> Result<Document> { return TransitionIn(tx, actor, id, number, action, effective_date); });
}

Result<Document> Service::TransitionIn(db::Tx& tx, const Actor& actor, DocumentId id, int number, Action action,
                                       const std::optional<std::string>& effective_date) const {
  struct Rule { Action action; State from; State to; const char* stamp; const char* key; const char* event; };
  static const Rule kRules[] = {
      {Action::kSubmit, State::kDraft, State::kInReview, "", "documents.bad_transition.submit", "documents.submitted"},
      {Action::kReview, State::kInReview, State::kInReview, "reviewed", "documents.bad_transition.review", "documents.reviewed"},
      {Action::kReturn, State::kInReview, State::kDraft, "", "documents.bad_transition.return", "documents.returned"},
      {Action::kApprove, State::kInReview, State::kApproved, "approved", "documents.bad_transition.approve", "documents.approved"},
      {Action::kIssue, State::kApproved, State::kIssued, "issued", "documents.bad_transition.issue", "documents.issued"},
      {Action::kObsolete, State::kIssued, State::kObsolete, "", "documents.bad_transition.obsolete", "documents.withdrawn"},
  };
  const Rule& rule = *std::find_if(std::begin(kRules), std::end(kRules), [&](const Rule& r) { return r.action == action; });
  auto doc = store::GetDocument(tx, id);
  if (!doc) return Error::NotFound("documents.not_found");
  const Access access = AccessTo(tx, actor, doc->qms_id);
  auto row = store::GetVersion(tx, id, number);
  if (!row || (!access.member && !IsPublished(row->version.state))) return Error::NotFound("documents.not_found");
  const bool allowed = action == Action::kSubmit    ? access.drafter
                       : action == Action::kApprove ? access.leader
                                                    : access.manager;
  if (!allowed) return Error::Forbidden(action == Action::kApprove ? "documents.leader_approves" : "auth.forbidden");
  if (row->version.state != rule.from) {
    Error e = Error::Precondition(rule.key, "state");
    e.detail = std::string(ToString(row->version.state)) + " -> " + std::string(ToString(rule.to));
    return e;
  }
  if (action == Action::kSubmit || action == Action::kIssue)
    for (const auto& [kind, check] : transition_checks_)
      if (kind == doc->kind) EISO_CHECK(check(tx, id, number, action));
  const core::Millis now = clock_.Now();
  const nlohmann::json before = Brief(row->version);
  nlohmann::json extra = nlohmann::json::object();
  if (action == Action::kApprove) {
    if (effective_date) {
      store::SetEffectiveDate(tx, row->version.id, *effective_date, now);
      row->version.effective_date = effective_date;
    }
    if (!row->version.effective_date) return Error::Invalid("documents.effective_date_required", "effective_date");
    EISO_TRY(signature, SignVersion(tx, actor, *doc, *row));
    extra = {{"content_hash", signature.content_hash}, {"public_key", signature.public_key}};
  }
  if (action == Action::kIssue) {
    for (const store::VersionRow& v : store::Versions(tx, id))
      if (v.version.state == State::kIssued) store::Supersede(tx, v.version.id, now);
    // A new issue answers a pending legal change (QĐ 19/2014 art. 4.4a).
    if (doc->legal_update_due) store::SetLegalUpdateDue(tx, id, std::nullopt, now);
  }
  store::SetState(tx, row->version.id, rule.to, rule.stamp, actor.user_id, now);
  EISO_TRY(after, Load(tx, actor, id, true));
  nlohmann::json after_json = {{"number", number}, {"state", ToString(rule.to)}};
  if (!extra.empty()) after_json["signature"] = extra;
  audit_.Record(tx, actor, {rule.event, "document", id, doc->agency_id, before, after_json});
  return after;
}

Result<Document> Service::GetIn(db::Tx& tx, const Actor& actor, DocumentId id) const {
  return Load(tx, actor, id, true);
}

std::vector<Version> Service::PublishedVersions(db::Tx& tx, DocumentId id) const {
  std::vector<Version> out;
  for (store::VersionRow& v : store::Versions(tx, id))
    if (IsPublished(v.version.state)) out.push_back(std::move(v.version));
  return out;
}

std::optional<Version> Service::InForceOn(db::Tx& tx, DocumentId id, const std::string& date) const {
  std::optional<Version> best;
  for (store::VersionRow& v : store::Versions(tx, id)) {   // newest first: a tie keeps the newer
    const State s = v.version.state;
    if ((s != State::kIssued && s != State::kSuperseded) || !v.version.effective_date ||
        *v.version.effective_date > date)
      continue;
    if (!best || *v.version.effective_date > *best->effective_date) best = std::move(v.version);
  }
  return best;
}

std::optional<QmsId> Service::QmsOf(db::Tx& tx, AgencyId agency) const { return store::QmsOfAgency(tx, agency); }

Result<QmsId> Service::InsertQms(db::Tx& tx, const Actor& actor, const QmsInput& input) const {
  EISO_CHECK(ValidateQms(tx, org_, input, std::nullopt));
  const QmsId id = store::InsertQms(tx, input, clock_.Now());
  store::SetMembers(tx, id, MembersOf(input));
  audit_.Record(tx, actor, {"documents.qms_created", "qms", id, input.owner_agency_id, nullptr, ToJson(*store::GetQms(tx, id))});
  return id;
}

void Service::AddTransitionCheck(Kind kind, TransitionCheck check) {
  transition_checks_.emplace_back(kind, std::move(check));
}

Result<VerifyResult> Service::Verify(const Actor& actor, DocumentId id, int number) const {
  if (!actor.IsAuthenticated()) return Error::Unauthenticated();
  return db_.Read([&](db::Tx& tx) -> Result<VerifyResult> {
    EISO_TRY(doc, Load(tx, actor, id, true));
    auto it = std::find_if(doc.versions.begin(), doc.versions.end(), [&](const Version& v) { return v.number == number; });
    if (it == doc.versions.end()) return Error::NotFound("documents.not_found");
    VerifyResult r;
    CanonicalInput canonical{doc.code, it->number, it->title, it->content, {}, it->effective_date.value_or("")};
    for (const Attachment& a : it->attachments) canonical.attachment_hashes.push_back(a.sha256);
    r.computed_hash = ContentHash(canonical);
    r.signature = it->signature;
    if (!it->signature) {
      r.reason = "not_signed";
      return r;
    }
    const Signature& s = *it->signature;
    if (s.content_hash != r.computed_hash) {
      r.reason = "content_changed";
      return r;
    }
    auto key = store::GetKey(tx, s.signer_id);
    if (!key || key->public_key != s.public_key) {
      r.reason = "key_mismatch";
      return r;
    }
    if (!Signer::Verify(s.public_key, SignedMessage(s.content_hash, s.meaning, s.signer_id, s.signed_at), s.signature)) {
      r.reason = "bad_signature";
      return r;
    }
    r.ok = true;
    return r;
  });
}

// ---- Attachments --------------------------------------------------------------------------

Result<Attachment> Service::AddAttachment(const Actor& actor, DocumentId id, int number, const std::string& filename,
                                          const std::string& bytes) const {
  if (bytes.empty()) return Error::Invalid("documents.file_empty", "file");
  if (bytes.size() > settings_.max_upload_bytes)
    return Error{ErrorCode::kPayloadTooLarge, "documents.file_too_large", "file", {}};
  Attachment a;
  a.filename = SafeFilename(filename);
  if (a.filename.empty()) return Error::Invalid("common.required", "filename");
  auto type = DetectContentType(bytes, a.filename);
  if (!type) return Error::Invalid("documents.file_type", "file");
  a.content_type = *type;
  a.size = static_cast<std::int64_t>(bytes.size());
  a.sha256 = Sha256Hex(bytes);
  return db_.Write([&](db::Tx& tx) -> Result<Attachment> {
    EISO_TRY(row, EditableDraft(tx, actor, id, number));
    a.uploaded_at = clock_.Now();
    EISO_CHECK(files_->Put(tx, a.sha256, bytes));
    store::InsertFile(tx, a, a.uploaded_at);
    store::InsertAttachment(tx, row.version.id, a, actor.user_id);
    audit_.Record(tx, actor, {"documents.attachment_added", "document", id, store::GetDocument(tx, id)->agency_id, nullptr,
                              {{"number", number}, {"sha256", a.sha256}, {"filename", a.filename}, {"size", a.size}}});
    return a;
  });
}

Status Service::RemoveAttachment(const Actor& actor, DocumentId id, int number, const std::string& sha256) const {
  return db_.Write([&](db::Tx& tx) -> Status {
    EISO_TRY(row, EditableDraft(tx, actor, id, number));
    if (!store::RemoveAttachment(tx, row.version.id, sha256)) return Error::NotFound("documents.file_not_found");
    audit_.Record(tx, actor, {"documents.attachment_removed", "document", id, store::GetDocument(tx, id)->agency_id,
                              {{"number", number}, {"sha256", sha256}}, nullptr});
    return Ok();
  });
}

Result<FileData> Service::Download(const Actor& actor, DocumentId id, int number, const std::string& sha256) const {
  if (!actor.IsAuthenticated()) return Error::Unauthenticated();
  return db_.Read([&](db::Tx& tx) -> Result<FileData> {
    EISO_TRY(doc, Load(tx, actor, id, true));
    for (const Version& v : doc.versions) {
      if (v.number != number) continue;
      for (const Attachment& a : v.attachments) {
        if (a.sha256 != sha256) continue;
        EISO_TRY(bytes, files_->Get(tx, sha256));
        return FileData{std::move(bytes), a.filename, a.content_type, a.sha256};
      }
    }
    return Error::NotFound("documents.file_not_found");
  });
}

// ---- Distribution -------------------------------------------------------------------------

namespace {

std::optional<Version> IssuedOf(const Document& d) {
  for (const Version& v : d.versions)
    if (v.state == State::kIssued) return v;
  return std::nullopt;
}

}  // namespace

Result<std::vector<Receipt>> Service::Distribute(const Actor& actor, DocumentId id, const std::vector<AgencyId>& agencies,
                                                 const std::vector<UserId>& users) const {
  return db_.Write([&](db::Tx& tx) -> Result<std::vector<Receipt>> {
    EISO_TRY(doc, Load(tx, actor, id, false));
    if (!AccessTo(tx, actor, doc.qms_id).manager) return Error::Forbidden();
    auto issued = IssuedOf(doc);
    if (!issued) return Error::Precondition("documents.not_issued");
    if (agencies.empty() && users.empty()) return Error::Invalid("documents.no_recipients", "agency_ids");
    for (AgencyId a : agencies)
      if (!org_.Find(tx, a)) return Error::Invalid("org.not_found", "agency_ids");
    std::vector<auth::User> recipients = auth_.ActiveUsersOf(tx, agencies);
    for (UserId u : users) {
      auto user = auth_.FindUser(tx, u);
      if (!user || !user->active) return Error::Invalid("documents.unknown_user", "user_ids");
      recipients.push_back(*user);
    }
    const core::Millis now = clock_.Now();
    for (const auth::User& u : recipients) store::InsertReceipt(tx, issued->id, u.id, u.agency_id, actor.user_id, now);
    audit_.Record(tx, actor, {"documents.distributed", "document", id, doc.agency_id, nullptr,
                              {{"number", issued->number}, {"agency_ids", agencies}, {"user_ids", users},
                               {"recipients", recipients.size()}}});
    std::vector<Receipt> out = store::Receipts(tx, issued->id);
    for (Receipt& r : out)
      if (auto u = auth_.FindUser(tx, r.user_id)) r.user_name = u->full_name;
    return out;
  });
}

Result<std::vector<Receipt>> Service::Receipts(const Actor& actor, DocumentId id) const {
  if (!actor.IsAuthenticated()) return Error::Unauthenticated();
  return db_.Read([&](db::Tx& tx) -> Result<std::vector<Receipt>> {
    EISO_TRY(doc, Load(tx, actor, id, false));
    if (!AccessTo(tx, actor, doc.qms_id).manager) return Error::Forbidden();
    auto issued = IssuedOf(doc);
    if (!issued) return std::vector<Receipt>{};
    std::vector<Receipt> out = store::Receipts(tx, issued->id);
    for (Receipt& r : out)
      if (auto u = auth_.FindUser(tx, r.user_id)) r.user_name = u->full_name;
    return out;
  });
}

Status Service::Acknowledge(const Actor& actor, DocumentId id) const {
  return db_.Write([&](db::Tx& tx) -> Status {
    EISO_TRY(doc, Load(tx, actor, id, false));
    auto issued = IssuedOf(doc);
    if (!issued) return Error::NotFound("documents.not_a_recipient");
    const auto receipts = store::Receipts(tx, issued->id);
    auto mine = std::find_if(receipts.begin(), receipts.end(), [&](const Receipt& r) { return r.user_id == actor.user_id; });
    if (mine == receipts.end()) return Error::NotFound("documents.not_a_recipient");
    if (mine->acknowledged_at) return Ok();
    store::Acknowledge(tx, issued->id, actor.user_id, clock_.Now());
    audit_.Record(tx, actor, {"documents.acknowledged", "document", id, doc.agency_id, nullptr, {{"number", issued->number}}});
    return Ok();
  });
}

Result<std::vector<InboxItem>> Service::Inbox(const Actor& actor) const {
  if (!actor.IsAuthenticated()) return Error::Unauthenticated();
  return db_.Read([&](db::Tx& tx) -> Result<std::vector<InboxItem>> { return store::Inbox(tx, actor.user_id); });
}

// ---- Legal bases --------------------------------------------------------------------------

namespace {

bool MayKeepLegalTexts(const Actor& a) {
  return HasAny(a, {Role::kLeader, Role::kIsoSecretary, Role::kDostEvaluator, Role::kAdministrator});
}

}  // namespace

Result<std::vector<LegalText>> Service::ListLegalTexts(const Actor& actor) const {
  if (!actor.IsAuthenticated()) return Error::Unauthenticated();
  return db_.Read([&](db::Tx& tx) -> Result<std::vector<LegalText>> { return store::ListLegalTexts(tx); });
}

Result<LegalText> Service::CreateLegalText(const Actor& actor, const LegalText& text) const {
  if (!MayKeepLegalTexts(actor)) return Error::Forbidden();
  if (text.number.empty()) return Error::Invalid("common.required", "number");
  if (text.title.empty()) return Error::Invalid("common.required", "title");
  return db_.Write([&](db::Tx& tx) -> Result<LegalText> {
    if (store::FindLegalText(tx, text.number)) return Error::Conflict("documents.legal_number_taken", "number");
    const LegalTextId id = store::InsertLegalText(tx, text, clock_.Now());
    audit_.Record(tx, actor, {"documents.legal_text_created", "legal_text", id, std::nullopt, nullptr,
                              {{"number", text.number}, {"title", text.title}}});
    return *store::GetLegalText(tx, id);
  });
}

Result<std::int64_t> Service::MarkLegalTextChanged(const Actor& actor, LegalTextId id, const std::string& changed_on) const {
  if (!MayKeepLegalTexts(actor)) return Error::Forbidden();
  return db_.Write([&](db::Tx& tx) -> Result<std::int64_t> {
    auto text = store::GetLegalText(tx, id);
    if (!text) return Error::NotFound("documents.legal_text_not_found");
    store::MarkChanged(tx, id, changed_on);
    audit_.Record(tx, actor, {"documents.legal_text_changed", "legal_text", id, std::nullopt,
                              {{"changed_on", text->changed_on ? nlohmann::json(*text->changed_on) : nlohmann::json()}},
                              {{"changed_on", changed_on}}});
    const std::string due = AddMonths(changed_on, 3);
    const core::Millis now = clock_.Now();
    std::int64_t flagged = 0;
    for (DocumentId doc_id : store::DocumentsResting(tx, id)) {
      auto doc = store::GetDocument(tx, doc_id);
      if (!doc || (doc->legal_update_due && *doc->legal_update_due <= due)) continue;   // an earlier clock runs
      store::SetLegalUpdateDue(tx, doc_id, due, now);
      audit_.Record(tx, actor, {"documents.legal_update_due", "document", doc_id, doc->agency_id, nullptr,
                                {{"legal_text_id", id}, {"due", due}}});
      ++flagged;
    }
    return flagged;
  });
}

Result<Document> Service::SetLegalBases(const Actor& actor, DocumentId id, const std::vector<LegalTextId>& ids) const {
  return db_.Write([&](db::Tx& tx) -> Result<Document> {
    EISO_TRY(doc, Load(tx, actor, id, false));
    const Access access = AccessTo(tx, actor, doc.qms_id);
    if (!access.drafter && !access.manager) return Error::Forbidden();
    for (LegalTextId t : ids)
      if (!store::GetLegalText(tx, t)) return Error::Invalid("documents.legal_text_not_found", "legal_text_ids");
    store::SetLegalBases(tx, id, ids);
    audit_.Record(tx, actor, {"documents.legal_bases_set", "document", id, doc.agency_id,
                              {{"legal_text_ids", doc.legal_bases}}, {{"legal_text_ids", ids}}});
    return Load(tx, actor, id, true);
  });
}

}  // namespace eiso::documents
