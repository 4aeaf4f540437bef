#pragma once

#include <string>

#include "dossiers/service.hpp"
#include "http/rate_limit.hpp"
#include "http/router.hpp"

namespace eiso::dossiers {

// `public_limiter` guards the portal lookup /api/public/dossiers*. `public_url` (the address in
// the printed forms' QR codes) is read at each request: the app completes it once listening.
void RegisterRoutes(http::Router& router, const Service& dossiers, http::RateLimiter& public_limiter,
                    const std::string& public_url);
// The printable forms (forms_routes.cpp): Mẫu 01–05 of a dossier, the Mẫu 06 book.
void RegisterFormRoutes(http::Router& router, const Service& dossiers, const std::string& public_url);

}  // namespace eiso::dossiers
