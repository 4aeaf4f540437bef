#include "dossiers/service.hpp"

namespace eiso::dossiers {

std::span<const core::Message> Messages() {
  static const core::Message kMessages[] = {
      {"dossiers.not_found", "Không tìm thấy hồ sơ.", "Dossier not found."},
      {"dossiers.step_not_found", "Không tìm thấy bước xử lý.", "Processing step not found."},
      {"dossiers.changed", "Hồ sơ vừa được người khác cập nhật, vui lòng tải lại.",
       "The dossier was changed meanwhile; reload it."},
      {"dossiers.agency_not_competent", "Cơ quan không có thẩm quyền giải quyết thủ tục này.",
       "This agency is not competent for the procedure."},
      {"dossiers.bad_component", "Thành phần hồ sơ không có trong thủ tục.", "Unknown dossier component."},
      {"dossiers.components_missing", "Hồ sơ còn thiếu thành phần bắt buộc: hướng dẫn bổ sung (Mẫu 02).",
       "Required components are missing: give supplement guidance (form 02)."},
      {"dossiers.nothing_missing", "Không có thành phần nào cần bổ sung.", "Nothing is missing to guide on."},
      {"dossiers.reasons_required", "Vui lòng nêu rõ lý do.", "State the reasons."},
      {"dossiers.already_guided", "Hồ sơ đã được hướng dẫn bổ sung một lần.",
       "Supplement guidance was already given once for this dossier."},
      {"dossiers.bad_channel", "Kênh tiếp nhận không hợp lệ (1 trực tiếp, 2 trực tuyến, 3 bưu chính).",
       "Invalid channel (1 counter, 2 online, 3 postal)."},
      {"dossiers.bad_outcome", "Kết quả tiếp nhận không hợp lệ.", "Invalid intake outcome."},
      {"dossiers.bad_status", "Trạng thái hồ sơ không cho phép thao tác này.", "The dossier's status forbids this."},
      {"dossiers.step_not_active", "Bước xử lý không ở trạng thái đang xử lý.", "The step is not in progress."},
      {"dossiers.use_decide", "Bước phê duyệt, ký và trả kết quả dùng chức năng riêng.",
       "Approval, signing and return steps have their own actions."},
      {"dossiers.steps_open", "Còn bước xử lý chưa hoàn thành.", "Some processing steps are still open."},
      {"dossiers.items_required", "Vui lòng liệt kê giấy tờ cần bổ sung.", "List the items to supplement."},
      {"dossiers.apology_used", "Hồ sơ đã được hẹn lại một lần.", "The appointment was already moved once."},
      {"dossiers.apology_too_late", "Phải xin lỗi và hẹn lại chậm nhất 01 ngày làm việc trước hạn trả.",
       "The apology must come at least one working day before the due time."},
      {"dossiers.bad_new_due", "Ngày hẹn mới phải sau ngày hẹn hiện tại.",
       "The new appointment must be after the current due time."},
      {"dossiers.bad_metric", "Chỉ tiêu thống kê không hợp lệ.", "Unknown statistics metric."},
      {"dossiers.bad_group_by", "Cách nhóm số liệu không hợp lệ (theo tháng, cơ quan, cấp hoặc thủ tục).",
       "Unknown grouping (use period, agency, level or procedure)."},
      {"dossiers.bad_queue", "Danh sách công việc không hợp lệ.", "Unknown work queue."},
      {"dossiers.bad_receiver", "Người nhận phải là chuyên viên hoặc lãnh đạo đang làm việc tại đơn vị thực hiện bước này.",
       "The receiver must be an active officer or leader of the unit that performs this step."},
      {"dossiers.bad_delta", "Điều chỉnh chỉ được là +1 hoặc -1.", "A correction is +1 or -1."},
      {"dossiers.form_not_applicable", "Hồ sơ ở trạng thái này không có biểu mẫu đã chọn.",
       "The dossier's state has not produced this form."},
      {"dossiers.bad_form_kind", "Biểu mẫu không hợp lệ (Mẫu 01 đến 05; sổ theo dõi in riêng).",
       "Unknown form (01 to 05; the tracking book is printed on its own)."},
      {"dossiers.bad_secret", "Mã tra cứu không đúng với mã đã cấp khi tiếp nhận.",
       "The lookup code does not match the one given at intake."},
      {"dossiers.bad_period", "Năm hoặc tháng không hợp lệ (tháng từ 1 đến 12, từ tháng không sau đến tháng).",
       "Invalid year or month (months 1 to 12, from not after to)."},
      {"dossiers.book_too_large",
       "Sổ theo dõi có quá nhiều hồ sơ để in một lần: hãy chọn khoảng tháng (from, to) ngắn hơn.",
       "The tracking book holds too many dossiers to print at once: choose a shorter month range (from, to)."},
  };
  return kMessages;
}

}  // namespace eiso::dossiers
