// Who is calling: set by the auth middleware on every authenticated request and passed to every
// service call, which decides from it what the caller may see and change.
#pragma once

#include <cstdint>
#include <string>

namespace eiso {

using UserId = std::int64_t;
using AgencyId = std::int64_t;

// Roles of eISO (vai trò). A user holds any set of them, always inside their own agency, except
// the administrator of the province's DOST or Office, whose scope the org rules extend.
enum class Role : std::uint32_t {
  kAdministrator = 1u << 0,   // quản trị
  kDostEvaluator = 1u << 1,   // cán bộ đánh giá của Sở KH&CN
  kLeader = 1u << 2,          // lãnh đạo
  kIsoSecretary = 1u << 3,    // thư ký ISO
  kOfficer = 1u << 4,         // chuyên viên
  kClerk = 1u << 5,           // cán bộ một cửa
  kInternalAuditor = 1u << 6, // chuyên gia đánh giá nội bộ
};
inline constexpr std::uint32_t kAllRoles = (1u << 7) - 1;

struct Actor {
  UserId user_id = 0;
  AgencyId agency_id = 0;
  std::uint32_t roles = 0;
  bool province_wide = false;  // administrator of the whole province (sees every agency)
  std::string username;
  std::string session_id_hash;  // for logout and audit

  bool Has(Role r) const { return (roles & static_cast<std::uint32_t>(r)) != 0; }
  bool IsAuthenticated() const { return user_id != 0; }
};

}  // namespace eiso
