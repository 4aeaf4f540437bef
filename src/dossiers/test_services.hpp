// For the dossiers module's tests only: the services a dossier needs, on a fresh database, wired
// as the application wires them, with a fake clock.
#pragma once

#include <memory>

#include "audit/service.hpp"
#include "auth/service.hpp"
#include "calendar/service.hpp"
#include "core/clock.hpp"
#include "documents/service.hpp"
#include "dossiers/service.hpp"
#include "org/service.hpp"
#include "procedures/service.hpp"
#include "testing/test_db.hpp"

namespace eiso::dossiers {

struct TestServices {
  explicit TestServices(core::Millis now) : clock_(now) {}

  core::FakeClock clock_;
  std::unique_ptr<db::Database> db_ = testing::FreshDatabase(
      {&audit::Migrations(), &org::Migrations(), &auth::Migrations(), &calendar::Migrations(),
       &documents::Migrations(), &procedures::Migrations(), &Migrations()});
  audit::Service audit_{clock_};
  org::Service org_{*db_, audit_, clock_};
  calendar::Service calendar_{*db_, audit_, org_, clock_};
  auth::Service auth_{*db_, audit_, org_, clock_, auth::Settings{}, auth::HashCost::kMinimum};
  documents::Service documents_{*db_, audit_, org_, auth_, clock_, documents::Settings{.signing_secret = "s"}};
  procedures::Service procedures_{*db_, audit_, org_, documents_, calendar_, clock_};
  Service dossiers_{*db_, audit_, org_, auth_, procedures_, calendar_, clock_};
};

}  // namespace eiso::dossiers
