#include "auth/routes.hpp"

#include <charconv>

#include <sodium.h>

#include "auth/json.hpp"
#include "core/json.hpp"

namespace eiso::auth {

using http::Access;
using http::Reply;
using http::Request;

namespace {

std::string Cookie(const std::string& value, int max_age, bool secure) {
  std::string c = std::string(kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Lax";
  if (max_age >= 0) c += "; Max-Age=" + std::to_string(max_age);
  if (secure) c += "; Secure";
  return c;
}

nlohmann::json SessionBody(const User& user, const std::string& csrf) {
  return {{"user", ToJson(user)}, {"csrf_token", csrf}};
}

// Sign-in needs no CSRF token (there is no session yet), so a cross-site form could sign a
// victim into an attacker's account: refuse a request whose Origin is another site.
Status CheckOrigin(const Request& req) {
  const std::string_view origin = req.Header("origin");
  if (origin.empty()) return Ok();
  const std::string_view host = req.Header("host");
  const std::size_t scheme = origin.find("://");
  if (scheme == std::string_view::npos || origin.substr(scheme + 3) != host)
    return Error::Forbidden("auth.bad_origin");
  return Ok();
}

}  // namespace

void RegisterRoutes(http::Router& router, const Service& auth, const Settings& settings) {
  router.Post("/api/auth/login", Access::kPublic, [&](Request& req) -> Result<Reply> {
    EISO_CHECK(CheckOrigin(req));
    EISO_TRY(body, req.Json());
    EISO_TRY(username, core::RequireString(body, "username", 64));
    EISO_TRY(password, core::RequireString(body, "password", 200));
    EISO_TRY(login, auth.Login(username, password, req.remote_addr, std::string(req.Header("user-agent"))));
    Reply reply = Reply::Json(SessionBody(login.user, login.csrf_token));
    reply.WithHeader("set-cookie", Cookie(login.session_token, settings.session_max_hours * 3600,
                                          settings.cookie_secure || req.secure_transport));
    return reply;
  });
  router.Post("/api/auth/logout", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_CHECK(auth.Logout(req.actor));
    Reply reply = Reply::NoContent();
    reply.WithHeader("set-cookie", Cookie("", 0, settings.cookie_secure || req.secure_transport));
    return reply;
  });
  router.Get("/api/auth/me", Access::kPublic, [&](Request& req) -> Result<Reply> {
    EISO_TRY(session, auth.Authenticate(req.Cookie(kSessionCookie)));
    EISO_TRY(user, auth.Me(session.actor));
    return Reply::Json(SessionBody(user, session.csrf_token));
  });
  router.Post("/api/auth/password", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(body, req.Json());
    EISO_TRY(current, core::RequireString(body, "current_password", 200));
    EISO_TRY(next, core::RequireString(body, "new_password", 200));
    EISO_CHECK(auth.ChangePassword(req.actor, current, next));
    return Reply::NoContent();
  });

  router.Get("/api/users", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    std::optional<AgencyId> agency;
    if (const std::string a = req.Query("agency_id"); !a.empty()) {
      AgencyId id = 0;
      auto [end, ec] = std::from_chars(a.data(), a.data() + a.size(), id);
      if (ec != std::errc() || end != a.data() + a.size() || id <= 0)
        return Error::Invalid("common.bad_id", "agency_id");
      agency = id;
    }
    EISO_TRY(users, auth.ListUsers(req.actor, agency, req.Query("q")));
    nlohmann::json list = nlohmann::json::array();
    for (const User& u : users) list.push_back(ToJson(u));
    return Reply::Json({{"users", std::move(list)}});
  });
  router.Get("/api/users/{id}", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(id, req.IdParam("id"));
    EISO_TRY(user, auth.GetUser(req.actor, id));
    return Reply::Json(ToJson(user));
  });
  router.Post("/api/users", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(body, req.Json());
    EISO_TRY(input, ParseUserInput(body, true));
    EISO_TRY(user, auth.CreateUser(req.actor, input));
    return Reply::Created(ToJson(user));
  });
  router.Put("/api/users/{id}", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(id, req.IdParam("id"));
    EISO_TRY(body, req.Json());
    EISO_TRY(input, ParseUserInput(body, false));
    EISO_TRY(user, auth.UpdateUser(req.actor, id, input));
    return Reply::Json(ToJson(user));
  });
  router.Post("/api/users/{id}/password", Access::kAuthenticated, [&](Request& req) -> Result<Reply> {
    EISO_TRY(id, req.IdParam("id"));
    EISO_TRY(body, req.Json());
    EISO_TRY(password, core::RequireString(body, "new_password", 200));
    EISO_CHECK(auth.ResetPassword(req.actor, id, password));
    return Reply::NoContent();
  });
}

http::Authenticator MakeAuthenticator(const Service& auth) {
  return [&auth](Request& req) -> Status {
    EISO_TRY(session, auth.Authenticate(req.Cookie(kSessionCookie)));
    if (req.IsWrite()) {
      const std::string_view sent = req.Header("x-csrf-token");
      if (sent.size() != session.csrf_token.size() ||
          sodium_memcmp(sent.data(), session.csrf_token.data(), sent.size()) != 0)
        return Error::Forbidden("auth.csrf_failed");
    }
    req.actor = std::move(session.actor);
    return Ok();
  };
}

}  // namespace eiso::auth
