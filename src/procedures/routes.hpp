#pragma once

#include "core/i18n.hpp"
#include "http/rate_limit.hpp"
#include "http/router.hpp"
#include "procedures/service.hpp"

namespace eiso::procedures {

// `public_limiter` guards /api/public/procedures*; `messages` localizes import reports.
void RegisterRoutes(http::Router& router, const Service& procedures, http::RateLimiter& public_limiter,
                    const core::MessageCatalog& messages);

}  // namespace eiso::procedures
