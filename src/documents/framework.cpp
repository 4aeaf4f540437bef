// The framework model (mô hình khung HTQLCL): the documents every agency's QMS needs, written for
// a provincial department; communes and vertical agencies get the same set with their wording
// (QĐ 101/QĐ-BKHCN and the ministries' models for vertical agencies, TT 26/2014 art. 5.3).
#include "documents/service.hpp"

namespace eiso::documents {
namespace {

constexpr std::string_view kPolicy =
    "<h2>CHÍNH SÁCH CHẤT LƯỢNG</h2>"
    "<p>{agency} cam kết xây dựng, áp dụng, duy trì và cải tiến hệ thống quản lý chất lượng phù hợp "
    "tiêu chuẩn TCVN ISO 9001:2015 trong giải quyết thủ tục hành chính.</p>"
    "<ul><li>Công khai, minh bạch thủ tục hành chính; giải quyết đúng hạn, đúng quy định.</li>"
    "<li>Lấy sự hài lòng của người dân, doanh nghiệp làm thước đo chất lượng phục vụ.</li>"
    "<li>Cán bộ, công chức tận tụy, chuyên nghiệp, không ngừng nâng cao năng lực.</li></ul>";

constexpr std::string_view kObjectives =
    "<h2>MỤC TIÊU CHẤT LƯỢNG NĂM</h2>"
    "<ol><li>100% hồ sơ thủ tục hành chính được tiếp nhận, giải quyết theo quy trình ISO đã ban hành.</li>"
    "<li>Tỷ lệ hồ sơ giải quyết đúng hạn đạt từ 98% trở lên.</li>"
    "<li>Tỷ lệ người dân, doanh nghiệp hài lòng đạt từ 95% trở lên.</li>"
    "<li>Không có phản ánh, kiến nghị về thái độ phục vụ được xác minh là đúng.</li></ol>"
    "<p>Phương pháp đo: thống kê từ phần mềm một cửa điện tử, hằng quý.</p>";

constexpr std::string_view kDocumentControl =
    "<h2>1. Mục đích</h2><p>Quy định thống nhất cách biên soạn, xem xét, phê duyệt, ban hành, phân phối, "
    "sửa đổi và thu hồi tài liệu của hệ thống quản lý chất lượng.</p>"
    "<h2>2. Phạm vi</h2><p>Áp dụng cho mọi tài liệu nội bộ và tài liệu có nguồn gốc bên ngoài.</p>"
    "<h2>3. Tài liệu viện dẫn</h2><p>TCVN ISO 9001:2015 điều 7.5; Quyết định 19/2014/QĐ-TTg; QĐ 101/QĐ-BKHCN.</p>"
    "<h2>4. Nội dung</h2><ol><li>Chuyên viên dự thảo; thư ký ISO xem xét hình thức.</li>"
    "<li>Lãnh đạo phê duyệt và ký; thư ký ISO ban hành, phân phối đến đơn vị liên quan.</li>"
    "<li>Phiên bản cũ được đánh dấu hết hiệu lực và lưu trữ, không sử dụng.</li>"
    "<li>Khi văn bản pháp luật thay đổi, cập nhật tài liệu trong vòng 3 tháng.</li></ol>"
    "<h2>5. Biểu mẫu</h2><p>BM-01/QT-01 Danh mục tài liệu nội bộ; BM-02/QT-01 Phiếu yêu cầu sửa đổi tài liệu.</p>";

constexpr std::string_view kRecords =
    "<h2>1. Mục đích</h2><p>Quy định việc nhận biết, lưu giữ, bảo vệ, sử dụng và hủy hồ sơ.</p>"
    "<h2>2. Nội dung</h2><ol><li>Mỗi quy trình nêu rõ hồ sơ cần lưu, nơi lưu và thời gian lưu.</li>"
    "<li>Hồ sơ điện tử được sao lưu định kỳ; hồ sơ giấy lưu theo danh mục.</li>"
    "<li>Hồ sơ hết thời hạn lưu được hủy theo quy định về lưu trữ.</li></ol>"
    "<h2>3. Biểu mẫu</h2><p>BM-01/QT-02 Danh mục hồ sơ.</p>";

constexpr std::string_view kInternalAudit =
    "<h2>1. Mục đích</h2><p>Đánh giá nội bộ ít nhất mỗi năm một lần để xác định hệ thống quản lý chất lượng "
    "được áp dụng và duy trì có hiệu lực.</p>"
    "<h2>2. Nội dung</h2><ol><li>Thư ký ISO lập chương trình đánh giá, lãnh đạo phê duyệt.</li>"
    "<li>Chuyên gia đánh giá không đánh giá công việc của chính mình.</li>"
    "<li>Phát hiện không phù hợp được chuyển sang quy trình hành động khắc phục.</li></ol>"
    "<h2>3. Biểu mẫu</h2><p>BM-01/QT-03 Chương trình đánh giá nội bộ; BM-02/QT-03 Báo cáo đánh giá.</p>";

constexpr std::string_view kNonconformity =
    "<h2>1. Mục đích</h2><p>Kiểm soát sự không phù hợp (hồ sơ trễ hạn, sai sót) và thực hiện hành động "
    "khắc phục để loại bỏ nguyên nhân.</p>"
    "<h2>2. Nội dung</h2><ol><li>Ghi nhận sự không phù hợp, xử lý ngay hậu quả (xin lỗi, hẹn lại).</li>"
    "<li>Phân tích nguyên nhân, đề xuất hành động khắc phục, lãnh đạo phê duyệt.</li>"
    "<li>Thư ký ISO theo dõi và đánh giá hiệu lực của hành động khắc phục.</li></ol>"
    "<h2>3. Biểu mẫu</h2><p>BM-01/QT-04 Phiếu yêu cầu hành động khắc phục.</p>";

constexpr std::string_view kManagementReview =
    "<h2>1. Mục đích</h2><p>Lãnh đạo xem xét hệ thống quản lý chất lượng ít nhất mỗi năm một lần.</p>"
    "<h2>2. Đầu vào</h2><p>Kết quả đánh giá nội bộ, mức độ hài lòng, kết quả thực hiện mục tiêu, "
    "tình trạng hành động khắc phục, rủi ro và cơ hội, thay đổi pháp luật.</p>"
    "<h2>3. Đầu ra</h2><p>Quyết định cải tiến, nhu cầu nguồn lực, thay đổi hệ thống.</p>"
    "<h2>4. Biểu mẫu</h2><p>BM-01/QT-05 Biên bản họp xem xét của lãnh đạo.</p>";

constexpr std::string_view kFormDocumentList =
    "<h2>DANH MỤC TÀI LIỆU NỘI BỘ</h2><table><tr><th>STT</th><th>Mã tài liệu</th><th>Tên tài liệu</th>"
    "<th>Lần ban hành</th><th>Ngày hiệu lực</th></tr></table>";
constexpr std::string_view kFormChangeRequest =
    "<h2>PHIẾU YÊU CẦU SỬA ĐỔI TÀI LIỆU</h2><p>Tên tài liệu: …… Mã: ……</p>"
    "<p>Nội dung đề nghị sửa đổi: ……</p><p>Lý do: ……</p><p>Người đề nghị: …… Ngày: ……</p>";
constexpr std::string_view kFormCorrectiveAction =
    "<h2>PHIẾU YÊU CẦU HÀNH ĐỘNG KHẮC PHỤC</h2><p>Mô tả sự không phù hợp: ……</p>"
    "<p>Nguyên nhân: ……</p><p>Hành động khắc phục: ……</p><p>Kiểm tra hiệu lực: ……</p>";
constexpr std::string_view kFormReviewMinutes =
    "<h2>BIÊN BẢN HỌP XEM XÉT CỦA LÃNH ĐẠO</h2><p>Thời gian: …… Địa điểm: ……</p>"
    "<p>Thành phần: ……</p><p>Nội dung xem xét: ……</p><p>Kết luận: ……</p>";

}  // namespace

std::vector<Template> FrameworkModel(std::string_view agency_kind) {
  const bool commune = agency_kind == "commune_pc";
  std::vector<Template> set = {
      {"CS-01", Kind::kPolicy, "Chính sách chất lượng", kPolicy},
      {"MT-01", Kind::kObjectives, "Mục tiêu chất lượng", kObjectives},
      {"QT-01", Kind::kProcess, "Quy trình kiểm soát tài liệu", kDocumentControl},
      {"QT-02", Kind::kProcess, "Quy trình kiểm soát hồ sơ", kRecords},
      {"QT-03", Kind::kProcess, "Quy trình đánh giá nội bộ", kInternalAudit},
      {"QT-04", Kind::kProcess, "Quy trình kiểm soát sự không phù hợp và hành động khắc phục", kNonconformity},
      {"QT-05", Kind::kProcess, "Quy trình xem xét của lãnh đạo", kManagementReview},
      {"BM-01/QT-01", Kind::kForm, "Danh mục tài liệu nội bộ", kFormDocumentList},
      {"BM-02/QT-01", Kind::kForm, "Phiếu yêu cầu sửa đổi tài liệu", kFormChangeRequest},
      {"BM-01/QT-04", Kind::kForm, "Phiếu yêu cầu hành động khắc phục", kFormCorrectiveAction},
      {"BM-01/QT-05", Kind::kForm, "Biên bản họp xem xét của lãnh đạo", kFormReviewMinutes},
  };
  // A commune keeps the management review inside the People's Committee meeting: same records,
  // a simpler form set (the MOST model for communes).
  if (commune) std::erase_if(set, [](const Template& t) { return t.code == "BM-02/QT-01"; });
  return set;
}

}  // namespace eiso::documents
