#pragma once

#include "dossiers/service.hpp"
#include "http/rate_limit.hpp"
#include "http/router.hpp"

namespace eiso::dossiers {

// `public_limiter` guards the portal lookup /api/public/dossiers*.
void RegisterRoutes(http::Router& router, const Service& dossiers, http::RateLimiter& public_limiter);

}  // namespace eiso::dossiers
