#include "app/app.hpp"

#include <cstdio>

#include <spdlog/spdlog.h>

#include "auth/routes.hpp"
#include "http/server.hpp"
#include "org/routes.hpp"

namespace eiso::app {

auth::HashCost ParseHashCost(const std::string& name) {
  if (name == "moderate") return auth::HashCost::kModerate;
  if (name == "minimum") return auth::HashCost::kMinimum;
  return auth::HashCost::kInteractive;
}

App::App(const Settings& settings, std::unique_ptr<db::Database> db)
    : settings_(settings), db_(std::move(db)),
      auth_(*db_, audit_, org_, clock_, settings.auth, ParseHashCost(settings.password_cost)) {
  messages_.Add(core::CommonMessages());
  messages_.Add(org::Messages());
  messages_.Add(auth::Messages());
}

Result<std::unique_ptr<App>> App::Open(const Settings& settings) {
  db::Options options;
  options.pool_size = settings.db_pool_size;
  EISO_TRY(db, db::Database::Open(settings.database, options));
  // Modules in dependency order; each migration set owns only its module's tables.
  std::vector<db::Migration> all;
  for (const auto* set : {&audit::Migrations(), &org::Migrations(), &auth::Migrations()})
    all.insert(all.end(), set->begin(), set->end());
  EISO_TRY(applied, db->Migrate(all));
  std::unique_ptr<App> app(new App(settings, std::move(db)));
  app->applied_ = std::move(applied);
  return app;
}

http::Router App::BuildRouter() const {
  http::Router router;
  auth::RegisterRoutes(router, auth_, settings_.auth);
  org::RegisterRoutes(router, org_);
  return router;
}

Status App::Serve() {
  const http::Router router = BuildRouter();
  http::Server server(settings_.http, router, auth::MakeAuthenticator(auth_),
                      [this]() -> Status {
                        return db_->Read([](db::Tx& tx) -> Status {
                          tx.Query("SELECT 1");
                          return Ok();
                        });
                      },
                      messages_);
  EISO_CHECK(server.Listen());
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
