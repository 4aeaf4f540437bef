#pragma once

#include "documents/service.hpp"
#include "http/router.hpp"

namespace eiso::documents {

void RegisterRoutes(http::Router& router, const Service& documents);

}  // namespace eiso::documents
