// The one place that knows every module: builds them in dependency order over one database,
// registers their routes and messages, and runs the server or a CLI command.
#pragma once

#include <memory>
#include <string>

#include "app/settings.hpp"
#include "audit/service.hpp"
#include "auth/service.hpp"
#include "calendar/service.hpp"
#include "core/clock.hpp"
#include "core/i18n.hpp"
#include "db/database.hpp"
#include "documents/service.hpp"
#include "dossiers/service.hpp"
#include "http/rate_limit.hpp"
#include "http/router.hpp"
#include "org/service.hpp"
#include "procedures/service.hpp"

namespace eiso::app {

class App {
 public:
  // Opens the database and applies pending migrations. kUnavailable if it cannot.
  static Result<std::unique_ptr<App>> Open(const Settings& settings);

  db::Database& db() { return *db_; }
  const org::Service& org() const { return org_; }
  const auth::Service& auth() const { return auth_; }
  const calendar::Service& calendar() const { return calendar_; }
  const audit::Service& audit() const { return audit_; }
  const documents::Service& documents() const { return documents_; }
  const procedures::Service& procedures() const { return procedures_; }
  const dossiers::Service& dossiers() const { return dossiers_; }
  const core::MessageCatalog& messages() const { return messages_; }
  const std::vector<std::string>& applied_migrations() const { return applied_; }

  // Serves HTTP until SIGINT/SIGTERM. Prints the URL once listening.
  Status Serve();

 private:
  App(const Settings& settings, std::unique_ptr<db::Database> db);
  http::Router BuildRouter() const;

  Settings settings_;
  std::unique_ptr<db::Database> db_;
  core::SystemClock clock_;
  audit::Service audit_{clock_};
  org::Service org_{*db_, audit_, clock_};
  calendar::Service calendar_{*db_, audit_, org_, clock_};
  auth::Service auth_;
  documents::Service documents_;
  procedures::Service procedures_{*db_, audit_, org_, documents_, calendar_, clock_};
  dossiers::Service dossiers_{*db_, audit_, org_, auth_, procedures_, calendar_, clock_};
  // Public endpoints per client address (default ~5 requests/s, bursts of 30; per eiso process).
  mutable http::RateLimiter public_limiter_{
      clock_, {.per_second = static_cast<double>(settings_.public_rate_per_second),
               .burst = static_cast<double>(settings_.public_burst)}};
  core::MessageCatalog messages_;
  std::vector<std::string> applied_;
};

auth::HashCost ParseHashCost(const std::string& name);

}  // namespace eiso::app
