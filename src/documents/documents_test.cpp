#include <map>
#include <set>

#include <gtest/gtest.h>

#include "auth/service.hpp"
#include "documents/fold.hpp"
#include "documents/service.hpp"
#include "testing/test_db.hpp"

namespace eiso::documents {
namespace {

constexpr auto R(Role r) { return static_cast<std::uint32_t>(r); }

TEST(Fold, StripsVietnameseMarksBothComposedAndDecomposed) {
  EXPECT_EQ(Fold("Quy trình kiểm soát tài liệu"), "quy trinh kiem soat tai lieu");
  EXPECT_EQ(Fold("ĐÁNH GIÁ NỘI BỘ"), "danh gia noi bo");
  EXPECT_EQ(Fold("Quy trình"), Fold("Quy trinh\xCC\x80"));   // "i" + combining grave
  EXPECT_EQ(Fold("Hướng dẫn, số 61/2018/NĐ-CP"), "huong dan so 61 2018 nd cp");
  EXPECT_EQ(SearchTerms("  quy trình   KIỂM "), (std::vector<std::string>{"quy", "trinh", "kiem"}));
}

TEST(AddMonths, ClampsToTheMonthEnd) {
  EXPECT_EQ(AddMonths("2026-01-15", 3), "2026-04-15");
  EXPECT_EQ(AddMonths("2026-11-30", 3), "2027-02-28");
  EXPECT_EQ(AddMonths("2027-11-30", 3), "2028-02-29");
}

class DocumentsService : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(db_->Write([&](db::Tx& tx) -> Status {
      const Actor system;
      for (const char* code : {"000.00.15.H06", "000.00.91.H06"}) {
        org::AgencyInput in{.name = std::string("Cơ quan ") + code, .short_name = code, .unit_code = code,
                            .valid_from = "2020-01-01"};
        EISO_TRY(id, org_.Insert(tx, system, in));
        agencies_.push_back(id);
      }
      struct U { const char* name; int agency; std::uint32_t roles; Actor* out; };
      for (const U& u : {U{"lanhdao", 0, R(Role::kLeader), &leader_}, U{"thuky", 0, R(Role::kIsoSecretary), &secretary_},
                         U{"chuyenvien", 0, R(Role::kOfficer), &officer_}, U{"thue", 1, R(Role::kIsoSecretary), &outsider_}}) {
        auth::UserInput in{.agency_id = agencies_[static_cast<std::size_t>(u.agency)], .username = u.name,
                           .full_name = u.name, .roles = u.roles};
        EISO_TRY(id, auth_.AddUser(tx, system, in, "x"));
        *u.out = Actor{.user_id = id, .agency_id = in.agency_id, .roles = u.roles, .username = u.name};
      }
      return Ok();
    }).ok());
    auto qms = documents_.CreateQms(leader_, {.owner_agency_id = agencies_[0], .name = "HTQLCL Sở KH&CN",
                                              .scope = {{"2.000635", "Cấp giấy phép"}}});
    ASSERT_TRUE(qms.ok()) << qms.error().message_key;
    qms_ = qms->id;
  }

  Result<Document> Draft(const std::string& code, const std::string& title, const std::string& content) {
    return documents_.Create(officer_, {.qms_id = qms_, .code = code, .kind = Kind::kProcess,
                                        .draft = {.title = title, .content = content, .effective_date = "2026-12-01"}});
  }
  Status Step(const Actor& who, DocumentId id, int n, Action a) {
    auto r = documents_.Transition(who, id, n, a, std::nullopt);
    if (!r.ok()) return r.take_error();
    return Ok();
  }
  void Tamper(const std::string& sql) {
    ASSERT_TRUE(db_->Write([&](db::Tx& tx) -> Status { tx.Exec(sql); return Ok(); }).ok());
  }

  core::FakeClock clock_{1'795'000'000'000};
  std::unique_ptr<db::Database> db_ = testing::FreshDatabase(
      {&audit::Migrations(), &org::Migrations(), &auth::Migrations(), &Migrations()});
  audit::Service audit_{clock_};
  org::Service org_{*db_, audit_, clock_};
  auth::Service auth_{*db_, audit_, org_, clock_, auth::Settings{}, auth::HashCost::kMinimum};
  Service documents_{*db_, audit_, org_, auth_, clock_, Settings{.signing_secret = "test-secret"}};
  std::vector<AgencyId> agencies_;
  Actor leader_, secretary_, officer_, outsider_;
  QmsId qms_ = 0;
};

TEST_F(DocumentsService, StateMachineRejectsEveryIllegalStep) {
  auto doc = Draft("QT-01", "Quy trình kiểm soát tài liệu", "<p>Nội dung</p>");
  ASSERT_TRUE(doc.ok()) << doc.error().message_key;
  const DocumentId id = doc->id;
  struct Case { Action action; State from; bool legal; };
  // From each state, every action: only the table's edges pass.
  const std::map<State, std::set<Action>> legal = {
      {State::kDraft, {Action::kSubmit}},
      {State::kInReview, {Action::kReview, Action::kReturn, Action::kApprove}},
      {State::kApproved, {Action::kIssue}},
      {State::kIssued, {Action::kObsolete}}};
  const Action all[] = {Action::kSubmit, Action::kReview, Action::kReturn, Action::kApprove, Action::kIssue, Action::kObsolete};
  const std::pair<State, Action> path[] = {{State::kDraft, Action::kSubmit}, {State::kInReview, Action::kApprove},
                                           {State::kApproved, Action::kIssue}, {State::kIssued, Action::kObsolete}};
  for (const auto& [state, next] : path) {
    for (Action a : all) {
      if (legal.at(state).count(a)) continue;
      const Actor& who = a == Action::kApprove ? leader_ : a == Action::kSubmit ? officer_ : secretary_;
      Status s = Step(who, id, 1, a);
      ASSERT_FALSE(s.ok()) << ToString(state) << " action " << static_cast<int>(a);
      EXPECT_EQ(s.error().code, ErrorCode::kFailedPrecondition);
      EXPECT_EQ(s.error().message_key.rfind("documents.bad_transition.", 0), 0u) << s.error().message_key;
    }
    if (next == Action::kApprove) {
      EXPECT_EQ(Step(secretary_, id, 1, Action::kApprove).error().message_key, "documents.leader_approves");
      EXPECT_EQ(Step(officer_, id, 1, Action::kApprove).error().code, ErrorCode::kForbidden);
    }
    const Actor& who = next == Action::kApprove ? leader_ : next == Action::kSubmit ? officer_ : secretary_;
    ASSERT_TRUE(Step(who, id, 1, next).ok()) << ToString(state);
  }
}

TEST_F(DocumentsService, DraftsStayInsideTheQmsAndIssuedVersionsAreShown) {
  auto doc = Draft("QT-02", "Quy trình kiểm soát hồ sơ", "Nội dung");
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(documents_.Get(outsider_, doc->id).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(documents_.List(outsider_, {})->empty());
  ASSERT_TRUE(Step(officer_, doc->id, 1, Action::kSubmit).ok());
  ASSERT_TRUE(Step(leader_, doc->id, 1, Action::kApprove).ok());
  EXPECT_EQ(documents_.Get(outsider_, doc->id).error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(Step(secretary_, doc->id, 1, Action::kIssue).ok());
  auto seen = documents_.Get(outsider_, doc->id);
  ASSERT_TRUE(seen.ok());
  EXPECT_EQ(seen->current_version, 1);
  // A second version: the draft stays hidden from outsiders, v1 remains the issued one.
  ASSERT_TRUE(documents_.NewVersion(officer_, doc->id).ok());
  EXPECT_EQ(documents_.NewVersion(officer_, doc->id).error().message_key, "documents.open_version_exists");
  EXPECT_EQ(documents_.Get(outsider_, doc->id)->versions.size(), 1u);
  EXPECT_EQ(documents_.Get(officer_, doc->id)->versions.size(), 2u);
  ASSERT_TRUE(Step(officer_, doc->id, 2, Action::kSubmit).ok());
  EXPECT_EQ(Step(leader_, doc->id, 2, Action::kApprove).error().field, "effective_date");
  ASSERT_TRUE(documents_.Transition(leader_, doc->id, 2, Action::kApprove, "2027-01-01").ok());
  ASSERT_TRUE(Step(leader_, doc->id, 2, Action::kIssue).ok());
  auto after = documents_.Get(outsider_, doc->id);
  EXPECT_EQ(after->current_version, 2);
  EXPECT_EQ(after->versions[1].state, State::kSuperseded);
}

TEST_F(DocumentsService, SignatureVerifiesAndAnyChangedByteBreaksIt) {
  auto doc = Draft("QT-03", "Quy trình đánh giá nội bộ", "Đánh giá ít nhất mỗi năm một lần.");
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(documents_.Verify(officer_, doc->id, 1)->reason, "not_signed");
  ASSERT_TRUE(Step(officer_, doc->id, 1, Action::kSubmit).ok());
  ASSERT_TRUE(Step(leader_, doc->id, 1, Action::kApprove).ok());
  auto ok = documents_.Verify(officer_, doc->id, 1);
  ASSERT_TRUE(ok.ok());
  EXPECT_TRUE(ok->ok) << ok->reason;
  EXPECT_EQ(ok->signature->meaning, "approved");
  EXPECT_EQ(ok->signature->signer_id, leader_.user_id);
  Tamper("UPDATE document_versions SET content = content || '.' WHERE document_id = " + std::to_string(doc->id));
  EXPECT_EQ(documents_.Verify(officer_, doc->id, 1)->reason, "content_changed");
  Tamper("UPDATE document_versions SET content = substr(content, 1, length(content) - 1)");
  EXPECT_TRUE(documents_.Verify(officer_, doc->id, 1)->ok);
  Tamper("UPDATE document_versions SET signed_at = signed_at + 1");
  EXPECT_EQ(documents_.Verify(officer_, doc->id, 1)->reason, "bad_signature");
}

TEST_F(DocumentsService, AttachmentsRoundTripByHashAndRejectOtherTypes) {
  auto doc = Draft("BM-01", "Biểu mẫu", "");
  ASSERT_TRUE(doc.ok());
  const std::string pdf = "%PDF-1.4\n% eISO test\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";
  auto a = documents_.AddAttachment(officer_, doc->id, 1, "Biểu mẫu 01.pdf", pdf);
  ASSERT_TRUE(a.ok()) << a.error().message_key;
  EXPECT_EQ(a->sha256, Sha256Hex(pdf));
  EXPECT_EQ(a->content_type, "application/pdf");
  auto back = documents_.Download(officer_, doc->id, 1, a->sha256);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->bytes, pdf);
  EXPECT_EQ(back->filename, "Biểu mẫu 01.pdf");
  EXPECT_EQ(documents_.AddAttachment(officer_, doc->id, 1, "x.exe", "MZ\x90").error().message_key, "documents.file_type");
  EXPECT_EQ(documents_.AddAttachment(officer_, doc->id, 1, "a.txt", std::string("PK\x03\x04", 4)).error().message_key,
            "documents.file_type");
  EXPECT_EQ(documents_.Download(outsider_, doc->id, 1, a->sha256).error().code, ErrorCode::kNotFound);
}

TEST_F(DocumentsService, SearchIgnoresDiacritics) {
  ASSERT_TRUE(Draft("QT-01", "Quy trình kiểm soát tài liệu", "<p>Biên soạn, phê duyệt</p>").ok());
  ASSERT_TRUE(Draft("QT-05", "Quy trình xem xét của lãnh đạo", "Họp mỗi năm").ok());
  for (const char* q : {"quy trinh kiem soat", "Quy trình kiểm soát", "KIEM SOAT TAI", "phe duyet"}) {
    auto found = documents_.List(officer_, {.query = q});
    ASSERT_TRUE(found.ok());
    ASSERT_EQ(found->size(), 1u) << q;
    EXPECT_EQ(found->front().code, "QT-01");
  }
  EXPECT_EQ(documents_.List(officer_, {.query = "quy trinh"})->size(), 2u);
  EXPECT_TRUE(documents_.List(outsider_, {.query = "quy trinh"})->empty());
}

TEST_F(DocumentsService, LegalChangeGivesThreeMonthsAndIssueClearsIt) {
  auto doc = Draft("QT-06", "Quy trình cấp phép", "");
  ASSERT_TRUE(doc.ok());
  auto law = documents_.CreateLegalText(secretary_, {.number = "61/2018/NĐ-CP", .title = "Nghị định một cửa"});
  ASSERT_TRUE(law.ok());
  ASSERT_TRUE(documents_.SetLegalBases(officer_, doc->id, {law->id}).ok());
  EXPECT_EQ(*documents_.MarkLegalTextChanged(secretary_, law->id, "2025-07-01"), 1);
  auto flagged = documents_.Get(officer_, doc->id);
  EXPECT_EQ(flagged->legal_update_due, "2025-10-01");
  EXPECT_TRUE(flagged->legal_update_overdue);   // the fake clock is in 2026
  ASSERT_TRUE(Step(officer_, doc->id, 1, Action::kSubmit).ok());
  ASSERT_TRUE(Step(leader_, doc->id, 1, Action::kApprove).ok());
  ASSERT_TRUE(Step(leader_, doc->id, 1, Action::kIssue).ok());
  EXPECT_FALSE(documents_.Get(officer_, doc->id)->legal_update_due);
}

TEST_F(DocumentsService, FrameworkModelAndDistribution) {
  auto created = documents_.CreateFromFramework(secretary_, qms_);
  ASSERT_TRUE(created.ok());
  EXPECT_GE(created->size(), 7u);
  EXPECT_TRUE(documents_.CreateFromFramework(secretary_, qms_)->empty()) << "a second copy adds nothing";
  const DocumentId policy = created->front();
  ASSERT_TRUE(Step(secretary_, policy, 1, Action::kSubmit).ok());
  ASSERT_TRUE(documents_.Transition(leader_, policy, 1, Action::kApprove, "2026-12-01").ok());
  ASSERT_TRUE(Step(leader_, policy, 1, Action::kIssue).ok());
  auto receipts = documents_.Distribute(secretary_, policy, {agencies_[0]}, {});
  ASSERT_TRUE(receipts.ok()) << receipts.error().message_key;
  EXPECT_EQ(receipts->size(), 3u);
  EXPECT_EQ(documents_.Acknowledge(outsider_, policy).error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(documents_.Acknowledge(officer_, policy).ok());
  int pending = 0;
  auto all = documents_.Receipts(secretary_, policy);  // kept alive: the loop reads into it
  ASSERT_TRUE(all.ok());
  for (const Receipt& r : *all) pending += r.acknowledged_at ? 0 : 1;
  EXPECT_EQ(pending, 2);
  EXPECT_EQ(documents_.Receipts(officer_, policy).error().code, ErrorCode::kForbidden);
}

}  // namespace
}  // namespace eiso::documents
