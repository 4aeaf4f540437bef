#include "audit/service.hpp"

#include <sodium.h>

namespace eiso::audit {
namespace {

constexpr std::int64_t kChainLockKey = 0x6569736f61756474;  // "eisoaudt"
constexpr const char* kGenesis = "0000000000000000000000000000000000000000000000000000000000000000";

std::string OptionalText(const std::optional<std::int64_t>& v) {
  return v ? std::to_string(*v) : std::string();
}

// SHA-256 over the previous hash and every field, each length-prefixed so that no two different
// events can serialize the same way.
std::string ChainHash(const std::string& prev_hash, core::Millis at,
                      const std::optional<std::int64_t>& actor_user_id,
                      const std::optional<std::int64_t>& actor_agency_id, const std::string& action,
                      const std::string& entity, const std::optional<std::int64_t>& entity_id,
                      const std::optional<std::int64_t>& agency_id, const std::string& before_json,
                      const std::string& after_json) {
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  auto add = [&state](const std::string& field) {
    const std::string length = std::to_string(field.size()) + ":";
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(length.data()), length.size());
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(field.data()), field.size());
  };
  add(prev_hash);
  add(std::to_string(at));
  add(OptionalText(actor_user_id));
  add(OptionalText(actor_agency_id));
  add(action);
  add(entity);
  add(OptionalText(entity_id));
  add(OptionalText(agency_id));
  add(before_json);
  add(after_json);
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, digest);
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

std::string Dump(const nlohmann::json& j) {
  return j.is_null() ? std::string() : j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::optional<std::int64_t> Optional(std::int64_t v) {
  return v ? std::optional<std::int64_t>(v) : std::nullopt;
}

// PostgreSQL: the whole append as one statement that the server runs on its own, ChainHash in SQL
// (sha256 over the same length-prefixed fields), so that a write never waits for an answer while it
// holds the chain's lock: the lock, this statement and the COMMIT go out together and the lock is
// held only for the server's own work. Verify recomputes these hashes with ChainHash.
// `after`: the SQL of the after_json value (one parameter, or a replace() filling it, see
// Event::fill).
std::string PostgresAppendSql(const std::string& after) {
  static const std::string head_and_tail = [] {
    const char* fields[] = {"prev_hash", "at", "actor_user_id", "actor_agency_id", "action",
                            "entity",    "entity_id", "agency_id", "before_json", "after_json"};
    std::string framed;
    for (const char* field : fields) {
      const std::string text = std::string("COALESCE(CAST(") + field + " AS TEXT), '')";
      framed += std::string(framed.empty() ? "" : ", ") + "octet_length(convert_to(" + text + ", 'UTF8')), ':', " + text;
    }
    return std::string(
               "WITH prev AS (SELECT hash, at FROM audit_events ORDER BY id DESC LIMIT 1), "
               "v AS (SELECT COALESCE((SELECT hash FROM prev), '") + kGenesis + "') AS prev_hash, "
           "GREATEST(CAST(? AS BIGINT), COALESCE((SELECT at FROM prev), 0)) AS at, "
           "CAST(? AS BIGINT) AS actor_user_id, CAST(? AS BIGINT) AS actor_agency_id, CAST(? AS TEXT) AS action, "
           "CAST(? AS TEXT) AS entity, CAST(? AS BIGINT) AS entity_id, CAST(? AS BIGINT) AS agency_id, "
           "CAST(? AS TEXT) AS before_json, \x01 AS after_json) "
           "INSERT INTO audit_events (at, actor_user_id, actor_agency_id, action, entity, entity_id, agency_id, "
           "before_json, after_json, prev_hash, hash) "
           "SELECT at, actor_user_id, actor_agency_id, action, entity, entity_id, agency_id, "
           "NULLIF(before_json, ''), NULLIF(after_json, ''), prev_hash, "
           "encode(sha256(convert_to(concat(" + framed + "), 'UTF8')), 'hex') FROM v";
  }();
  const std::size_t at = head_and_tail.find('\x01');
  return head_and_tail.substr(0, at) + after + head_and_tail.substr(at + 1);
}

const std::string& PostgresAppendSql() {
  static const std::string sql = PostgresAppendSql("CAST(? AS TEXT)");
  return sql;
}

void ReplaceAll(std::string& text, const std::string& from, const std::string& to) {
  if (from.empty()) return;
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

}  // namespace

void Service::Record(db::Tx& tx, const Actor& actor, const Event& event) const {
  const auto actor_user = Optional(actor.user_id);
  const auto actor_agency = Optional(actor.agency_id);
  const std::string before = Dump(event.before);
  std::string after = Dump(event.after);
  if (tx.dialect() == db::Dialect::kPostgres) {
    tx.Send("SELECT pg_advisory_xact_lock(?)", {kChainLockKey});
    db::Params params{clock_.Now(), actor_user, actor_agency, event.action, event.entity,
                      event.entity_id, event.agency_id, before, after};
    if (!event.fill) {
      tx.Send(PostgresAppendSql(), params);
      return;
    }
    params.emplace_back(event.fill->placeholder);
    params.insert(params.end(), event.fill->params.begin(), event.fill->params.end());
    tx.Send(PostgresAppendSql("replace(CAST(? AS TEXT), CAST(? AS TEXT), CAST((" + event.fill->sql + ") AS TEXT))"),
            params);
    return;
  }
  if (event.fill) {
    const auto value = tx.QueryOne(event.fill->sql, event.fill->params);
    if (!value || value->IsNull(0)) throw db::DbError("audit: no value to fill in: " + event.fill->sql);
    ReplaceAll(after, event.fill->placeholder, value->Text(0));
  }
  // SQLite: one writer at a time, so the head read here is still the head at the commit.
  const auto last = tx.QueryOne("SELECT hash, at FROM audit_events ORDER BY id DESC LIMIT 1");
  const std::string prev_hash = last ? last->Text(0) : kGenesis;
  // Time never runs backwards inside the chain, even if the system clock is stepped back.
  const core::Millis at = std::max(clock_.Now(), last ? last->Int(1) : 0);
  const std::string hash = ChainHash(prev_hash, at, actor_user, actor_agency, event.action,
                                     event.entity, event.entity_id, event.agency_id, before, after);
  tx.Send(
      "INSERT INTO audit_events (at, actor_user_id, actor_agency_id, action, entity, entity_id, "
      "agency_id, before_json, after_json, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
      {at, actor_user, actor_agency, event.action, event.entity, event.entity_id, event.agency_id,
       before.empty() ? db::Value() : db::Value(before), after.empty() ? db::Value() : db::Value(after),
       prev_hash, hash});
}

Result<VerifyReport> Service::Verify(db::Database& db) const {
  return db.Read([&](db::Tx& tx) -> Result<VerifyReport> {
    VerifyReport report;
    std::string prev_hash = kGenesis;
    std::int64_t after_id = 0;
    constexpr int kPage = 5000;
    for (;;) {
      const db::Rows rows = tx.Query(
          "SELECT id, at, actor_user_id, actor_agency_id, action, entity, entity_id, agency_id, "
          "before_json, after_json, prev_hash, hash FROM audit_events WHERE id > ? ORDER BY id LIMIT ?",
          {after_id, kPage});
      for (const db::Row& r : rows) {
        const std::int64_t id = r.Int(0);
        if (r.Text(10) != prev_hash) {
          report.first_broken_id = id;
          report.reason = "prev_hash does not match the hash of the event before it (a row was removed or reordered)";
          return report;
        }
        const std::string expected =
            ChainHash(prev_hash, r.Int(1), r.OptInt(2), r.OptInt(3), r.Text(4), r.Text(5), r.OptInt(6),
                      r.OptInt(7), r.OptText(8).value_or(""), r.OptText(9).value_or(""));
        if (expected != r.Text(11)) {
          report.first_broken_id = id;
          report.reason = "the event's content does not match its hash (the row was changed)";
          return report;
        }
        prev_hash = expected;
        after_id = id;
        ++report.events_checked;
      }
      if (rows.size() < static_cast<std::size_t>(kPage)) break;
    }
    report.head_hash = prev_hash;
    return report;
  });
}

std::vector<StoredEvent> Service::History(db::Tx& tx, const std::string& entity,
                                          std::int64_t entity_id, int limit) const {
  std::vector<StoredEvent> out;
  for (const db::Row& r : tx.Query(
           "SELECT id, at, actor_user_id, action, entity, entity_id, agency_id, before_json, after_json "
           "FROM audit_events WHERE entity = ? AND entity_id = ? ORDER BY id DESC LIMIT ?",
           {entity, entity_id, limit})) {
    out.push_back({r.Int(0), r.Int(1), r.OptInt(2), r.Text(3), r.Text(4), r.OptInt(5), r.OptInt(6),
                   r.OptText(7).value_or(""), r.OptText(8).value_or("")});
  }
  return out;
}

}  // namespace eiso::audit
