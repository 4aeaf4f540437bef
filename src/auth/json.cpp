#include "auth/json.hpp"

#include "core/json.hpp"

namespace eiso::auth {

nlohmann::json ToJson(const User& u) {
  return {{"id", u.id},
          {"username", u.username},
          {"full_name", u.full_name},
          {"email", u.email ? nlohmann::json(*u.email) : nlohmann::json()},
          {"agency_id", u.agency_id},
          {"agency_name", u.agency_name},
          {"roles", RoleNames(u.roles)},
          {"province_wide", u.province_wide},
          {"active", u.active}};
}

Result<UserInput> ParseUserInput(const nlohmann::json& body, bool creating) {
  UserInput in;
  EISO_TRY(agency_id, core::RequireInt(body, "agency_id"));
  in.agency_id = agency_id;
  EISO_TRY(full_name, core::OptionalString(body, "full_name", 200));
  if (!full_name) return Error::Invalid("auth.full_name_required", "full_name");
  in.full_name = *full_name;
  EISO_TRY(email, core::OptionalString(body, "email", 200));
  if (email && (email->find('@') == std::string::npos || email->find(' ') != std::string::npos))
    return Error::Invalid("auth.bad_email", "email");
  in.email = email;
  EISO_TRY(role_names, core::RequireStringArray(body, "roles"));
  auto roles = ParseRoles(role_names);
  if (!roles) return Error::Invalid("auth.bad_role", "roles");
  if (*roles == 0) return Error::Invalid("auth.role_required", "roles");
  in.roles = *roles;
  EISO_TRY(active, core::OptionalBool(body, "active", true));
  in.active = active;
  EISO_TRY(province_wide, core::OptionalBool(body, "province_wide", false));
  in.province_wide = province_wide;
  in.province_wide_sent = body.contains("province_wide") && !body["province_wide"].is_null();
  if (creating) {
    EISO_TRY(username, core::OptionalString(body, "username", 64));
    if (!username) return Error::Invalid("auth.bad_username", "username");
    in.username = *username;
    EISO_TRY(password, core::RequireString(body, "password", 200));
    in.password = password;
  }
  return in;
}

}  // namespace eiso::auth
