// The printable forms render to whole PDFs (header, trailer, no libharu error), on the right
// paper, with the QR code carrying the lookup address; form numbers follow the 2018 / 2025 sets.
// Set EISO_FORMS_OUT=<dir> to keep the PDFs for a look (pdftoppm -png -r 80).
#include "dossiers/forms.hpp"

#include <cstdlib>
#include <fstream>

#include <gtest/gtest.h>

#include "auth/service.hpp"
#include "calendar/date.hpp"
#include "dossiers/service.hpp"
#include "dossiers/test_services.hpp"

namespace eiso::dossiers::forms {
namespace {

const core::Millis kReceived = calendar::FromLocal({2026, 11, 24}, 9 * 60 + 30);
const core::Millis kDue = calendar::FromLocal({2026, 12, 8}, 16 * 60 + 30);

void Keep(const Pdf& pdf, const std::string& name) {
  if (const char* dir = std::getenv("EISO_FORMS_OUT")) {
    std::ofstream out(std::string(dir) + "/" + name, std::ios::binary);
    out.write(pdf.bytes.data(), static_cast<std::streamsize>(pdf.bytes.size()));
  }
}

void ExpectWholePdf(const Result<Pdf>& pdf) {
  ASSERT_TRUE(pdf.ok()) << pdf.error().detail;
  ASSERT_GT(pdf->bytes.size(), 1000u);
  EXPECT_EQ(pdf->bytes.substr(0, 5), "%PDF-");
  const std::string tail = pdf->bytes.substr(pdf->bytes.size() - 16);
  EXPECT_NE(tail.find("%%EOF"), std::string::npos);
  EXPECT_GE(pdf->pages, 1);
  // The fonts are embedded (FontFile2), not referenced.
  EXPECT_NE(pdf->bytes.find("/FontFile2"), std::string::npos);
}

Header AHeader(FormSet set = FormSet::k2018) {
  return {"", "Sở Tư pháp tỉnh Bắc Ninh", "Bắc Ninh", kReceived, set};
}

Person AnApplicant() {
  return {"Nguyễn Thị Hường", "001190000123", "Số 5 đường Lý Thái Tổ, phường Suối Hoa, thành phố Bắc Ninh",
          "0912 345 678", "huong@example.vn"};
}

TEST(FormKinds, ParseAndPrintedNumbersFollowTheSet) {
  EXPECT_EQ(ParseKind("01"), FormKind::kReceipt);
  EXPECT_EQ(ParseKind("5"), FormKind::kControl);
  EXPECT_EQ(ParseKind("06"), FormKind::kBook);
  EXPECT_FALSE(ParseKind("07"));
  EXPECT_FALSE(ParseKind("x"));
  EXPECT_FALSE(ParseKind(""));
  EXPECT_EQ(PrintedNumber(FormKind::kReceipt, FormSet::k2018), "01");
  EXPECT_EQ(PrintedNumber(FormKind::kControl, FormSet::k2018), "05");
  EXPECT_EQ(PrintedNumber(FormKind::kBook, FormSet::k2018), "06");
  EXPECT_EQ(PrintedNumber(FormKind::kApology, FormSet::k2025), "04");
  EXPECT_EQ(PrintedNumber(FormKind::kControl, FormSet::k2025), "06");
  EXPECT_EQ(PrintedNumber(FormKind::kBook, FormSet::k2025), "07");
}

TEST(FormKinds, TheSetIsChosenByTheReceivedDayInVietnam) {
  EXPECT_EQ(SetFor(calendar::FromLocal({2025, 9, 14}, 23 * 60 + 59)), FormSet::k2018);
  EXPECT_EQ(SetFor(calendar::FromLocal({2025, 9, 15}, 0)), FormSet::k2025);
  EXPECT_EQ(SetFor(calendar::FromLocal({2019, 1, 6}, 8 * 60)), FormSet::k2018);
}

TEST(LookupUrl, CarriesTheNumberAndTheCodeWhenKnown) {
  EXPECT_EQ(LookupUrl("https://motcua.bacninh.gov.vn/", "000.00.04.H06-261124-0001", ""),
            "https://motcua.bacninh.gov.vn/tra-cuu?so=000.00.04.H06-261124-0001");
  EXPECT_EQ(LookupUrl("http://127.0.0.1:8080", "000.00.04.H06-261124-0001", "ABCD2345EFGH"),
            "http://127.0.0.1:8080/tra-cuu?so=000.00.04.H06-261124-0001&ma=ABCD2345EFGH");
  EXPECT_EQ(LookupUrl("http://x", "a b&c", "m=n"), "http://x/tra-cuu?so=a%20b%26c&ma=m%3Dn");
}

TEST(Forms, ReceiptRendersWithTheQrCodeOfTheLookup) {
  Receipt f;
  f.header = AHeader();
  f.number = "000.00.04.H06-261124-0001";
  f.applicant = AnApplicant();
  f.procedure = "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam";
  f.components = {"Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp (bản chính, số lượng: 1)",
                  "Bản chụp giấy tờ tùy thân (bản sao, số lượng: 1)"};
  f.statutory_time = "10 ngày làm việc";
  f.received_at = kReceived;
  f.due_at = kDue;
  f.delivery = "Bộ phận Tiếp nhận và Trả kết quả, Sở Tư pháp tỉnh Bắc Ninh";
  f.book_volume = "2026";
  f.book_entry = 1234;
  f.receiver = "Lý Thị Tâm";
  f.secret = "ABCD2345EFGH";
  f.lookup_url = LookupUrl("http://127.0.0.1:8080", f.number, f.secret);
  const auto pdf = RenderReceipt(f);
  ExpectWholePdf(pdf);
  ASSERT_TRUE(pdf.ok());
  EXPECT_EQ(pdf->qr_texts,
            std::vector<std::string>{"http://127.0.0.1:8080/tra-cuu?so=000.00.04.H06-261124-0001&ma=ABCD2345EFGH"});
  EXPECT_EQ(pdf->pages, 1);
  Keep(*pdf, "mau01.pdf");

  f.secret.clear();
  f.lookup_url = LookupUrl("http://127.0.0.1:8080", f.number, "");
  f.header.set = FormSet::k2025;
  const auto without = RenderReceipt(f);
  ExpectWholePdf(without);
  EXPECT_EQ(without->qr_texts, std::vector<std::string>{"http://127.0.0.1:8080/tra-cuu?so=000.00.04.H06-261124-0001"});
  Keep(*without, "mau01-2025.pdf");
}

TEST(Forms, ALongReceiptContinuesOnANewPage) {
  Receipt f;
  f.header = AHeader();
  f.number = "000.00.04.H06-261124-0002";
  f.applicant = AnApplicant();
  f.procedure = "Thủ tục";
  for (int i = 0; i < 40; ++i)
    f.components.push_back("Thành phần hồ sơ số " + std::to_string(i + 1) + " có tên khá dài để xuống dòng ở khổ A5");
  f.received_at = kReceived;
  f.due_at = kDue;
  f.lookup_url = LookupUrl("http://x", f.number, "");
  const auto pdf = RenderReceipt(f);
  ExpectWholePdf(pdf);
  EXPECT_GE(pdf->pages, 2);
}

TEST(Forms, SupplementRefusalApologyAndControlSlipRender) {
  Supplement s;
  s.header = AHeader();
  s.applicant = AnApplicant();
  s.procedure = "Cấp Phiếu lý lịch tư pháp";
  s.items = {"Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp", "Bổ sung bản chụp căn cước công dân còn hiệu lực"};
  s.reason = "Hồ sơ chưa đầy đủ,\r\n\tchưa đúng theo quy định của thủ tục hành chính.";   // typed line breaks
  s.guide = "Lý Thị Tâm";
  s.contact = "Lý Thị Tâm, Sở Tư pháp tỉnh Bắc Ninh";
  auto pdf = RenderSupplement(s);
  ExpectWholePdf(pdf);
  EXPECT_TRUE(pdf->qr_texts.empty()) << "no number at intake: no QR code";
  Keep(*pdf, "mau02.pdf");

  Refusal r;
  r.header = AHeader(FormSet::k2025);
  r.applicant = AnApplicant();
  r.procedure = "Cấp Phiếu lý lịch tư pháp";
  r.reasons = "Không thuộc thẩm quyền giải quyết của cơ quan; Người yêu cầu không cư trú tại tỉnh";
  r.signer = "Lý Thị Tâm";
  pdf = RenderRefusal(r);
  ExpectWholePdf(pdf);
  Keep(*pdf, "mau03.pdf");
  r.after_appraisal = true;
  r.number = "000.00.04.H06-261124-0003";
  r.lookup_url = LookupUrl("http://x", r.number, "");
  pdf = RenderRefusal(r);
  ExpectWholePdf(pdf);
  EXPECT_EQ(pdf->qr_texts.size(), 1u);
  Keep(*pdf, "mau03-appraisal.pdf");

  Apology a;
  a.header = AHeader();
  a.number = "000.00.04.H06-261124-0001";
  a.applicant = AnApplicant();
  a.procedure = "Cấp Phiếu lý lịch tư pháp";
  a.received_at = kReceived;
  a.old_due_at = kDue;
  a.new_due_at = kDue + 5 * calendar::kMillisPerDay;
  a.reason = "Chờ kết quả xác minh của cơ quan công an";
  a.lookup_url = LookupUrl("http://x", a.number, "");
  pdf = RenderApology(a);
  ExpectWholePdf(pdf);
  Keep(*pdf, "mau04.pdf");

  ControlSlip c;
  c.header = AHeader();
  c.number = "000.00.04.H06-261124-0001";
  c.applicant = "Nguyễn Thị Hường";
  c.received_at = kReceived;
  c.due_at = kDue;
  c.handling_unit = "Sở Tư pháp tỉnh Bắc Ninh";
  c.coordinating_units = "Công an tỉnh Bắc Ninh";
  c.handovers = {
      {"Bộ phận TN&TKQ", "Lý Thị Tâm", "Sở Tư pháp tỉnh Bắc Ninh", "Ngô Văn Phúc", kReceived, kReceived, "on_time",
       "Thẩm định hồ sơ"},
      {"Sở Tư pháp tỉnh Bắc Ninh", "Ngô Văn Phúc", "Công an tỉnh Bắc Ninh", "", kReceived + 86'400'000,
       kReceived + 86'400'000, "early", "Lấy ý kiến xác minh"},
      {"Công an tỉnh Bắc Ninh", "", "Sở Tư pháp tỉnh Bắc Ninh", "Bùi Thị Nga", kDue - 86'400'000, kDue - 2 * 86'400'000,
       "late", "Phê duyệt"},
  };
  pdf = RenderControlSlip(c);
  ExpectWholePdf(pdf);
  Keep(*pdf, "mau05.pdf");
  c.header.set = FormSet::k2025;
  for (int i = 0; i < 12; ++i) c.handovers.push_back(c.handovers[static_cast<std::size_t>(i % 3)]);
  pdf = RenderControlSlip(c);
  ExpectWholePdf(pdf);
  EXPECT_GE(pdf->pages, 2);
  Keep(*pdf, "mau06-2025-control.pdf");
}

TEST(Forms, TheBookPaginatesItsRows) {
  BookHeader h{AHeader(), 2026, 1, 12};
  BookWriter book(h);
  for (int i = 0; i < 120; ++i) {
    BookRow r;
    r.entry = i + 1;
    r.number = "000.00.04.H06-2611" + std::to_string(10 + i % 20) + "-" + std::to_string(1000 + i);
    r.procedure = i % 2 ? "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam" : "Đăng ký khai sinh";
    r.applicant = "Nguyễn Văn An " + std::to_string(i);
    r.address_phone = "Số 5 Lý Thái Tổ, Bắc Ninh / 0912345678";
    r.handling_unit = "Sở Tư pháp tỉnh Bắc Ninh";
    r.received_at = kReceived;
    r.due_at = kDue;
    if (i % 3 == 0) r.returned_at = kDue;
    r.notes = i % 3 == 0 ? "Đã trả kết quả, đúng hạn" : "Đang giải quyết";
    book.Add(r);
  }
  const auto pdf = book.Finish();
  ExpectWholePdf(pdf);
  EXPECT_GE(pdf->pages, 4);
  Keep(*pdf, "mau06.pdf");

  BookWriter empty({AHeader(FormSet::k2025), 2026, 3, 4});
  const auto none = empty.Finish();
  ExpectWholePdf(none);
  EXPECT_EQ(none->pages, 1);
  Keep(*none, "mau07-empty.pdf");
}

// The service side: who may print, which forms a state has produced, the lookup code, the book.
class FormsService : public ::testing::Test, protected TestServices {
 protected:
  FormsService() : TestServices(calendar::FromLocal({2026, 11, 16}, 9 * 60)) {}   // a Monday
  void SetUp() override {
    const Actor system;
    ASSERT_TRUE(db_->Write([&](db::Tx& tx) -> Status {
      for (const char* code : {"000.00.15.H06", "000.00.16.H06"}) {
        org::AgencyInput in{.name = std::string("Sở Thử nghiệm tỉnh Bắc Ninh ") + code, .short_name = code,
                            .unit_code = code, .valid_from = "2020-01-01"};
        EISO_TRY(id, org_.Insert(tx, system, in));
        agencies_.push_back(id);
      }
      EISO_CHECK(documents_.InsertQms(tx, system, {.owner_agency_id = agencies_[0], .name = "HTQLCL"}));
      procedures::VersionInput v;
      v.effective_from = "2025-01-01";
      v.name = "Cấp giấy phép thử nghiệm";
      v.sector = "Khoa học";
      v.agency_ids = {agencies_[0]};
      v.statutory_time = {5, procedures::TimeUnit::kWorkingDay};
      v.fee = "Không";
      v.result = "Giấy phép";
      v.components = {{"Đơn đề nghị", procedures::PaperForm::kOriginal, 1, true}};
      EISO_TRY(pid, procedures_.Insert(tx, system, "1.999999", v));
      procedure_ = pid;
      using procedures::StepKind;
      using procedures::TimeUnit;
      const std::vector<procedures::Step> steps = {
          {"Tiếp nhận", "Một cửa", StepKind::kReceive, {4, TimeUnit::kWorkingHour}, std::nullopt, std::nullopt},
          {"Thẩm định", "Phòng chuyên môn", StepKind::kAppraise, {2, TimeUnit::kWorkingDay}, std::nullopt, std::nullopt},
          {"Phê duyệt", "Lãnh đạo", StepKind::kApprove, {1, TimeUnit::kWorkingDay}, std::nullopt, std::nullopt},
      };
      EISO_TRY(doc, procedures_.InsertIssuedProcess(tx, system, pid, agencies_[0], steps, "2025-01-01", 480));
      (void)doc;
      EISO_TRY(user, auth_.AddUser(tx, system,
                                   {.agency_id = agencies_[0], .username = "motcua", .full_name = "Lý Thị Tâm",
                                    .roles = static_cast<std::uint32_t>(Role::kClerk)},
                                   "x"));
      clerk_ = {.user_id = user, .agency_id = agencies_[0], .roles = static_cast<std::uint32_t>(Role::kClerk),
                .username = "motcua"};
      return Ok();
    }).ok());
    outsider_ = {.user_id = 99, .agency_id = agencies_[1], .roles = static_cast<std::uint32_t>(Role::kClerk),
                 .username = "khac"};
  }

  Dossier Receive(IntakeOutcome outcome = IntakeOutcome::kReceive) {
    ReceiveInput in{.agency_id = agencies_[0], .procedure_id = procedure_, .channel = Channel::kCounter,
                    .applicant = {"Nguyễn Văn An", "001090000001", "Bắc Ninh", "0912000000", ""},
                    .components = {0}};
    in.outcome = outcome;
    if (outcome == IntakeOutcome::kRefuse) in.notes = {"Không thuộc thẩm quyền"};
    if (outcome == IntakeOutcome::kGuide) in.components.clear();
    auto d = dossiers_.Receive(clerk_, in);
    EXPECT_TRUE(d.ok()) << (d.ok() ? "" : d.error().message_key);
    return *d;
  }

  std::vector<AgencyId> agencies_;
  procedures::ProcedureId procedure_ = 0;
  Actor clerk_, outsider_;
};

TEST_F(FormsService, PrintsTheReceiptWithTheCodeOnlyWhenItMatches) {
  const Dossier d = Receive();
  const auto with = dossiers_.PrintForm(clerk_, d.id, FormKind::kReceipt, *d.secret, "http://eiso.test");
  ASSERT_TRUE(with.ok()) << with.error().message_key;
  EXPECT_EQ(with->filename, "Mau01-" + *d.number + ".pdf");
  EXPECT_EQ(with->pdf.substr(0, 5), "%PDF-");
  const auto wrong = dossiers_.PrintForm(clerk_, d.id, FormKind::kReceipt, "AAAAAAAAAAAA", "http://eiso.test");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().message_key, "dossiers.bad_secret");
  EXPECT_EQ(wrong.error().field, "secret");
  EXPECT_TRUE(dossiers_.VerifySecret(clerk_, d.id, *d.secret).ok());
  const auto hidden = dossiers_.PrintForm(outsider_, d.id, FormKind::kReceipt, "", "http://eiso.test");
  ASSERT_FALSE(hidden.ok());
  EXPECT_EQ(hidden.error().code, ErrorCode::kNotFound);
  // The control slip exists from intake, the others only once the state has produced them.
  EXPECT_TRUE(dossiers_.PrintForm(clerk_, d.id, FormKind::kControl, "", "http://eiso.test").ok());
  for (FormKind k : {FormKind::kSupplement, FormKind::kRefusal, FormKind::kApology}) {
    const auto no = dossiers_.PrintForm(clerk_, d.id, k, "", "http://eiso.test");
    ASSERT_FALSE(no.ok());
    EXPECT_EQ(no.error().message_key, "dossiers.form_not_applicable");
    EXPECT_EQ(no.error().field, "kind");
  }
}

TEST_F(FormsService, GuidanceAndRefusalHaveTheirForms) {
  const Dossier guided = Receive(IntakeOutcome::kGuide);
  const auto g = dossiers_.PrintForm(clerk_, guided.id, FormKind::kSupplement, "", "http://eiso.test");
  ASSERT_TRUE(g.ok()) << g.error().message_key;
  EXPECT_EQ(g->filename, "Mau02-hoso" + std::to_string(guided.id) + ".pdf");
  EXPECT_FALSE(dossiers_.PrintForm(clerk_, guided.id, FormKind::kReceipt, "", "http://eiso.test").ok());
  const Dossier refused = Receive(IntakeOutcome::kRefuse);
  EXPECT_TRUE(dossiers_.PrintForm(clerk_, refused.id, FormKind::kRefusal, "", "http://eiso.test").ok());
  EXPECT_FALSE(dossiers_.PrintForm(clerk_, refused.id, FormKind::kControl, "", "http://eiso.test").ok());
}

TEST_F(FormsService, TheBookIsForTheUnitTheProvinceAndDostWithinItsSize) {
  Receive();
  const Service::BookQuery year{agencies_[0], 2026, 1, 12};
  const auto book = dossiers_.PrintBook(clerk_, year);
  ASSERT_TRUE(book.ok()) << book.error().message_key;
  EXPECT_EQ(book->filename, "Mau07-SoTheoDoi-000.00.15.H06-2026.pdf");
  EXPECT_EQ(dossiers_.PrintBook(outsider_, year).error().code, ErrorCode::kForbidden);
  Actor dost = outsider_;
  dost.roles = static_cast<std::uint32_t>(Role::kDostEvaluator);
  EXPECT_TRUE(dossiers_.PrintBook(dost, year).ok());
  EXPECT_EQ(dossiers_.PrintBook(clerk_, {agencies_[0], 2026, 5, 4}).error().field, "to");
  EXPECT_EQ(dossiers_.PrintBook(clerk_, {agencies_[0], 1999, 1, 12}).error().field, "year");

  // More rows than a book prints at once: a month range is asked for.
  ASSERT_TRUE(db_->Write([&](db::Tx& tx) -> Status {
    const core::Millis march = calendar::FromLocal({2026, 3, 2}, 8 * 60);
    for (std::int64_t i = 0; i < Service::kBookMaxRows; ++i)
      tx.Exec("INSERT INTO dossiers (agency_id, procedure_id, procedure_version_id, process_document_id, "
              "process_version, number, status, outcome, channel, applicant_name, applicant_id_number, "
              "applicant_address, applicant_phone, applicant_email, components_json, missing_json, reasons, "
              "received_at, allowance_unit, allowance_amount, cutoff_rule, received_by, updated_at) VALUES "
              "(?, ?, 1, 1, 1, ?, 2, 'received', 1, 'A', '', '', '', '', '[]', '[]', '', ?, 'working_days', 5, 0, 1, ?)",
              {agencies_[0], procedure_, "X-" + std::to_string(i), march + i, march});
    return Ok();
  }).ok());
  const auto large = dossiers_.PrintBook(clerk_, year);
  ASSERT_FALSE(large.ok());
  EXPECT_EQ(large.error().message_key, "dossiers.book_too_large");
  EXPECT_TRUE(dossiers_.PrintBook(clerk_, {agencies_[0], 2026, 11, 11}).ok());
}

}  // namespace
}  // namespace eiso::dossiers::forms
