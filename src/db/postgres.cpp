#include "db/postgres.hpp"

#include <libpq-fe.h>
#include <poll.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

#include "db/sql_text.hpp"

namespace eiso::db {
namespace {

// Type OIDs from PostgreSQL's pg_type.h (server headers are not needed for a client).
constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;

constexpr const char* kUniqueViolationState = "23505";
constexpr const char* kDivisionByZeroState = "22012";   // a failed requirement (Tx::Require)

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, ResultDeleter>;

std::string TrimmedMessage(const char* message) {
  std::string out = message ? message : "";
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// bytea in text format, as the server sends it with bytea_output = hex (the default): \x0a1b...
Blob DecodeBytea(std::string_view text) {
  if (!text.starts_with("\\x") || text.size() % 2 != 0) throw DbError("bytea not in hex output format");
  Blob blob;
  blob.bytes.resize((text.size() - 2) / 2);
  for (std::size_t i = 0; i < blob.bytes.size(); ++i) {
    const int hi = HexDigit(text[2 + 2 * i]), lo = HexDigit(text[3 + 2 * i]);
    if (hi < 0 || lo < 0) throw DbError("bad hex digit in bytea");
    blob.bytes[i] = static_cast<char>(hi * 16 + lo);
  }
  return blob;
}

template <class T>
T ParseNumber(std::string_view text) {
  T out{};
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (ec != std::errc() || ptr != text.data() + text.size()) {
    throw DbError("cannot read number from PostgreSQL: " + std::string(text));
  }
  return out;
}

Value ReadCell(std::string_view text, Oid type) {
  switch (type) {
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid:
      return Value(ParseNumber<std::int64_t>(text));
    case kFloat4Oid:
    case kFloat8Oid:
    case kNumericOid:
      return Value(ParseNumber<double>(text));
    case kBoolOid:
      return Value(text == "t");
    case kByteaOid:
      return Value(DecodeBytea(text));
    default:
      return Value(std::string(text));
  }
}

// One libpq connection with its prepared statements and parameter scratch space, used by one
// thread at a time (the pool hands it out).
//
// A transaction runs in libpq's pipeline mode: BEGIN, a statement's Parse (on its first use) and
// every statement sent with Send() go out without waiting; the connection waits only when the
// caller needs a result (Query, Exec's row count) and at COMMIT, and then reads every result owed
// in order. A write therefore costs one round trip per result it reads, plus one for COMMIT,
// instead of one per statement. The first error among the results read is thrown then; the server
// skips everything after it up to the Sync that ends the transaction, so nothing after a failed
// statement takes effect and COMMIT cannot succeed.
class Connection {
 public:
  // Throws DbError if the server cannot be reached or refuses the login.
  explicit Connection(const std::string& url) : conn_(PQconnectdb(url.c_str())) {
    if (PQstatus(conn_) != CONNECTION_OK) {
      std::string message = TrimmedMessage(PQerrorMessage(conn_));
      PQfinish(conn_);
      throw DbError("cannot connect to PostgreSQL: " + message);
    }
    PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);  // "already exists, skipping"
    PQsetClientEncoding(conn_, "UTF8");
    // A COMMIT does not wait for its WAL to reach the disk: PostgresDatabase::AwaitDurable does,
    // once for all the writes committed meanwhile (see there), unless the server's own setting is
    // off already (then nobody waits, as the operator chose).
    constexpr const char* kAsync =
        "SELECT current_setting('synchronous_commit'), set_config('synchronous_commit', 'off', false)";
    PgResult res(PQexec(conn_, kAsync));
    if (PQresultStatus(res.get()) != PGRES_TUPLES_OK || PQntuples(res.get()) != 1) {
      std::string message = Describe(res.get(), kAsync);
      PQfinish(conn_);
      throw DbError(message);
    }
    server_commit_ = PQgetvalue(res.get(), 0, 0);
    commits_wait_ = server_commit_ != "off";
  }
  ~Connection() { PQfinish(conn_); }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Fit to go back to the pool: connected and outside any transaction (or with only the answer
  // to a read-only COMMIT still to come, see EndRead).
  bool Reusable() const {
    return !Broken() && !in_transaction_ && (owed_ || PQtransactionStatus(conn_) == PQTRANS_IDLE);
  }
  bool Broken() const { return failed_ || PQstatus(conn_) != CONNECTION_OK; }
  // Whether a COMMIT at the server's own synchronous_commit setting waits for anything.
  bool CommitsWait() const { return commits_wait_; }

  // False if the server has closed this idle connection (a restart, pg_terminate_backend): it
  // then has sent its last message, so the socket reads as ready. No round trip.
  bool StillOpen() {
    CollectOwed();
    if (Broken()) return false;
    pollfd fd{PQsocket(conn_), POLLIN, 0};
    if (fd.fd < 0) return false;
    if (::poll(&fd, 1, 0) > 0) PQconsumeInput(conn_);
    return !Broken() && fd.revents == 0;
  }

  // Starts a transaction with `begin` (a parameterless command), sent with what follows.
  void Begin(const char* begin) {
    EnterPipeline(begin);
    SendCommand(begin);
  }

  // Sends a statement without waiting for its result; with a ticket, the result is kept for
  // Take(ticket).
  void Send(std::string_view sql, const Params& params, std::optional<std::size_t> ticket = std::nullopt,
            std::string requirement = {}) {
    const Statement& statement = Prepare(sql);
    const std::size_t n = params.size();
    values_.resize(n);
    lengths_.resize(n);
    formats_.resize(n);
    numbers_.resize(n);
    for (std::size_t i = 0; i < n; ++i) SetParam(i, params[i]);
    if (PQsendQueryPrepared(conn_, statement.name.c_str(), static_cast<int>(n), values_.data(), lengths_.data(),
                            formats_.data(), 0) != 1) {
      Fail(statement.sql);
    }
    pending_.push_back({statement.sql, Pending::kStatement, ticket, std::move(requirement)});
  }

  // The result kept for `ticket` (see Send), reading what is owed up to it if not read yet.
  PgResult Take(std::size_t ticket) {
    auto it = kept_.find(ticket);
    if (it == kept_.end()) {
      Flush("(flush)");
      ReadPending();
      it = kept_.find(ticket);
      if (it == kept_.end()) throw DbError("no result for a query sent earlier (taken twice?)");
    }
    PgResult res = std::move(it->second);
    kept_.erase(it);
    return res;
  }

  // Sends a statement and returns its result, reading every result owed before it.
  PgResult Execute(std::string_view sql, const Params& params) {
    Send(sql, params);
    Flush(sql);
    return ReadPending();
  }

  // Runs one statement in its own implicit transaction (no BEGIN, no COMMIT): the statement and
  // the Sync that ends it go out together, one round trip.
  PgResult ExecuteAlone(std::string_view sql, const Params& params) {
    EnterPipeline(sql);
    Send(sql, params);
    SendSync("(sync)");
    return ReadToEnd();
  }

  // Commits (or, if !commit, rolls back) and ends the pipeline. Throws the first error of the
  // statements still unread; a rolled-back COMMIT (an earlier statement failed) throws too.
  void End(bool commit) {
    SendEnd(commit ? "COMMIT" : "ROLLBACK");
    const PgResult res = ReadToEnd();
    if (commit && std::string_view(PQcmdStatus(res.get())) == "ROLLBACK") {
      throw DbError("transaction rolled back: a statement in it had failed");
    }
  }

  // Ends a read-only transaction whose statements all succeeded: its COMMIT goes out now, but its
  // answer is read by the next transaction on this connection (it has arrived by then), so a read
  // does not wait a round trip for a COMMIT that cannot fail or change anything.
  void EndRead() {
    if (!pending_.empty()) return End(true);  // something sent is unread: wait for it
    SendEnd("COMMIT");
    owed_ = true;
  }

  // Waits until every transaction committed on the server so far, by any connection, is as durable
  // as the server's own synchronous_commit setting makes a COMMIT (with PostgreSQL's default, on
  // disk): a transaction that wrote to the WAL and commits at that setting flushes the WAL up to
  // its commit record, and so every commit record before it. Its only WAL record is an empty
  // transactional logical-decoding message (no table, no privilege needed; a decoding plugin sees
  // a message with the prefix "eiso.flush" and nothing else). One statement in its own implicit
  // transaction: the setting, local to that transaction, is still in force when it commits.
  void AwaitDurable() {
    ExecuteAlone("SELECT set_config('synchronous_commit', ?, true), pg_logical_emit_message(true, 'eiso.flush', '')",
                 {server_commit_});
  }

  // Ends the transaction after an exception, without throwing: what it sent is rolled back.
  void RollbackQuietly() {
    if (!in_transaction_ || Broken()) return;
    try {
      End(false);
    } catch (const DbError&) {
      // The error that made us roll back has been thrown already; this one says the same.
    }
  }

 private:
  // Reads the answer to a read-only COMMIT left by EndRead; a connection that cannot give it is
  // broken.
  void CollectOwed() {
    if (!owed_ || Broken()) return;
    owed_ = false;
    try {
      ReadPending();
    } catch (const DbError&) {
      failed_ = true;
      return;
    }
    Settle();
  }

  // Out of pipeline mode and out of any transaction: a failed statement made the server skip
  // the COMMIT or ROLLBACK sent after it, leaving the transaction open, aborted.
  void Settle() {
    if (Broken()) return;
    PQexitPipelineMode(conn_);
    if (PQtransactionStatus(conn_) != PQTRANS_IDLE) PgResult(PQexec(conn_, "ROLLBACK"));
  }

  struct Statement {
    std::string sql;   // as the caller wrote it (the map's key; also for error messages)
    std::string name;  // server-side name
  };
  // A result the server owes, in the order sent.
  struct Pending {
    enum Kind { kStatement, kParse, kSync };
    std::string_view sql;  // a literal, or a Statement's sql (stable: map nodes do not move)
    Kind kind;
    std::optional<std::size_t> ticket = std::nullopt;  // a QueryLater's: its result is kept
    std::string requirement = {};  // a Require's message key: its division by zero means "no row"
  };

  // Asks the server for the answers to everything sent so far (without ending the pipeline).
  void Flush(std::string_view sql) {
    if (PQsendFlushRequest(conn_) != 1 || PQflush(conn_) != 0) Fail(sql);
  }

  void EnterPipeline(std::string_view what) {
    if (PQenterPipelineMode(conn_) != 1) Fail(what);
    in_transaction_ = true;
    kept_.clear();
  }

  // Sends `command` (COMMIT or ROLLBACK) and the Sync that ends the transaction's pipeline.
  void SendEnd(const char* command) {
    SendCommand(command);
    SendSync(command);
  }

  // The Sync that ends the pipeline's (explicit or implicit) transaction. `label`: a literal.
  void SendSync(const char* label) {
    if (PQpipelineSync(conn_) != 1) Fail(label);
    pending_.push_back({label, Pending::kSync});
    in_transaction_ = false;
  }

  // Reads everything owed up to the Sync and leaves pipeline mode, also when that throws.
  PgResult ReadToEnd() {
    PgResult res;
    try {
      res = ReadPending();
    } catch (const DbError&) {
      Settle();
      throw;
    }
    Settle();
    return res;
  }

  void SendCommand(const char* sql) {
    if (PQsendQueryParams(conn_, sql, 0, nullptr, nullptr, nullptr, nullptr, 0) != 1) Fail(sql);
    pending_.push_back({sql, Pending::kStatement});
  }

  // The prepared statement for `sql`; its Parse is sent with the first statement that uses it.
  const Statement& Prepare(std::string_view sql) {
    if (auto it = statements_.find(sql); it != statements_.end()) return it->second;
    Statement statement{std::string(sql), "eiso_" + std::to_string(next_statement_++)};
    auto [it, inserted] = statements_.emplace(statement.sql, std::move(statement));
    if (PQsendPrepare(conn_, it->second.name.c_str(), RewritePlaceholders(sql).c_str(), 0, nullptr) != 1) {
      const std::string text(sql);
      statements_.erase(it);
      Fail(text);
    }
    pending_.push_back({it->second.sql, Pending::kParse});
    return it->second;
  }

  // Reads the results of everything pending, in order, and returns the last statement's. Throws
  // the first error among them.
  PgResult ReadPending() {
    PgResult last;
    struct Failure {
      std::string message;
      bool unique_violation = false;
      std::string requirement;   // the message key of a failed requirement
    };
    std::optional<Failure> error;
    std::vector<std::string_view> failed_parses;
    for (const Pending& pending : pending_) {
      // A null ends each statement's results; whether it comes before the next one's first result
      // depends on what libpq had queued when it was asked (skipped statements), so skip one.
      PgResult res(PQgetResult(conn_));
      if (!res) res.reset(PQgetResult(conn_));
      if (!res) {
        if (!error) error = Failure{Describe(nullptr, pending.sql)};
        failed_ = true;  // out of step with the server: not reused
        break;
      }
      const ExecStatusType status = PQresultStatus(res.get());
      if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_PIPELINE_SYNC) {
        if (pending.ticket) {
          kept_[*pending.ticket] = std::move(res);
        } else if (pending.kind == Pending::kStatement) {
          last = std::move(res);
        }
        continue;
      }
      // A Parse that failed or was skipped left no statement on the server: parse it again.
      if (pending.kind == Pending::kParse) failed_parses.push_back(pending.sql);
      if (status == PGRES_PIPELINE_ABORTED) {
        // Skipped because an earlier statement failed (here, or in an earlier read).
        if (!error && pending.kind != Pending::kSync)
          error = Failure{std::string("statement skipped: an earlier statement of this transaction failed [")
                              .append(pending.sql).append("]")};
        continue;
      }
      if (!error) {
        const char* state = PQresultErrorField(res.get(), PG_DIAG_SQLSTATE);
        const auto is = [state](const char* code) { return state != nullptr && std::strcmp(state, code) == 0; };
        error = Failure{Describe(res.get(), pending.sql), is(kUniqueViolationState),
                        is(kDivisionByZeroState) ? pending.requirement : std::string()};
      }
    }
    pending_.clear();
    for (std::string_view sql : failed_parses) {
      if (auto it = statements_.find(sql); it != statements_.end()) statements_.erase(it);
    }
    if (error) {
      if (error->unique_violation) throw UniqueViolation(error->message);
      if (!error->requirement.empty()) throw RequirementFailed(error->requirement, error->message);
      throw DbError(error->message);
    }
    return last;
  }

  std::string Describe(const PGresult* res, std::string_view sql) const {
    std::string message = TrimmedMessage(res ? PQresultErrorMessage(res) : PQerrorMessage(conn_));
    if (message.empty()) message = TrimmedMessage(PQerrorMessage(conn_));
    if (message.empty()) message = "no result from PostgreSQL";
    return message.append(" [").append(sql).append("]");
  }

  // A send failed (the connection is gone): its state is unknown, so it is not reused.
  [[noreturn]] void Fail(std::string_view sql) {
    pending_.clear();
    failed_ = true;
    throw DbError(Describe(nullptr, sql));
  }

  // Text format for all but blobs, which go as binary bytea (no escaping, zero bytes allowed).
  void SetParam(std::size_t i, const Value& value) {
    const auto& v = value.get();
    lengths_[i] = 0;
    formats_[i] = 0;
    if (const auto* s = std::get_if<std::string>(&v)) {
      values_[i] = s->c_str();
    } else if (const auto* b = std::get_if<Blob>(&v)) {
      values_[i] = b->bytes.data();
      lengths_[i] = static_cast<int>(b->bytes.size());
      formats_[i] = 1;
    } else if (const auto* n = std::get_if<std::int64_t>(&v)) {
      *std::to_chars(numbers_[i].data(), numbers_[i].data() + numbers_[i].size() - 1, *n).ptr = '\0';
      values_[i] = numbers_[i].data();
    } else if (const auto* d = std::get_if<double>(&v)) {
      *std::to_chars(numbers_[i].data(), numbers_[i].data() + numbers_[i].size() - 1, *d).ptr = '\0';
      values_[i] = numbers_[i].data();
    } else {
      values_[i] = nullptr;
    }
  }

  PGconn* conn_;
  std::unordered_map<std::string, Statement, StringHash, std::equal_to<>> statements_;
  int next_statement_ = 0;
  std::vector<Pending> pending_;
  std::unordered_map<std::size_t, PgResult> kept_;  // results of QueryLater not taken yet
  bool in_transaction_ = false;
  bool owed_ = false;     // the answer to a read-only COMMIT is still to be read (EndRead)
  bool failed_ = false;   // a send failed: the connection is in an unknown state
  bool commits_wait_ = true;  // the server's synchronous_commit was not off when it connected
  std::string server_commit_;  // that setting, for the flush rounds
  std::vector<const char*> values_;
  std::vector<int> lengths_;
  std::vector<int> formats_;
  std::vector<std::array<char, 32>> numbers_;  // text of numeric parameters (a double needs ≤ 24)
};

class PostgresTx final : public Tx {
 public:
  // alone: each Exec or Query is its own implicit transaction (Database::ReadStatement).
  explicit PostgresTx(Connection& conn, bool alone = false) : conn_(conn), alone_(alone) {}
  Dialect dialect() const override { return Dialect::kPostgres; }

  void Send(std::string_view sql, const Params& params) override { conn_.Send(sql, params); }

  Ticket QueryLater(std::string_view sql, const Params& params) override {
    conn_.Send(sql, params, next_ticket_);
    return next_ticket_++;
  }
  Rows Take(Ticket ticket) override { return ReadRows(conn_.Take(ticket).get()); }
  void TakeAtCommit(Ticket ticket, Rows* into) override { at_commit_.emplace_back(ticket, into); }
  // The server divides by the number of rows: none fails the statement (division by zero), which
  // ReadPending reports as this requirement's.
  void Require(std::string_view sql, const Params& params, std::string message_key) override {
    if (message_key.empty()) throw DbError("Require: a message key is needed");
    conn_.Send(std::string("WITH required AS (").append(sql).append(") SELECT 1 / COUNT(*) FROM required"), params,
               std::nullopt, std::move(message_key));
  }
  // After the COMMIT succeeded: the rows asked for with TakeAtCommit, read with its answer.
  void Deliver() {
    for (const auto& [ticket, into] : at_commit_) *into = Take(ticket);
  }

  std::int64_t Exec(std::string_view sql, const Params& params) override {
    const PgResult res = alone_ ? conn_.ExecuteAlone(sql, params) : conn_.Execute(sql, params);
    const std::string_view changed = PQcmdTuples(res.get());
    std::int64_t count = 0;
    std::from_chars(changed.data(), changed.data() + changed.size(), count);
    return count;
  }

  Rows Query(std::string_view sql, const Params& params) override {
    return ReadRows((alone_ ? conn_.ExecuteAlone(sql, params) : conn_.Execute(sql, params)).get());
  }

 private:
  static Rows ReadRows(const PGresult* res) {
    const int rows = PQntuples(res), cols = PQnfields(res);
    std::vector<Oid> types(static_cast<std::size_t>(cols));
    for (int c = 0; c < cols; ++c) types[static_cast<std::size_t>(c)] = PQftype(res, c);
    Rows out;
    out.reserve(static_cast<std::size_t>(rows));
    for (int r = 0; r < rows; ++r) {
      std::vector<Value> cells;
      cells.reserve(static_cast<std::size_t>(cols));
      for (int c = 0; c < cols; ++c) {
        if (PQgetisnull(res, r, c)) {
          cells.emplace_back();
        } else {
          const std::string_view text(PQgetvalue(res, r, c), static_cast<std::size_t>(PQgetlength(res, r, c)));
          cells.push_back(ReadCell(text, types[static_cast<std::size_t>(c)]));
        }
      }
      out.emplace_back(std::move(cells));
    }
    return out;
  }

  Connection& conn_;
  const bool alone_;
  Ticket next_ticket_ = 0;
  std::vector<std::pair<Ticket, Rows*>> at_commit_;
};

class PostgresDatabase final : public Database {
 public:
  // Opens the first connection now, so that a wrong URL or an unreachable server shows at start;
  // throws DbError then.
  PostgresDatabase(std::string url, const Options& options)
      : url_(std::move(url)), pool_size_(std::max(1, options.pool_size)) {
    auto first = std::make_unique<Connection>(url_);
    open_ = 1;
    idle_.push_back(std::move(first));
  }

  Dialect dialect() const override { return Dialect::kPostgres; }

  Status Backup(const std::string&) override { return Error::Precondition("db.backup_use_pg_dump"); }

 protected:
  void RunTransaction(Mode mode, const std::function<bool(Tx&)>& body) override {
    std::optional<Lease> lease(std::in_place, *this);
    if (mode == Mode::kStatement) {
      PostgresTx tx(**lease, /*alone=*/true);
      body(tx);  // the statement ended its own transaction
      return;
    }
    const bool write = mode == Mode::kWrite;
    (*lease)->Begin(write ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    PostgresTx tx(**lease);
    bool commit = false;
    try {
      commit = body(tx);
    } catch (...) {
      (*lease)->RollbackQuietly();
      throw;
    }
    if (commit && !write) {
      (*lease)->EndRead();
      tx.Deliver();
    } else if (commit) {
      (*lease)->End(true);
      tx.Deliver();
      if ((*lease)->CommitsWait()) AwaitDurable(lease);
    } else {
      (*lease)->RollbackQuietly();  // the body's own error is the answer, not what rolling back says
    }
  }

 private:
  // A connection taken from the pool for one transaction, opened if none is idle and the pool is
  // not full; returned on scope exit unless broken or still inside a transaction.
  class Lease {
   public:
    explicit Lease(PostgresDatabase& db) : db_(db) {
      std::unique_lock lock(db_.mu_);
      for (;;) {
        db_.available_.wait(lock, [this] { return !db_.idle_.empty() || db_.open_ < db_.pool_size_; });
        if (db_.idle_.empty()) break;
        conn_ = std::move(db_.idle_.back());
        db_.idle_.pop_back();
        lock.unlock();
        if (conn_->StillOpen()) return;
        conn_.reset();  // closed by the server meanwhile (a restart): a new one instead
        lock.lock();
        --db_.open_;
      }
      ++db_.open_;
      lock.unlock();
      try {
        conn_ = std::make_unique<Connection>(db_.url_);
      } catch (...) {
        lock.lock();
        --db_.open_;
        lock.unlock();
        db_.available_.notify_one();
        throw;
      }
    }
    ~Lease() {
      if (!conn_->Reusable()) conn_->RollbackQuietly();
      std::unique_ptr<Connection> dropped;
      {
        std::lock_guard lock(db_.mu_);
        if (conn_->Reusable()) {
          db_.idle_.push_back(std::move(conn_));
        } else {
          --db_.open_;
          dropped = std::move(conn_);
        }
      }
      db_.available_.notify_one();
    }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Connection* operator->() const { return conn_.get(); }
    Connection& operator*() const { return *conn_; }

   private:
    PostgresDatabase& db_;
    std::unique_ptr<Connection> conn_;
  };

  // Group commit. Connections commit with synchronous_commit off, so a COMMIT returns, and the
  // locks it held (the audit chain's) are free, before its WAL is on disk; no write is answered
  // before that, though. A write that committed waits here for a flush round that started after
  // its COMMIT: the first to find none running starts one on its own connection
  // (Connection::AwaitDurable: one round trip and, with PostgreSQL's defaults, one fsync), the
  // others give their connection back and wait. One fsync covers every write committed before
  // the round began, and writes no longer queue behind each other's fsync for the chain's lock.
  // If a round fails, the writes waiting for it start another; the one that ran it answers its
  // error (its transaction committed, but it cannot tell whether it is durable). With the server's
  // synchronous_commit off, a COMMIT waits for nothing: there are no rounds.
  void AwaitDurable(std::optional<Lease>& lease) {
    std::unique_lock lock(flush_mu_);
    const std::uint64_t needed = flush_started_ + 1;  // a round that starts from now on
    while (flush_done_ < needed) {
      if (flush_running_) {
        if (lease) {
          lock.unlock();
          lease.reset();  // not needed while waiting: back to the pool
          lock.lock();
        } else {
          flush_cv_.wait(lock);
        }
        continue;
      }
      flush_running_ = true;
      const std::uint64_t round = ++flush_started_;
      lock.unlock();
      std::exception_ptr error;
      try {
        if (!lease) lease.emplace(*this);
        (*lease)->AwaitDurable();
      } catch (...) {
        error = std::current_exception();
      }
      lock.lock();
      flush_running_ = false;
      if (!error) flush_done_ = round;
      flush_cv_.notify_all();
      if (error) std::rethrow_exception(error);
    }
  }

  const std::string url_;
  const int pool_size_;
  std::mutex flush_mu_;
  std::condition_variable flush_cv_;
  std::uint64_t flush_started_ = 0;  // flush rounds begun
  std::uint64_t flush_done_ = 0;     // the last round that succeeded (rounds end in order)
  bool flush_running_ = false;
  std::mutex mu_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
  int open_ = 0;  // idle and leased connections
};

}  // namespace

Result<std::unique_ptr<Database>> OpenPostgres(const std::string& url, const Options& options) {
  char* parse_error = nullptr;
  PQconninfoOption* parsed = PQconninfoParse(url.c_str(), &parse_error);
  if (parsed == nullptr) {
    Error error = Error::Invalid("db.bad_url");
    error.detail = TrimmedMessage(parse_error);
    PQfreemem(parse_error);
    return error;
  }
  PQconninfoFree(parsed);
  try {
    return std::make_unique<PostgresDatabase>(url, options);
  } catch (const DbError& e) {
    return Error::Unavailable(e.what());
  }
}

std::string RewritePlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  std::size_t i = 0;
  while (i < sql.size()) {
    if (const std::size_t past = SkipQuotedOrComment(sql, i); past != i) {
      out.append(sql.substr(i, past - i));
      i = past;
    } else if (sql[i] == '?') {
      out.push_back('$');
      out.append(std::to_string(++n));
      ++i;
    } else {
      out.push_back(sql[i++]);
    }
  }
  return out;
}

}  // namespace eiso::db
