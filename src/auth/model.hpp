// Users, roles and sessions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/actor.hpp"
#include "core/clock.hpp"

namespace eiso::auth {

struct User {
  UserId id = 0;
  AgencyId agency_id = 0;
  std::string agency_name;
  std::string username;
  std::string full_name;
  std::optional<std::string> email;
  std::uint32_t roles = 0;
  bool province_wide = false;
  bool active = true;
};

struct UserInput {
  AgencyId agency_id = 0;
  std::string username;          // creation only
  std::string full_name;
  std::optional<std::string> email;
  std::uint32_t roles = 0;
  bool active = true;
  std::string password;          // creation only
  bool province_wide = false;    // only a province-wide administrator may grant it
  bool province_wide_sent = true;  // false: an update keeps the stored value
};

struct LoginResult {
  std::string session_token;     // goes into the HttpOnly cookie, never into a body
  std::string csrf_token;
  User user;
};

struct Session {
  Actor actor;
  std::string csrf_token;
};

// Wire names of roles, in the order of the Role bits.
std::string_view RoleName(Role role);
std::vector<std::string> RoleNames(std::uint32_t roles);
// kInvalidInput "auth.bad_role" for an unknown name.
std::optional<std::uint32_t> ParseRoles(const std::vector<std::string>& names);

struct Settings {  // [auth] in eiso.toml, or EISO_AUTH_<KEY>
  int session_idle_minutes = 480;        // a session unused this long ends
  int session_max_hours = 24 * 7;        // and every session ends after this
  int max_failed_logins = 5;             // then the account locks …
  int lockout_minutes = 15;              // … for this long
  int ip_attempts_per_window = 30;       // failed login attempts per client address …
  int ip_window_minutes = 5;             // … in this window
  int min_password_length = 10;
  bool cookie_secure = false;            // always set Secure (behind a TLS proxy without X-Forwarded-Proto)
  int session_cache_seconds = 2;         // a session read is reused this long (0: read every request)
};

}  // namespace eiso::auth
