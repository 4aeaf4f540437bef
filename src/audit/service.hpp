// Audit: the append-only, hash-chained event log. Every write in eISO records an event here in the
// same transaction as the change it describes (who, when, what, before / after). Each event's hash
// covers its fields and the previous event's hash, so an edited, deleted or reordered row breaks
// the chain; database triggers refuse UPDATE and DELETE besides.
// Owns table audit_events; other modules use this header only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/actor.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "db/database.hpp"

namespace eiso::audit {

struct Event {
  std::string action;                  // "org.agency_created", "auth.login_failed", …
  std::string entity;                  // "agency", "user", "session", …
  std::optional<std::int64_t> entity_id;
  std::optional<AgencyId> agency_id;   // whose record it is (for scoping reports)
  nlohmann::json before;               // null when created
  nlohmann::json after;                // null when removed
  // A value of `after` that the database fills in, in the same statement as the append: for what
  // the transaction draws on the server without waiting for it (a dossier's number from its unit's
  // day counter). Every occurrence of `placeholder` in the JSON text of `after` becomes the text of
  // `sql`'s one row and column (run with `params`); the hash covers the filled text.
  struct FromServer {
    std::string placeholder;
    std::string sql;
    db::Params params;
  };
  std::optional<FromServer> fill;
};

struct StoredEvent {
  std::int64_t id = 0;
  core::Millis at = 0;
  std::optional<UserId> actor_user_id;
  std::string action;
  std::string entity;
  std::optional<std::int64_t> entity_id;
  std::optional<AgencyId> agency_id;
  std::string before_json;
  std::string after_json;
};

struct VerifyReport {
  std::int64_t events_checked = 0;
  std::optional<std::int64_t> first_broken_id;  // empty when the chain is whole
  std::string reason;                           // why that link is broken
  // The newest hash: kept outside the database (a log, a report), it also reveals events removed
  // from the end of the chain, which no link inside the chain can show.
  std::string head_hash;
};

class Service {
 public:
  Service(const core::Clock& clock) : clock_(clock) {}

  // Appends an event inside the caller's transaction (PostgreSQL: serialized by an advisory lock
  // so the chain stays linear across processes). Throws db errors like any Tx call.
  // PostgreSQL: the lock and the append are sent without waiting (the server reads the head and
  // hashes), and the lock is held until the commit: call it after the transaction's last wait
  // (Query, Take), so that no round trip to this process happens while other writers queue on it.
  void Record(db::Tx& tx, const Actor& actor, const Event& event) const;
  // Recomputes the whole chain in id order.
  Result<VerifyReport> Verify(db::Database& db) const;
  // The newest events about one entity, newest first (for history panels).
  std::vector<StoredEvent> History(db::Tx& tx, const std::string& entity, std::int64_t entity_id,
                                   int limit) const;

 private:
  const core::Clock& clock_;
};

const std::vector<db::Migration>& Migrations();

}  // namespace eiso::audit
