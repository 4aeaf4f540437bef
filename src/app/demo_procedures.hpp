// The demo province's procedure catalog and processes (data/demo/procedures.json, embedded at
// build time; see data/demo/README.md for which facts come from which public source).
#pragma once

#include <map>
#include <string>

#include "app/app.hpp"

namespace eiso::app {

// Inside the demo's transaction: a QMS for each agency with processes (unless it has one), every
// procedure, and its process issued at once. `agencies` maps the keys of agencies.csv to ids;
// `minutes_per_day` is the province calendar's, read before the transaction. Returns the number
// of procedures. `all_units`: a procedure whose process belongs to a commune or district people's
// committee is competent at every unit of that kind, each with its QMS and issued process.
Result<std::int64_t> LoadDemoProcedures(App& app, db::Tx& tx, const Actor& system,
                                        const std::map<std::string, AgencyId>& agencies, int minutes_per_day,
                                        bool all_units = false);

}  // namespace eiso::app
