// The database seam: one interface, two backends (SQLite embedded, PostgreSQL via libpq).
// SQL is written with '?' placeholders; the PostgreSQL backend rewrites them to $1..$n.
// Prepared statements are cached per connection by SQL text.
//
// SQLite (url "sqlite:PATH" or "sqlite::memory:"): WAL, synchronous=NORMAL, busy timeout,
// foreign keys on; one writer connection (writes are serialized, BEGIN IMMEDIATE) and a pool of
// reader connections. PostgreSQL (url "postgresql://..." or "postgres://..."): a pool of
// connections; writes run at READ COMMITTED unless a store locks rows explicitly.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "db/migration.hpp"
#include "db/value.hpp"

namespace eiso::db {

enum class Dialect { kSqlite, kPostgres };

// A transaction in progress. Only valid inside the callback that received it. Calls throw
// db::UniqueViolation or db::DbError; Database::Write/Read catch them and roll back.
class Tx {
 public:
  virtual ~Tx() = default;
  virtual Dialect dialect() const = 0;
  // Runs a statement; returns the number of rows changed.
  virtual std::int64_t Exec(std::string_view sql, const Params& params = {}) = 0;
  // Runs a statement whose outcome the caller does not need now (an INSERT of an event, a counter
  // upsert). PostgreSQL sends it without waiting, with whatever follows; an error in it is thrown
  // by the next call that waits (Exec, Query) or by the commit, and the transaction rolls back as
  // for any error. SQLite runs it at once.
  virtual void Send(std::string_view sql, const Params& params = {}) = 0;
  virtual Rows Query(std::string_view sql, const Params& params = {}) = 0;
  std::optional<Row> QueryOne(std::string_view sql, const Params& params = {});
  // A query whose rows the caller reads later, with Take: PostgreSQL sends it without waiting, so
  // that independent reads (and writes with RETURNING) share one round trip with the next
  // statement that waits. Errors as for Send. SQLite runs it at once. Each ticket is taken once.
  using Ticket = std::size_t;
  virtual Ticket QueryLater(std::string_view sql, const Params& params = {}) = 0;
  virtual Rows Take(Ticket ticket) = 0;
  // Hands the rows of a QueryLater to `*into` once the transaction has committed, instead of
  // waiting for them inside it: PostgreSQL reads them with the COMMIT's answer. For what the server
  // decides in a statement whose locks must not be held across a round trip (a number drawn from a
  // shared counter, RETURNING it). `*into` must outlive the Write and is meaningful only if the
  // Write returns ok. SQLite fills it at once.
  virtual void TakeAtCommit(Ticket ticket, Rows* into) = 0;
  // A statement that must give at least one row: a SELECT, or an UPDATE / INSERT / DELETE with
  // RETURNING and no WITH of its own (a claim on a row that someone may have changed). If it gives
  // none, the transaction fails and Write returns kConflict `message_key`, whatever the body
  // returns. PostgreSQL sends it without waiting and the server checks it in order: nothing sent
  // after a failed requirement takes effect, and the error comes with the next wait or the COMMIT.
  // SQLite runs it at once and throws db::RequirementFailed then.
  virtual void Require(std::string_view sql, const Params& params, std::string message_key) = 0;
  // Runs "INSERT ... RETURNING id" (both dialects support RETURNING) and returns the id.
  std::int64_t Insert(std::string_view sql, const Params& params = {});
};

struct Options {
  int pool_size = 8;             // PostgreSQL connections / SQLite reader connections
  int busy_timeout_ms = 5000;    // SQLite
};

class Database {
 public:
  virtual ~Database() = default;
  // Opens "sqlite:PATH", "sqlite::memory:" (a private shared-cache memory database, for tests),
  // "postgresql://..." or "postgres://...". kInvalidInput "db.bad_url" or kUnavailable.
  static Result<std::unique_ptr<Database>> Open(const std::string& url, const Options& options = {});

  virtual Dialect dialect() const = 0;

  // Runs fn in a read-write transaction: commit if it returns ok, roll back on an error or an
  // exception. A db::UniqueViolation becomes kConflict "common.conflict"; other db::DbError kUnavailable.
  template <class Fn>
  auto Write(Fn&& fn) -> decltype(fn(std::declval<Tx&>())) {
    return Run<decltype(fn(std::declval<Tx&>()))>(Mode::kWrite, std::forward<Fn>(fn));
  }
  // Runs fn in a read-only transaction (a consistent snapshot).
  template <class Fn>
  auto Read(Fn&& fn) -> decltype(fn(std::declval<Tx&>())) {
    return Run<decltype(fn(std::declval<Tx&>()))>(Mode::kRead, std::forward<Fn>(fn));
  }
  // Runs fn, which runs one SELECT (Query, QueryOne or Exec) and nothing else. One statement sees
  // one consistent snapshot on its own, so PostgreSQL runs it without BEGIN and COMMIT: the
  // statement and the end of its implicit transaction go out together. SQLite runs it as Read.
  // A second statement, Send or QueryLater throws DbError (kUnavailable), on both backends.
  template <class Fn>
  auto ReadStatement(Fn&& fn) -> decltype(fn(std::declval<Tx&>())) {
    return Run<decltype(fn(std::declval<Tx&>()))>(Mode::kStatement, std::forward<Fn>(fn));
  }

  // Applies, in order, every migration not yet recorded in schema_migrations (module, version),
  // each in its own transaction together with its record. Returns the names applied.
  Result<std::vector<std::string>> Migrate(const std::vector<Migration>& migrations);

  // SQLite: an online, consistent copy to `path` (sqlite3_backup). PostgreSQL: kFailedPrecondition
  // "db.backup_use_pg_dump".
  virtual Status Backup(const std::string& path) = 0;

 protected:
  enum class Mode { kRead, kWrite, kStatement };
  // Implemented by each backend: begin (write: BEGIN IMMEDIATE / BEGIN), call body, commit if it
  // returns true, roll back otherwise or on exception (and rethrow). kStatement: see ReadStatement
  // (the Tx given to the backend's body is already limited to one statement).
  virtual void RunTransaction(Mode mode, const std::function<bool(Tx&)>& body) = 0;

 private:
  // Lets one Query or Exec through to `inner`; anything more throws DbError.
  class OneStatement final : public Tx {
   public:
    explicit OneStatement(Tx& inner) : inner_(inner) {}
    Dialect dialect() const override { return inner_.dialect(); }
    std::int64_t Exec(std::string_view sql, const Params& params) override { return Next().Exec(sql, params); }
    Rows Query(std::string_view sql, const Params& params) override { return Next().Query(sql, params); }
    void Send(std::string_view, const Params&) override { throw DbError("ReadStatement: Send"); }
    Ticket QueryLater(std::string_view, const Params&) override { throw DbError("ReadStatement: QueryLater"); }
    Rows Take(Ticket) override { throw DbError("ReadStatement: Take"); }
    void TakeAtCommit(Ticket, Rows*) override { throw DbError("ReadStatement: TakeAtCommit"); }
    void Require(std::string_view, const Params&, std::string) override { throw DbError("ReadStatement: Require"); }

   private:
    Tx& Next() {
      if (used_) throw DbError("ReadStatement: a second statement");
      used_ = true;
      return inner_;
    }
    Tx& inner_;
    bool used_ = false;
  };

  template <class R, class Fn>
  R Run(Mode mode, Fn&& fn) {
    std::optional<R> out;
    try {
      RunTransaction(mode, [&](Tx& tx) {
        if (mode == Mode::kStatement) {
          OneStatement one(tx);
          out.emplace(fn(one));
        } else {
          out.emplace(fn(tx));
        }
        return out->ok();
      });
    } catch (const UniqueViolation& e) {
      eiso::Error err = eiso::Error::Conflict("common.conflict");
      err.detail = e.what();
      return err;
    } catch (const RequirementFailed& e) {
      eiso::Error err = eiso::Error::Conflict(e.message_key());
      err.detail = e.what();
      return err;
    } catch (const DbError& e) {
      return eiso::Error::Unavailable(e.what());
    }
    return std::move(*out);
  }
};

// Replaces the dialect tokens of a migration (see migration.hpp) and splits it into statements.
std::vector<std::string> PrepareMigration(std::string_view sql, Dialect dialect);

}  // namespace eiso::db
