#include "db/sqlite.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <filesystem>
#include <mutex>
#include <string_view>
#include <system_error>
#include <thread>
#include <unistd.h>
#include <unordered_map>
#include <utility>
#include <vector>

#include "db/sql_text.hpp"

namespace eiso::db {
namespace {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// True if `tail` (what sqlite3_prepare left over) holds only blanks and comments.
bool OnlyCommentsLeft(std::string_view tail) {
  std::size_t i = 0;
  while (i < tail.size()) {
    if (IsBlank(tail[i])) {
      ++i;
    } else if (IsCommentAt(tail, i)) {
      i = SkipQuotedOrComment(tail, i);
    } else {
      return false;
    }
  }
  return true;
}

// One sqlite3 connection and its prepared statements, used by one thread at a time (the pool hands
// it out), hence opened without SQLite's own mutex.
class Connection {
 public:
  Connection(const std::string& filename, int extra_flags, const Options& options) {
    // Before SQLite's first use in the process: no global memory statistics. They cost a global
    // mutex around every allocation, which the reader and writer threads then queue on (seen as
    // futex waits under sqlite3Malloc in profiles of the public lookup). Refused, harmlessly, if
    // something opened a database before.
    static const bool configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
    (void)configured;
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | extra_flags;
    if (sqlite3_open_v2(filename.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close_v2(db_);
      throw DbError("cannot open SQLite database " + filename + ": " + message);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, options.busy_timeout_ms);
  }
  ~Connection() {
    for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  sqlite3* handle() const { return db_; }

  // Runs a statement without parameters and results (PRAGMAs at open).
  void Run(const char* sql) {
    if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) Fail(sqlite3_extended_errcode(db_), sql);
  }

  // The cached statement for `sql`, prepared on first use.
  sqlite3_stmt* Prepare(std::string_view sql) {
    if (auto it = statements_.find(sql); it != statements_.end()) return it->second;
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, &tail);
    if (rc != SQLITE_OK) Fail(rc, sql);
    if (stmt == nullptr) throw DbError("empty SQL statement: " + std::string(sql));
    if (!OnlyCommentsLeft(std::string_view(tail, sql.data() + sql.size() - tail))) {
      sqlite3_finalize(stmt);
      throw DbError("more than one SQL statement: " + std::string(sql));
    }
    statements_.emplace(sql, stmt);
    return stmt;
  }

  [[noreturn]] void Fail(int rc, std::string_view sql) const {
    std::string message = sqlite3_errmsg(db_);
    message.append(" [").append(sql).append("]");
    if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) throw UniqueViolation(message);
    throw DbError(message);
  }

  // Ends the open transaction, if any, ignoring errors: used on the way out of a failure.
  void RollbackQuietly() {
    if (sqlite3_get_autocommit(db_) == 0) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }

 private:
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*, StringHash, std::equal_to<>> statements_;
};

// Binds parameters to a cached statement and, on destruction, resets it and clears its bindings
// so that it is ready for the next use and holds no pointer into the caller's values.
class Statement {
 public:
  Statement(Connection& conn, std::string_view sql, const Params& params)
      : conn_(conn), sql_(sql), stmt_(conn.Prepare(sql)) {
    const int expected = sqlite3_bind_parameter_count(stmt_);
    if (expected != static_cast<int>(params.size())) {
      throw DbError("SQL expects " + std::to_string(expected) + " parameters, got " +
                    std::to_string(params.size()) + " [" + std::string(sql) + "]");
    }
    for (int i = 0; i < expected; ++i) Bind(i + 1, params[static_cast<std::size_t>(i)]);
  }
  ~Statement() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Steps once: true if a row is available, false when done.
  bool Step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    conn_.Fail(rc, sql_);
  }

  Row ReadRow() const {
    const int n = sqlite3_column_count(stmt_);
    std::vector<Value> cells;
    cells.reserve(static_cast<std::size_t>(n));
    for (int c = 0; c < n; ++c) cells.push_back(ReadColumn(c));
    return Row(std::move(cells));
  }

 private:
  void Bind(int index, const Value& value) {
    int rc = SQLITE_OK;
    const auto& v = value.get();
    if (const auto* i = std::get_if<std::int64_t>(&v)) {
      rc = sqlite3_bind_int64(stmt_, index, *i);
    } else if (const auto* d = std::get_if<double>(&v)) {
      rc = sqlite3_bind_double(stmt_, index, *d);
    } else if (const auto* s = std::get_if<std::string>(&v)) {
      rc = sqlite3_bind_text64(stmt_, index, s->data(), s->size(), SQLITE_STATIC, SQLITE_UTF8);
    } else if (const auto* b = std::get_if<Blob>(&v)) {
      rc = sqlite3_bind_blob64(stmt_, index, b->bytes.data(), b->bytes.size(), SQLITE_STATIC);
    } else {
      rc = sqlite3_bind_null(stmt_, index);
    }
    if (rc != SQLITE_OK) conn_.Fail(rc, sql_);
  }

  Value ReadColumn(int c) const {
    switch (sqlite3_column_type(stmt_, c)) {
      case SQLITE_INTEGER:
        return Value(static_cast<std::int64_t>(sqlite3_column_int64(stmt_, c)));
      case SQLITE_FLOAT:
        return Value(sqlite3_column_double(stmt_, c));
      case SQLITE_TEXT: {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, c));
        return Value(std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, c))));
      }
      case SQLITE_BLOB: {
        const auto* bytes = static_cast<const char*>(sqlite3_column_blob(stmt_, c));
        const auto size = static_cast<std::size_t>(sqlite3_column_bytes(stmt_, c));
        return Value(Blob{size == 0 ? std::string() : std::string(bytes, size)});
      }
      default:
        return Value();
    }
  }

  Connection& conn_;
  std::string_view sql_;
  sqlite3_stmt* stmt_;
};

class SqliteTx final : public Tx {
 public:
  explicit SqliteTx(Connection& conn) : conn_(conn) {}
  Dialect dialect() const override { return Dialect::kSqlite; }

  std::int64_t Exec(std::string_view sql, const Params& params) override {
    Statement stmt(conn_, sql, params);
    while (stmt.Step()) {
    }
    return sqlite3_changes64(conn_.handle());
  }

  void Send(std::string_view sql, const Params& params) override { Exec(sql, params); }

  Ticket QueryLater(std::string_view sql, const Params& params) override {
    later_.push_back(Query(sql, params));
    return later_.size() - 1;
  }
  Rows Take(Ticket ticket) override { return std::move(later_.at(ticket)); }
  void TakeAtCommit(Ticket ticket, Rows* into) override { *into = Take(ticket); }
  void Require(std::string_view sql, const Params& params, std::string message_key) override {
    if (Query(sql, params).empty())
      throw RequirementFailed(std::move(message_key), "no row for a requirement [" + std::string(sql) + "]");
  }

  Rows Query(std::string_view sql, const Params& params) override {
    Statement stmt(conn_, sql, params);
    Rows rows;
    while (stmt.Step()) rows.push_back(stmt.ReadRow());
    return rows;
  }

 private:
  Connection& conn_;
  std::vector<Rows> later_;  // QueryLater's rows, by ticket
};

// Runs body in a transaction on conn: `begin` is BEGIN IMMEDIATE for the writer (it takes the write
// lock at once, so a busy database is waited for here and not half-way through) or BEGIN.
void RunOn(Connection& conn, std::string_view begin, const std::function<bool(Tx&)>& body) {
  SqliteTx tx(conn);
  tx.Exec(begin, {});
  bool commit = false;
  try {
    commit = body(tx);
  } catch (...) {
    conn.RollbackQuietly();
    throw;
  }
  if (!commit) {
    tx.Exec("ROLLBACK", {});
    return;
  }
  try {
    tx.Exec("COMMIT", {});
  } catch (...) {
    conn.RollbackQuietly();  // a COMMIT that failed busy leaves the transaction open
    throw;
  }
}

class SqliteDatabase final : public Database {
 public:
  // Throws DbError if a connection cannot be opened or configured.
  SqliteDatabase(const std::string& filename, bool in_memory, const Options& options) {
    const int uri_flag = in_memory ? SQLITE_OPEN_URI : 0;
    writer_ = std::make_unique<Connection>(filename, uri_flag, options);
    Configure(*writer_);
    if (!in_memory) writer_->Run("PRAGMA journal_mode=WAL");
    writer_->Run("PRAGMA cache_size=-65536");   // 64 MiB: the pages every write touches stay in memory
    const int readers = std::max(1, options.pool_size);
    for (int i = 0; i < readers; ++i) {
      readers_.push_back(std::make_unique<Connection>(filename, uri_flag, options));
      Configure(*readers_.back());
      readers_.back()->Run("PRAGMA query_only=ON");
      readers_.back()->Run("PRAGMA cache_size=-16384");
      idle_readers_.push_back(readers_.back().get());
    }
    if (!in_memory) {
      // Checkpoints (copying the WAL back into the database file, with its fsync) run on a
      // connection and thread of their own, not inside the writer's COMMIT as SQLite's automatic
      // checkpoint does: the one writer never stops for them. PASSIVE: they never wait for nor
      // block readers or the writer.
      writer_->Run("PRAGMA wal_autocheckpoint=0");
      checkpointer_ = std::make_unique<Connection>(filename, 0, options);
      // A connection checkpoints only once its pager has opened the WAL, i.e. after a first read.
      checkpointer_->Run("SELECT COUNT(*) FROM sqlite_schema");
      sqlite3_wal_hook(writer_->handle(), &SqliteDatabase::WalCommitted, this);
      checkpoint_thread_ = std::thread([this] { CheckpointLoop(); });
    }
  }
  ~SqliteDatabase() override {
    if (checkpoint_thread_.joinable()) {
      {
        std::lock_guard lock(checkpoint_mu_);
        checkpoint_stop_ = true;
      }
      checkpoint_cv_.notify_one();
      checkpoint_thread_.join();
    }
    checkpointer_.reset();
    readers_.clear();
    writer_.reset();  // last: it keeps an in-memory database alive
  }

  Dialect dialect() const override { return Dialect::kSqlite; }

  Status Backup(const std::string& path) override {
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) return Error::Precondition("db.backup_target_exists", "path");
    if (const auto dir = std::filesystem::path(path).parent_path(); !dir.empty()) {
      std::filesystem::create_directories(dir, ec);
    }
    ReaderLease reader(*this);
    sqlite3* dest = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    if (rc == SQLITE_OK) {
      if (sqlite3_backup* backup = sqlite3_backup_init(dest, "main", reader->handle(), "main")) {
        rc = sqlite3_backup_step(backup, -1);
        sqlite3_backup_finish(backup);
        if (rc == SQLITE_DONE) rc = SQLITE_OK;
      } else {
        rc = sqlite3_errcode(dest);
      }
    }
    std::string message = rc == SQLITE_OK ? "" : (dest ? sqlite3_errmsg(dest) : sqlite3_errstr(rc));
    sqlite3_close_v2(dest);
    if (rc != SQLITE_OK) {
      std::filesystem::remove(path, ec);
      return Error::Unavailable("backup to " + path + ": " + message);
    }
    return Ok();
  }

 protected:
  // Writes are group-committed: a writer that finds no other running becomes the leader and runs
  // the writes waiting at that moment (its own among them, at most kMaxBatch, in arrival order) in
  // one transaction, each inside its own SAVEPOINT so that one write's error or exception undoes
  // only that write. Nobody returns before the COMMIT that holds their write; if that COMMIT fails,
  // every write of the batch fails. One commit per batch instead of one per write: the pages that
  // every write touches (counters, the audit chain's tail, the ends of indexes) go to the WAL once.
  void RunTransaction(Mode mode, const std::function<bool(Tx&)>& body) override {
    if (mode != Mode::kWrite) {
      ReaderLease reader(*this);
      RunOn(*reader, "BEGIN", body);
      return;
    }
    // A Write nested in a Write on the same thread would wait for itself forever.
    if (writer_thread_.load() == std::this_thread::get_id()) throw DbError("nested write transaction");
    PendingWrite me{&body};
    std::unique_lock lock(queue_mu_);
    queue_.push_back(&me);
    while (!me.done) {
      if (leading_) {
        queue_cv_.wait(lock);
        continue;
      }
      leading_ = true;
      const std::size_t take = std::min(queue_.size(), kMaxBatch);
      std::vector<PendingWrite*> batch(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(take));
      queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(take));
      lock.unlock();
      writer_thread_ = std::this_thread::get_id();
      RunBatch(batch);
      writer_thread_ = std::thread::id();
      lock.lock();
      for (PendingWrite* p : batch) p->done = true;
      leading_ = false;
      queue_cv_.notify_all();
    }
    lock.unlock();
    if (me.error) std::rethrow_exception(me.error);
  }

 private:
  struct PendingWrite {
    const std::function<bool(Tx&)>* body = nullptr;
    std::exception_ptr error;   // thrown by the body, or by the batch's COMMIT
    bool done = false;
  };
  static constexpr std::size_t kMaxBatch = 64;

  // Never throws: each write's outcome goes into its PendingWrite.
  void RunBatch(const std::vector<PendingWrite*>& batch) {
    Connection& conn = *writer_;
    if (batch.size() == 1) {   // alone: a plain transaction, as without grouping
      try {
        RunOn(conn, "BEGIN IMMEDIATE", *batch.front()->body);
      } catch (...) {
        batch.front()->error = std::current_exception();
      }
      return;
    }
    auto fail = [](const std::vector<PendingWrite*>& writes, std::exception_ptr error) {
      for (PendingWrite* p : writes)
        if (!p->error) p->error = error;
    };
    SqliteTx tx(conn);
    try {
      tx.Exec("BEGIN IMMEDIATE", {});
    } catch (...) {
      fail(batch, std::current_exception());
      return;
    }
    std::vector<PendingWrite*> kept;   // released into the transaction, waiting for its COMMIT
    for (std::size_t i = 0; i < batch.size(); ++i) {
      PendingWrite* p = batch[i];
      bool ok = false;
      try {
        tx.Exec("SAVEPOINT group_write", {});
        ok = (*p->body)(tx);
      } catch (...) {
        p->error = std::current_exception();
      }
      if (sqlite3_get_autocommit(conn.handle()) != 0) {
        // SQLite ended the whole transaction (e.g. disk full): the writes before this one are
        // lost with it, those after it are not run.
        const auto lost = std::make_exception_ptr(DbError("write batch rolled back"));
        fail(kept, lost);
        fail({batch.begin() + static_cast<std::ptrdiff_t>(i), batch.end()}, lost);
        return;
      }
      try {
        if (ok && !p->error) {
          tx.Exec("RELEASE group_write", {});
          kept.push_back(p);
        } else {
          tx.Exec("ROLLBACK TO group_write", {});
          tx.Exec("RELEASE group_write", {});
        }
      } catch (...) {
        conn.RollbackQuietly();
        fail(kept, std::current_exception());
        fail({batch.begin() + static_cast<std::ptrdiff_t>(i), batch.end()}, std::current_exception());
        return;
      }
    }
    try {
      tx.Exec("COMMIT", {});
    } catch (...) {
      conn.RollbackQuietly();   // a COMMIT that failed busy leaves the transaction open
      fail(kept, std::current_exception());
    }
  }

  // A reader connection taken from the pool for one scope; waits while all are in use.
  class ReaderLease {
   public:
    explicit ReaderLease(SqliteDatabase& db) : db_(db) {
      std::unique_lock lock(db_.readers_mu_);
      db_.reader_free_.wait(lock, [this] { return !db_.idle_readers_.empty(); });
      conn_ = db_.idle_readers_.back();
      db_.idle_readers_.pop_back();
    }
    ~ReaderLease() {
      {
        std::lock_guard lock(db_.readers_mu_);
        db_.idle_readers_.push_back(conn_);
      }
      db_.reader_free_.notify_one();
    }
    ReaderLease(const ReaderLease&) = delete;
    ReaderLease& operator=(const ReaderLease&) = delete;
    Connection& operator*() const { return *conn_; }
    Connection* operator->() const { return conn_; }

   private:
    SqliteDatabase& db_;
    Connection* conn_ = nullptr;
  };

  static void Configure(Connection& conn) {
    conn.Run("PRAGMA foreign_keys=ON");
    conn.Run("PRAGMA synchronous=NORMAL");
    conn.Run("PRAGMA temp_store=MEMORY");
  }

  std::mutex queue_mu_;
  std::condition_variable queue_cv_;
  std::vector<PendingWrite*> queue_;               // writes waiting for a leader
  bool leading_ = false;                           // a leader is running a batch
  std::atomic<std::thread::id> writer_thread_;     // the leader running a batch, if any
  // Called by SQLite on the writer's thread after each commit, with the WAL's size in pages.
  static int WalCommitted(void* self, sqlite3*, const char*, int wal_pages) {
    auto* db = static_cast<SqliteDatabase*>(self);
    if (wal_pages >= kCheckpointPages) {
      {
        std::lock_guard lock(db->checkpoint_mu_);
        db->checkpoint_due_ = true;
      }
      db->checkpoint_cv_.notify_one();
    }
    return SQLITE_OK;
  }
  void CheckpointLoop() {
    std::unique_lock lock(checkpoint_mu_);
    while (!checkpoint_stop_) {
      checkpoint_cv_.wait(lock, [this] { return checkpoint_stop_ || checkpoint_due_; });
      if (checkpoint_stop_) break;
      checkpoint_due_ = false;
      lock.unlock();
      int wal = 0, copied = 0;
      // Busy (another process checkpointing) or an I/O error: the next commit asks again.
      sqlite3_wal_checkpoint_v2(checkpointer_->handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, &wal, &copied);
      lock.lock();
    }
  }
  static constexpr int kCheckpointPages = 4096;   // 16 MiB of WAL (SQLite's automatic one: 1000 pages)

  std::unique_ptr<Connection> writer_;
  std::unique_ptr<Connection> checkpointer_;
  std::mutex checkpoint_mu_;
  std::condition_variable checkpoint_cv_;
  bool checkpoint_due_ = false;
  bool checkpoint_stop_ = false;
  std::thread checkpoint_thread_;
  std::vector<std::unique_ptr<Connection>> readers_;
  std::mutex readers_mu_;
  std::condition_variable reader_free_;
  std::vector<Connection*> idle_readers_;
};

// A process-wide unique name for an in-memory database. The memdb VFS shares a database among the
// connections that open the same "/name" and, unlike a shared cache, locks the whole database as
// a file would (the busy timeout applies, no table-level SQLITE_LOCKED), with snapshot reads.
std::string NewMemoryDatabaseUri() {
  static std::atomic<int> counter{0};
  return "file:/eiso-mem-" + std::to_string(getpid()) + "-" + std::to_string(++counter) + "?vfs=memdb";
}

}  // namespace

Result<std::unique_ptr<Database>> OpenSqlite(const std::string& target, const Options& options) {
  const bool in_memory = target == ":memory:";
  if (!in_memory) {
    if (const auto dir = std::filesystem::path(target).parent_path(); !dir.empty()) {
      std::error_code ec;
      std::filesystem::create_directories(dir, ec);
      if (ec) return Error::Unavailable("cannot create " + dir.string() + ": " + ec.message());
    }
  }
  try {
    return std::make_unique<SqliteDatabase>(in_memory ? NewMemoryDatabaseUri() : target, in_memory, options);
  } catch (const DbError& e) {
    return Error::Unavailable(e.what());
  }
}

}  // namespace eiso::db
