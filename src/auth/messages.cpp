#include "auth/service.hpp"

namespace eiso::auth {

std::span<const core::Message> Messages() {
  static const core::Message kMessages[] = {
      {"auth.login_required", "Vui lòng đăng nhập.", "Please sign in."},
      {"auth.session_expired", "Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.",
       "Your session has expired. Please sign in again."},
      {"auth.forbidden", "Bạn không có quyền thực hiện thao tác này.", "You are not allowed to do this."},
      {"auth.csrf_failed", "Yêu cầu không hợp lệ (thiếu mã chống giả mạo). Vui lòng tải lại trang.",
       "The request was refused (missing anti-forgery token). Please reload the page."},
      {"auth.bad_origin", "Yêu cầu đến từ trang web khác, đã bị từ chối.",
       "The request came from another site and was refused."},
      {"auth.bad_credentials", "Tên đăng nhập hoặc mật khẩu không đúng.", "Wrong username or password."},
      {"auth.locked", "Tài khoản tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau ít phút.",
       "The account is locked for a while after too many failed sign-ins. Please try again later."},
      {"auth.too_many_attempts", "Quá nhiều lần đăng nhập từ địa chỉ này. Vui lòng thử lại sau.",
       "Too many sign-in attempts from this address. Please try again later."},
      {"auth.user_not_found", "Không tìm thấy người dùng.", "User not found."},
      {"auth.bad_username",
       "Tên đăng nhập gồm 3–64 ký tự: chữ thường không dấu, số, dấu chấm, gạch dưới, gạch ngang.",
       "A username has 3–64 characters: lower-case letters, digits, '.', '_' or '-'."},
      {"auth.username_taken", "Tên đăng nhập đã có người dùng.", "This username is taken."},
      {"auth.full_name_required", "Vui lòng nhập họ và tên.", "Enter the full name."},
      {"auth.bad_email", "Địa chỉ thư điện tử không hợp lệ.", "Invalid e-mail address."},
      {"auth.bad_role", "Vai trò không hợp lệ.", "Unknown role."},
      {"auth.role_required", "Chọn ít nhất một vai trò.", "Choose at least one role."},
      {"auth.agency_not_found", "Không tìm thấy cơ quan.", "Agency not found."},
      {"auth.agency_inactive", "Cơ quan đã ngừng hoạt động.", "The agency is no longer active."},
      {"auth.password_too_short", "Mật khẩu quá ngắn (mặc định tối thiểu 10 ký tự).",
       "The password is too short (at least 10 characters by default)."},
      {"auth.password_contains_username", "Mật khẩu không được chứa tên đăng nhập.",
       "The password must not contain the username."},
      {"auth.password_unchanged", "Mật khẩu mới phải khác mật khẩu hiện tại.",
       "The new password must differ from the current one."},
      {"auth.current_password_wrong", "Mật khẩu hiện tại không đúng.", "The current password is wrong."},
      {"auth.cannot_demote_self", "Bạn không thể tự khóa hoặc bỏ quyền quản trị của chính mình.",
       "You cannot deactivate yourself or remove your own administrator role."},
  };
  return kMessages;
}

}  // namespace eiso::auth
