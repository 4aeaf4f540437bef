// The PostgreSQL backend of db::Database (libpq): a pool of connections opened on demand, writes at
// READ COMMITTED, reads at REPEATABLE READ READ ONLY (a consistent snapshot).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "db/database.hpp"

namespace eiso::db {

// Connects once to check `url` ("postgresql://..." or "postgres://..."). kInvalidInput "db.bad_url"
// if libpq cannot parse it; kUnavailable if the server cannot be reached.
Result<std::unique_ptr<Database>> OpenPostgres(const std::string& url, const Options& options);

// Rewrites the '?' placeholders of `sql` to $1..$n, leaving alone those inside literals, quoted
// identifiers, comments and dollar-quoted bodies. (PostgreSQL's jsonb '?' operators therefore
// cannot be written as operators; use jsonb_exists() and friends.)
std::string RewritePlaceholders(std::string_view sql);

}  // namespace eiso::db
