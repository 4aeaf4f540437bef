// The SQLite backend of db::Database: one writer connection behind a mutex (BEGIN IMMEDIATE) and a
// pool of query-only reader connections (deferred BEGIN: a consistent snapshot). A file database
// runs in WAL mode so that readers never wait for the writer.
#pragma once

#include <memory>
#include <string>

#include "core/result.hpp"
#include "db/database.hpp"

namespace eiso::db {

// `target` is what follows "sqlite:": a file path (its directory is created if missing) or
// ":memory:", a database private to this Database object and gone when it closes.
// kUnavailable if the file cannot be opened.
Result<std::unique_ptr<Database>> OpenSqlite(const std::string& target, const Options& options);

}  // namespace eiso::db
