#pragma once

#include "calendar/service.hpp"
#include "http/router.hpp"

namespace eiso::calendar {

// /api/calendar/…: the year view, decisions, unit settings and the "try a deadline" form.
void RegisterRoutes(http::Router& router, const Service& calendar);

}  // namespace eiso::calendar
