#pragma once

#include "http/router.hpp"
#include "org/service.hpp"

namespace eiso::org {

void RegisterRoutes(http::Router& router, const Service& org);

}  // namespace eiso::org
