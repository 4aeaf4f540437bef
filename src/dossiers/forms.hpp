// Printable one-stop forms (biểu mẫu một cửa, TT 01/2018/TT-VPCP art. 9; TT 03/2025/TT-VPCP Phụ
// lục I) as PDF: plain structs in, PDF bytes out; no database. Wording and layout follow
// /work/shared/domain/forms-vn.md (a reconstruction: the annexes themselves were not found), A5
// portrait for the forms, A4 landscape for the tracking book. Text is UTF-8 in DejaVu Sans
// (embedded), wrapped to its column; the lookup QR code is drawn as filled squares.
// A form is stored and addressed by its kind (the 2018 numbering); the number printed on it comes
// from the set in force when the dossier was received (2018 or 2025, which renumbers the control
// slip and the book).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace eiso::dossiers::forms {

enum class FormKind : int {
  kReceipt = 1,      // Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01)
  kSupplement = 2,   // Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)
  kRefusal = 3,      // Phiếu từ chối tiếp nhận giải quyết hồ sơ (Mẫu 03)
  kApology = 4,      // Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04; 2025: renamed)
  kControl = 5,      // Phiếu kiểm soát quá trình giải quyết hồ sơ (Mẫu 05; 2025: Mẫu 06)
  kBook = 6,         // Sổ theo dõi hồ sơ (Mẫu 06; 2025: Mẫu 07)
};
// "01".."06" (also "1".."6").
std::optional<FormKind> ParseKind(std::string_view text);

enum class FormSet { k2018, k2025 };
// The set in force for a dossier received at `received_at` (see kForms2025From in forms.cpp).
FormSet SetFor(core::Millis received_at);
// The number printed on the form: "01".."07".
std::string PrintedNumber(FormKind kind, FormSet set);

// The public lookup address a QR code carries: <public_url>/tra-cuu?so=<number>[&ma=<secret>].
std::string LookupUrl(const std::string& public_url, const std::string& number, const std::string& secret);

// The common header (forms-vn §1.2): agency lines on the left, the national motto on the right.
struct Header {
  std::string parent_agency;       // cơ quan chủ quản; may be empty
  std::string agency;              // the agency (or its single window) issuing the form
  std::string place;               // địa danh of the date line; empty prints a blank
  core::Millis issued_at = 0;      // the date line
  FormSet set = FormSet::k2018;
};

struct Person {
  std::string name;
  std::string id_number;
  std::string address;
  std::string phone;
  std::string email;
};

// Mẫu 01.
struct Receipt {
  Header header;
  std::string number;                   // mã hồ sơ
  Person applicant;
  std::string procedure;                // nội dung yêu cầu giải quyết
  std::vector<std::string> components;  // thành phần hồ sơ, each with its paper form and copies
  int sets = 1;                         // số lượng hồ sơ (bộ)
  std::string statutory_time;           // "10 ngày làm việc"
  core::Millis received_at = 0;
  core::Millis due_at = 0;
  std::string delivery;                 // đăng ký nhận kết quả tại
  std::string book_volume;              // Quyển số
  std::int64_t book_entry = 0;          // Số thứ tự
  std::string receiver;                 // người tiếp nhận hồ sơ (full name)
  std::string lookup_url;               // in the QR code
  std::string secret;                   // empty: given at intake, not printed again
};

// Mẫu 02: at intake (guidance) or after appraisal (supplement request).
struct Supplement {
  Header header;
  std::string number;                   // empty at intake (no number yet)
  Person applicant;
  std::string procedure;
  std::vector<std::string> items;
  std::string reason;
  std::string contact;                  // "liên hệ với …": the guiding person and unit
  std::string guide;                    // người hướng dẫn (full name)
  std::string lookup_url;               // empty: no QR code
};

// Mẫu 03: refused at intake, or a negative decision after appraisal (art. 19.8).
struct Refusal {
  Header header;
  std::string number;                   // empty when refused at intake
  Person applicant;
  std::string procedure;
  std::string reasons;
  bool after_appraisal = false;
  std::string signer;                   // người tiếp nhận hồ sơ, or the deciding leader
  std::string lookup_url;
};

// Mẫu 04.
struct Apology {
  Header header;
  std::string number;
  Person applicant;
  std::string procedure;
  core::Millis received_at = 0;
  core::Millis old_due_at = 0;
  core::Millis new_due_at = 0;
  std::string reason;
  std::string lookup_url;
};

// One handover of Mẫu 05: "1. Giao: <giver unit> / 2. Nhận: <receiver unit>".
struct Handover {
  std::string giver_unit;
  std::string giver;                    // person, may be empty
  std::string receiver_unit;
  std::string receiver;
  core::Millis at = 0;
  std::optional<core::Millis> due_at;   // the giving step's due time
  std::string result;                   // "early" / "on_time" / "late", empty while open
  std::string note;
};

// Mẫu 05.
struct ControlSlip {
  Header header;
  std::string number;
  std::string applicant;
  core::Millis received_at = 0;
  std::optional<core::Millis> due_at;
  std::string handling_unit;            // cơ quan (bộ phận) giải quyết hồ sơ
  std::string coordinating_units;       // cơ quan phối hợp giải quyết hồ sơ
  std::vector<Handover> handovers;
  std::string lookup_url;
};

// One line of Mẫu 06.
struct BookRow {
  std::int64_t entry = 0;               // số thứ tự in the year's book
  std::string number;
  std::string procedure;
  std::string applicant;
  std::string address_phone;
  std::string handling_unit;
  core::Millis received_at = 0;
  std::optional<core::Millis> due_at;
  std::optional<core::Millis> returned_at;
  std::string notes;
};

struct BookHeader {
  Header header;
  int year = 0;
  int from_month = 1;
  int to_month = 12;
};

struct Pdf {
  std::string bytes;
  int pages = 0;
  std::vector<std::string> qr_texts;    // what was handed to libqrencode, in order (a test seam)
};

Result<Pdf> RenderReceipt(const Receipt& form);
Result<Pdf> RenderSupplement(const Supplement& form);
Result<Pdf> RenderRefusal(const Refusal& form);
Result<Pdf> RenderApology(const Apology& form);
Result<Pdf> RenderControlSlip(const ControlSlip& form);

// Mẫu 06, written row by row so that a caller can read the rows page by page; the document
// itself stays in memory until Finish.
class BookWriter {
 public:
  explicit BookWriter(const BookHeader& header);
  ~BookWriter();
  BookWriter(const BookWriter&) = delete;
  BookWriter& operator=(const BookWriter&) = delete;
  void Add(const BookRow& row);
  // Page numbers, the notes, and the bytes; kInternal if libharu reported an error.
  Result<Pdf> Finish();

 private:
  struct Impl;
  Impl* impl_;
};

}  // namespace eiso::dossiers::forms
