#include "app/app.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <spdlog/spdlog.h>

#include "auth/routes.hpp"
#include "calendar/routes.hpp"
#include "documents/routes.hpp"
#include "dossiers/routes.hpp"
#include "http/server.hpp"
#include "org/routes.hpp"
#include "procedures/routes.hpp"

namespace eiso::app {
namespace {

// Where attachments and the signing secret live when the settings leave them empty: beside a
// SQLite database file (<dir>/files/, <dir>/signing-secret, created 0600 on first start); in the
// database for PostgreSQL, whose secret must be configured (approvals fail clearly without it),
// since several processes must share it. See docs/operations.md.
Status ResolveDocumentStorage(Settings& settings, db::Dialect dialect) {
  namespace fs = std::filesystem;
  documents::Settings& d = settings.documents;
  const std::string prefix = "sqlite:";
  if (dialect != db::Dialect::kSqlite || settings.database.rfind(prefix, 0) != 0) {
    if (d.signing_secret.empty())
      spdlog::warn("[documents] signing_secret is not set: approving documents will fail until it is");
    return Ok();
  }
  const std::string path = settings.database.substr(prefix.size());
  if (path == ":memory:") {
    if (d.signing_secret.empty()) d.signing_secret = "ephemeral-" + std::to_string(std::random_device{}());
    return Ok();
  }
  const fs::path dir = fs::path(path).parent_path().empty() ? fs::path(".") : fs::path(path).parent_path();
  if (d.files_dir.empty()) d.files_dir = (dir / "files").string();
  if (!d.signing_secret.empty()) return Ok();
  const fs::path secret_file = dir / "signing-secret";
  std::ifstream in(secret_file);
  if (in && std::getline(in, d.signing_secret) && !d.signing_secret.empty()) return Ok();
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
  const int fd = ::open(secret_file.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0 || ::write(fd, hex, 64) != 64 || ::fsync(fd) != 0) {
    if (fd >= 0) ::close(fd);
    return Error::Unavailable("cannot create " + secret_file.string());
  }
  ::close(fd);
  d.signing_secret = hex;
  return Ok();
}

}  // namespace

auth::HashCost ParseHashCost(const std::string& name) {
  if (name == "moderate") return auth::HashCost::kModerate;
  if (name == "minimum") return auth::HashCost::kMinimum;
  return auth::HashCost::kInteractive;
}

App::App(const Settings& settings, std::unique_ptr<db::Database> db)
    : settings_(settings), db_(std::move(db)),
      auth_(*db_, audit_, org_, clock_, settings.auth, ParseHashCost(settings.password_cost)),
      documents_(*db_, audit_, org_, auth_, clock_, settings.documents) {
  messages_.Add(core::CommonMessages());
  messages_.Add(org::Messages());
  messages_.Add(auth::Messages());
  messages_.Add(calendar::Messages());
  messages_.Add(documents::Messages());
  messages_.Add(procedures::Messages());
  messages_.Add(dossiers::Messages());
}

Result<std::unique_ptr<App>> App::Open(const Settings& settings) {
  db::Options options;
  options.pool_size = settings.db_pool_size;
  EISO_TRY(db, db::Database::Open(settings.database, options));
  // Modules in dependency order; each migration set owns only its module's tables.
  std::vector<db::Migration> all;
  for (const auto* set : {&audit::Migrations(), &org::Migrations(), &auth::Migrations(), &calendar::Migrations(),
                          &documents::Migrations(), &procedures::Migrations(), &dossiers::Migrations()})
    all.insert(all.end(), set->begin(), set->end());
  EISO_TRY(applied, db->Migrate(all));
  Settings resolved = settings;
  EISO_CHECK(ResolveDocumentStorage(resolved, db->dialect()));
  std::unique_ptr<App> app(new App(resolved, std::move(db)));
  app->applied_ = std::move(applied);
  return app;
}

http::Router App::BuildRouter() const {
  http::Router router;
  auth::RegisterRoutes(router, auth_, settings_.auth);
  org::RegisterRoutes(router, org_);
  calendar::RegisterRoutes(router, calendar_);
  documents::RegisterRoutes(router, documents_);
  procedures::RegisterRoutes(router, procedures_, public_limiter_, messages_);
  dossiers::RegisterRoutes(router, dossiers_, public_limiter_, settings_.public_url);
  return router;
}

Status App::Serve() {
  const http::Router router = BuildRouter();
  http::Settings http = settings_.http;
  // On PostgreSQL a read waits on the network, not on a core: as many readers as connections.
  if (http.read_threads == 0 && db_->dialect() == db::Dialect::kPostgres) http.read_threads = settings_.db_pool_size;
  http::Server server(http, router, auth::MakeAuthenticator(auth_),
                      [this]() -> Status {
                        return db_->Read([](db::Tx& tx) -> Status {
                          tx.Query("SELECT 1");
                          return Ok();
                        });
                      },
                      messages_);
  EISO_CHECK(server.Listen());
  settings_.public_url = PublicUrl(settings_, server.port());   // before any request: the forms read it
  // The first line on stdout is the address, for people and for test harnesses.
  std::printf("eISO listening on http://%s:%u\n", settings_.http.host.c_str(), server.port());
  std::fflush(stdout);
  spdlog::info("database: {}; web UI: {}",
               db_->dialect() == db::Dialect::kSqlite ? settings_.database : "postgresql",
               settings_.http.static_dir.empty() ? "none (API only)" : settings_.http.static_dir);
  server.Run(/*handle_signals=*/true);
  spdlog::info("stopped");
  return Ok();
}

}  // namespace eiso::app
