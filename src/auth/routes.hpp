#pragma once

#include "auth/service.hpp"
#include "http/router.hpp"
#include "http/server.hpp"

namespace eiso::auth {

inline constexpr const char* kSessionCookie = "eiso_session";

void RegisterRoutes(http::Router& router, const Service& auth, const Settings& settings);
// The http::Authenticator: session cookie → actor; CSRF header on every write.
http::Authenticator MakeAuthenticator(const Service& auth);

}  // namespace eiso::auth
