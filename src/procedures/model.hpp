// Administrative procedures (thủ tục hành chính, TTHC) as published in the national TTHC database,
// and the ISO processes (quy trình nội bộ) that carry their dossiers through an agency.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/actor.hpp"
#include "core/clock.hpp"

namespace eiso::procedures {

using ProcedureId = std::int64_t;
using VersionId = std::int64_t;
using DocumentId = std::int64_t;

// Units of a statutory processing time (thời hạn giải quyết): ngày làm việc, giờ làm việc, ngày
// (calendar days).
enum class TimeUnit { kWorkingDay, kWorkingHour, kDay };
std::string_view ToString(TimeUnit u);
std::optional<TimeUnit> ParseTimeUnit(std::string_view s);

struct Duration {
  double value = 0;    // 0,5 ngày làm việc is 0.5
  TimeUnit unit = TimeUnit::kWorkingDay;
  bool operator==(const Duration&) const = default;
};

// Dịch vụ công trực tuyến toàn trình / một phần (Decree 42/2022); kNone: in person or by post only.
enum class OnlineLevel { kFull, kPartial, kNone };
std::string_view ToString(OnlineLevel l);
std::optional<OnlineLevel> ParseOnlineLevel(std::string_view s);

// Thành phần hồ sơ: one paper the applicant hands in.
enum class PaperForm { kOriginal, kCopy, kOriginalOrCopy };   // bản chính / bản sao / bản chính hoặc bản sao
std::string_view ToString(PaperForm f);
std::optional<PaperForm> ParsePaperForm(std::string_view s);

struct Component {
  std::string name;
  PaperForm form = PaperForm::kOriginal;
  int copies = 1;
  bool required = true;
  bool operator==(const Component&) const = default;
};

struct AgencyRef {
  AgencyId id = 0;
  std::string name;
  std::string unit_code;
  bool operator==(const AgencyRef&) const = default;
};

// What a publication decision says about a procedure from a date on. Never edited: a change is a
// new version with a later effective date.
struct VersionInput {
  std::string effective_from;            // YYYY-MM-DD
  std::string name;
  std::string sector;                    // lĩnh vực, e.g. "Hộ tịch"
  std::vector<AgencyId> agency_ids;      // cơ quan thực hiện
  Duration statutory_time;
  std::string fee;                       // phí, lệ phí, as published
  std::string result;                    // kết quả thực hiện
  std::vector<std::string> legal_basis;  // căn cứ pháp lý: document numbers
  std::vector<Component> components;
  OnlineLevel online_level = OnlineLevel::kNone;
  bool boundary_free = false;            // tiếp nhận không phụ thuộc địa giới hành chính
  bool cutoff_rule = false;              // received after 15:00 counts from the next working day
};

struct ProcedureVersion {
  VersionId id = 0;
  std::string effective_from;
  std::optional<std::string> effective_to;   // the next version's effective date (exclusive)
  std::string name;
  std::string sector;
  std::vector<AgencyRef> agencies;
  Duration statutory_time;
  std::string fee;
  std::string result;
  std::vector<std::string> legal_basis;
  std::vector<Component> components;
  OnlineLevel online_level = OnlineLevel::kNone;
  bool boundary_free = false;
  bool cutoff_rule = false;
  core::Millis created_at = 0;
};

// Steps of a process. Kinds follow the one-stop flow (Decree 61/2018 art. 17–20): tiếp nhận,
// thẩm định, phê duyệt, ký, lấy ý kiến cơ quan khác (liên thông), trả kết quả.
enum class StepKind { kReceive, kAppraise, kApprove, kSign, kConsult, kReturn };
std::string_view ToString(StepKind k);
std::optional<StepKind> ParseStepKind(std::string_view s);

struct Step {
  std::string name;
  std::string responsible;               // unit or role, as the process table says
  StepKind kind = StepKind::kAppraise;
  Duration budget;                       // working days or working hours only
  // Adjacent steps with the same group run in parallel (inter-agency consultations sent at once,
  // Decree 61/2018 art. 19.6); the group takes as long as its longest step.
  std::optional<int> parallel_group;
  std::optional<AgencyId> agency_id;     // the agency consulted
  bool operator==(const Step&) const = default;
};

struct ProcessVersion {
  int number = 0;
  std::string state;                     // the documents module's state of that version
  std::optional<std::string> effective_date;
  std::vector<Step> steps;
  std::int64_t total_minutes = 0;        // working minutes, parallel groups by their longest step
};

// The process of one procedure in one agency.
struct Process {
  DocumentId document_id = 0;
  ProcedureId procedure_id = 0;
  std::string procedure_code;
  AgencyRef agency;
  std::string code;                      // the document's code, e.g. "QT-TTHC-1.001193"
  std::string title;
  std::optional<int> current_version;    // the issued one
  std::vector<ProcessVersion> versions;  // newest first, those the reader may see
};

struct Procedure {
  ProcedureId id = 0;
  std::string code;                      // national code, e.g. "1.001193"
  ProcedureVersion current;              // in force on the day asked (or the first to come)
  std::vector<ProcedureVersion> versions;   // newest effective date first; only in Get
  std::vector<Process> processes;        // summaries (no versions); only in Get
};

// The process a dossier received on a date must follow: the caller keeps (document_id, version)
// so that a later issue never changes it.
struct ProcessInForce {
  DocumentId document_id = 0;
  int version = 0;
  std::string effective_date;
  std::vector<Step> steps;
  std::int64_t total_minutes = 0;
};

struct ListFilter {
  std::string query;                     // code or name, diacritics optional
  std::string sector;
  std::optional<AgencyId> agency_id;
  std::string date;                      // YYYY-MM-DD, empty: today
};

}  // namespace eiso::procedures
