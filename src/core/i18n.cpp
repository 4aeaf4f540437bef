#include "core/i18n.hpp"

namespace eiso::core {

void MessageCatalog::Add(std::span<const Message> messages) {
  for (const Message& m : messages) messages_[std::string(m.key)] = m;
}

std::string MessageCatalog::Localize(std::string_view key, Lang lang) const {
  auto it = messages_.find(std::string(key));
  if (it == messages_.end()) return std::string(key);
  return std::string(lang == Lang::kEn ? it->second.en : it->second.vi);
}

Lang LangFromAcceptLanguage(std::string_view header) {
  while (!header.empty() && header.front() == ' ') header.remove_prefix(1);
  if (header.size() >= 2 && (header[0] == 'e' || header[0] == 'E') &&
      (header[1] == 'n' || header[1] == 'N'))
    return Lang::kEn;
  return Lang::kVi;
}

std::span<const Message> CommonMessages() {
  static const Message kMessages[] = {
      {"common.not_found", "Không tìm thấy.", "Not found."},
      {"common.route_not_found", "Không có địa chỉ này.", "No such address."},
      {"common.method_not_allowed", "Phương thức không được hỗ trợ cho địa chỉ này.",
       "This method is not allowed on this address."},
      {"common.bad_json", "Dữ liệu gửi lên không phải JSON hợp lệ.", "The request body is not valid JSON."},
      {"common.bad_request", "Yêu cầu không hợp lệ.", "Bad request."},
      {"common.payload_too_large", "Dữ liệu gửi lên vượt quá giới hạn cho phép.",
       "The request body is larger than allowed."},
      {"common.header_too_large", "Phần đầu yêu cầu quá lớn.", "The request header is too large."},
      {"common.conflict", "Dữ liệu đã bị thay đổi hoặc trùng lặp. Vui lòng tải lại.",
       "The data changed meanwhile or is a duplicate. Please reload."},
      {"common.rate_limited", "Quá nhiều yêu cầu. Vui lòng thử lại sau.",
       "Too many requests. Please try again later."},
      {"common.unavailable", "Hệ thống tạm thời không phục vụ được. Vui lòng thử lại.",
       "The service is temporarily unavailable. Please try again."},
      {"common.internal", "Lỗi hệ thống. Đã ghi nhận để xử lý.",
       "Internal error. It has been logged."},
      {"common.required", "Trường này là bắt buộc.", "This field is required."},
      {"common.bad_type", "Giá trị không đúng kiểu dữ liệu.", "The value has the wrong type."},
      {"common.bad_date", "Ngày không hợp lệ (định dạng YYYY-MM-DD).", "Invalid date (format YYYY-MM-DD)."},
      {"common.bad_id", "Mã định danh không hợp lệ.", "Invalid identifier."},
      {"common.too_long", "Giá trị quá dài.", "The value is too long."},
  };
  return kMessages;
}

}  // namespace eiso::core
