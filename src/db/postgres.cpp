#include "db/postgres.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <condition_variable>
#include <cstring>
#include <mutex>
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
  }
  ~Connection() { PQfinish(conn_); }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Fit to go back to the pool: connected and outside any transaction.
  bool Reusable() const {
    return PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) == PQTRANS_IDLE;
  }
  bool Broken() const { return PQstatus(conn_) != CONNECTION_OK; }

  // Runs a parameterless command (BEGIN, COMMIT, ROLLBACK) and returns its command tag.
  std::string Command(const char* sql) {
    PgResult res(PQexec(conn_, sql));
    Check(res.get(), sql);
    return PQcmdStatus(res.get());
  }

  void RollbackQuietly() {
    if (PQtransactionStatus(conn_) != PQTRANS_IDLE && !Broken()) PgResult(PQexec(conn_, "ROLLBACK"));
  }

  PgResult Execute(std::string_view sql, const Params& params) {
    const std::string& name = Prepare(sql);
    const std::size_t n = params.size();
    values_.resize(n);
    lengths_.resize(n);
    formats_.resize(n);
    numbers_.resize(n);
    for (std::size_t i = 0; i < n; ++i) SetParam(i, params[i]);
    PgResult res(PQexecPrepared(conn_, name.c_str(), static_cast<int>(n), values_.data(),
                                lengths_.data(), formats_.data(), 0));
    Check(res.get(), sql);
    return res;
  }

 private:
  // The server-side name of the prepared statement for `sql`, prepared on first use.
  const std::string& Prepare(std::string_view sql) {
    if (auto it = statements_.find(sql); it != statements_.end()) return it->second;
    std::string name = "eiso_" + std::to_string(statements_.size());
    PgResult res(PQprepare(conn_, name.c_str(), RewritePlaceholders(sql).c_str(), 0, nullptr));
    Check(res.get(), sql);
    return statements_.emplace(sql, std::move(name)).first->second;
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

  void Check(const PGresult* res, std::string_view sql) const {
    const ExecStatusType status = PQresultStatus(res);
    if (res != nullptr && (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)) return;
    std::string message = TrimmedMessage(res ? PQresultErrorMessage(res) : PQerrorMessage(conn_));
    if (message.empty()) message = TrimmedMessage(PQerrorMessage(conn_));
    message.append(" [").append(sql).append("]");
    const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
    if (state != nullptr && std::strcmp(state, kUniqueViolationState) == 0) throw UniqueViolation(message);
    throw DbError(message);
  }

  PGconn* conn_;
  std::unordered_map<std::string, std::string, StringHash, std::equal_to<>> statements_;
  std::vector<const char*> values_;
  std::vector<int> lengths_;
  std::vector<int> formats_;
  std::vector<std::array<char, 32>> numbers_;  // text of numeric parameters (a double needs ≤ 24)
};

class PostgresTx final : public Tx {
 public:
  explicit PostgresTx(Connection& conn) : conn_(conn) {}
  Dialect dialect() const override { return Dialect::kPostgres; }

  std::int64_t Exec(std::string_view sql, const Params& params) override {
    const PgResult res = conn_.Execute(sql, params);
    const std::string_view changed = PQcmdTuples(res.get());
    std::int64_t count = 0;
    std::from_chars(changed.data(), changed.data() + changed.size(), count);
    return count;
  }

  Rows Query(std::string_view sql, const Params& params) override {
    const PgResult res = conn_.Execute(sql, params);
    const int rows = PQntuples(res.get()), cols = PQnfields(res.get());
    std::vector<Oid> types(static_cast<std::size_t>(cols));
    for (int c = 0; c < cols; ++c) types[static_cast<std::size_t>(c)] = PQftype(res.get(), c);
    Rows out;
    out.reserve(static_cast<std::size_t>(rows));
    for (int r = 0; r < rows; ++r) {
      std::vector<Value> cells;
      cells.reserve(static_cast<std::size_t>(cols));
      for (int c = 0; c < cols; ++c) {
        if (PQgetisnull(res.get(), r, c)) {
          cells.emplace_back();
        } else {
          const std::string_view text(PQgetvalue(res.get(), r, c),
                                      static_cast<std::size_t>(PQgetlength(res.get(), r, c)));
          cells.push_back(ReadCell(text, types[static_cast<std::size_t>(c)]));
        }
      }
      out.emplace_back(std::move(cells));
    }
    return out;
  }

 private:
  Connection& conn_;
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
  void RunTransaction(bool write, const std::function<bool(Tx&)>& body) override {
    const char* begin = write ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
    // A pooled connection may have died while idle (server restart): begin on another one; every
    // attempt after the pool has been cycled through opens a new connection.
    for (int attempt = 0;; ++attempt) {
      Lease lease(*this);
      try {
        lease->Command(begin);
      } catch (const DbError&) {
        if (lease->Broken() && attempt < pool_size_) continue;
        throw;
      }
      PostgresTx tx(*lease);
      bool commit = false;
      try {
        commit = body(tx);
      } catch (...) {
        lease->RollbackQuietly();
        throw;
      }
      if (!commit) {
        lease->Command("ROLLBACK");
        return;
      }
      // COMMIT of a transaction that an earlier statement aborted (a caught exception) rolls back.
      if (lease->Command("COMMIT") == "ROLLBACK") {
        throw DbError("transaction rolled back: a statement in it had failed");
      }
      return;
    }
  }

 private:
  // A connection taken from the pool for one transaction, opened if none is idle and the pool is
  // not full; returned on scope exit unless broken or still inside a transaction.
  class Lease {
   public:
    explicit Lease(PostgresDatabase& db) : db_(db) {
      std::unique_lock lock(db_.mu_);
      db_.available_.wait(lock, [this] { return !db_.idle_.empty() || db_.open_ < db_.pool_size_; });
      if (!db_.idle_.empty()) {
        conn_ = std::move(db_.idle_.back());
        db_.idle_.pop_back();
        return;
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

  const std::string url_;
  const int pool_size_;
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
