// The overview page shown after login. Source language.
export const vi = {
  'dashboard.title': 'Tổng quan',
  'dashboard.greeting': 'Xin chào, {name}',
  'dashboard.account': 'Tài khoản',
  'dashboard.username': 'Tên đăng nhập',
  'dashboard.email': 'Thư điện tử',
  'dashboard.agency': 'Cơ quan, đơn vị',
  'dashboard.roles': 'Vai trò',
  'dashboard.scope': 'Phạm vi dữ liệu',
  'dashboard.scope.province': 'Toàn tỉnh',
  'dashboard.scope.agency': 'Cơ quan, đơn vị của mình và đơn vị trực thuộc',
  'dashboard.noRoles': 'Chưa được phân vai trò',
  'dashboard.next.title': 'Bắt đầu',
  'dashboard.next.agencies': 'Xem cơ cấu cơ quan, đơn vị',
  'dashboard.next.users': 'Quản lý tài khoản người dùng',
} as const;
