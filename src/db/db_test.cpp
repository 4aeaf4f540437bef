// The database seam, run against each backend: SQLite in memory, SQLite in a WAL file, and
// PostgreSQL when EISO_TEST_PG_URL names a disposable database (scripts/with-postgres.sh).
#include <gtest/gtest.h>

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <limits>
#include <ostream>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "db/database.hpp"

namespace eiso::db {

void PrintTo(const Value& value, std::ostream* os) {
  std::visit(
      [os](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::nullptr_t>) {
          *os << "NULL";
        } else if constexpr (std::is_same_v<T, Blob>) {
          *os << "Blob(" << v.bytes.size() << " bytes)";
        } else {
          *os << v;
        }
      },
      value.get());
}

namespace {

enum class Backend { kSqliteMemory, kSqliteFile, kPostgres };

std::string BackendName(const testing::TestParamInfo<Backend>& info) {
  switch (info.param) {
    case Backend::kSqliteMemory: return "SqliteMemory";
    case Backend::kSqliteFile: return "SqliteFile";
    case Backend::kPostgres: return "Postgres";
  }
  return "Unknown";
}

std::filesystem::path NewTempDir() {
  static std::atomic<int> counter{0};
  auto dir = std::filesystem::temp_directory_path() /
             ("eiso-db-test-" + std::to_string(getpid()) + "-" + std::to_string(++counter));
  std::filesystem::create_directories(dir);
  return dir;
}

const Migration kSchema{"t", 1, "001_items", R"sql(
-- Test tables; the tokens are replaced per dialect.
CREATE TABLE items (
  id {{id}},
  code TEXT NOT NULL UNIQUE,
  n BIGINT,
  r {{real}},
  s TEXT,
  b {{blob}}
);
CREATE TABLE counters (name TEXT PRIMARY KEY, n BIGINT NOT NULL);
INSERT INTO counters (name, n) VALUES ('hits', 0);
)sql"};

class DatabaseTest : public testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    switch (GetParam()) {
      case Backend::kSqliteMemory:
        url_ = "sqlite::memory:";
        break;
      case Backend::kSqliteFile:
        dir_ = NewTempDir();
        url_ = "sqlite:" + (dir_ / "eiso.db").string();
        break;
      case Backend::kPostgres: {
        const char* pg_url = std::getenv("EISO_TEST_PG_URL");
        if (pg_url == nullptr || *pg_url == '\0') {
          GTEST_SKIP() << "EISO_TEST_PG_URL not set; run through scripts/with-postgres.sh";
        }
        url_ = pg_url;
        dir_ = NewTempDir();
        break;
      }
    }
    db_ = OpenDb();
    ASSERT_NE(db_, nullptr);
    if (GetParam() == Backend::kPostgres) {  // a fresh, empty database for every case
      ASSERT_TRUE(db_->Write([](Tx& tx) -> Status {
        tx.Exec("DROP SCHEMA public CASCADE");
        tx.Exec("CREATE SCHEMA public");
        return Ok();
      }).ok());
    }
    auto applied = db_->Migrate({kSchema});
    ASSERT_TRUE(applied.ok()) << applied.error().detail;
  }

  void TearDown() override {
    db_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  std::unique_ptr<Database> OpenDb(const Options& options = {}) {
    auto db = Database::Open(url_, options);
    EXPECT_TRUE(db.ok()) << db.error().detail;
    return db.ok() ? std::move(*db) : nullptr;
  }

  // What is committed: the rows of items, and the counter "hits" (of `db`, or of db_).
  static std::int64_t CountItems(Database& db) {
    return db.Read([](Tx& tx) -> Result<std::int64_t> {
                return tx.QueryOne("SELECT COUNT(*) FROM items")->Int(0);
              }).value();
  }
  std::int64_t CountItems() { return CountItems(*db_); }
  std::int64_t Counter() {
    return db_->Read([](Tx& tx) -> Result<std::int64_t> {
                return tx.QueryOne("SELECT n FROM counters")->Int(0);
              }).value();
  }

  // Commits one item with this code.
  static void InsertItem(Database& db, const std::string& code) {
    ASSERT_TRUE(db.Write([&](Tx& tx) -> Status {
      tx.Exec("INSERT INTO items (code) VALUES (?)", {code});
      return Ok();
    }).ok());
  }
  void InsertItem(const std::string& code) { InsertItem(*db_, code); }

  std::string url_;
  std::filesystem::path dir_;
  std::unique_ptr<Database> db_;
};

INSTANTIATE_TEST_SUITE_P(Backends, DatabaseTest,
                         testing::Values(Backend::kSqliteMemory, Backend::kSqliteFile, Backend::kPostgres),
                         BackendName);

TEST_P(DatabaseTest, RoundTripsEveryValueType) {
  const std::string vietnamese = "Ủy ban nhân dân tỉnh Bắc Ninh";
  const Blob blob{std::string("\0\x01\xff\x00z", 5)};
  struct Case { std::string code; Value n, r, s, b; };
  const std::vector<Case> cases = {
      {"max", std::numeric_limits<std::int64_t>::max(), 0.1, vietnamese, blob},
      {"min", std::numeric_limits<std::int64_t>::min(), -1e300, "", Blob{}},
      {"null", nullptr, nullptr, nullptr, nullptr},
      {"bool", true, 2.5, "'quoted' \"text\" ?", Blob{std::string(300, '\0')}},
  };
  ASSERT_TRUE(db_->Write([&](Tx& tx) -> Status {
    for (const Case& c : cases) {
      tx.Insert("INSERT INTO items (code, n, r, s, b) VALUES (?, ?, ?, ?, ?) RETURNING id",
                {c.code, c.n, c.r, c.s, c.b});
    }
    return Ok();
  }).ok());

  for (const Case& c : cases) {
    const auto row = db_->Read([&](Tx& tx) -> Result<Row> {
      return *tx.QueryOne("SELECT n, r, s, b FROM items WHERE code = ?", {c.code});
    });
    ASSERT_TRUE(row.ok()) << row.error().detail;
    EXPECT_EQ(row->at(0), c.n) << c.code;
    EXPECT_EQ(row->at(1), c.r) << c.code;
    EXPECT_EQ(row->at(2), c.s) << c.code;
    EXPECT_EQ(row->at(3), c.b) << c.code;
  }
}

TEST_P(DatabaseTest, ReadsTypesAsTheCallerAsks) {
  const auto row = db_->Read([](Tx& tx) -> Result<Row> {
    return *tx.QueryOne("SELECT 42, CAST(? AS TEXT), 1.5, CAST(NULL AS TEXT)", {"7"});
  });
  ASSERT_TRUE(row.ok()) << row.error().detail;
  EXPECT_EQ(row->Int(0), 42);
  EXPECT_EQ(row->Text(0), "42");
  EXPECT_TRUE(row->Bool(0));
  EXPECT_EQ(row->Int(1), 7);
  EXPECT_EQ(row->Real(2), 1.5);
  EXPECT_TRUE(row->IsNull(3));
  EXPECT_EQ(row->OptText(3), std::nullopt);
  EXPECT_THROW(row->Int(3), DbError);
}

TEST_P(DatabaseTest, InsertReturnsTheIdAndQueryOneNothingWhenNoRow) {
  const auto ids = db_->Write([](Tx& tx) -> Result<std::pair<std::int64_t, std::int64_t>> {
    const std::int64_t a = tx.Insert("INSERT INTO items (code) VALUES (?) RETURNING id", {"a"});
    const std::int64_t b = tx.Insert("INSERT INTO items (code) VALUES (?) RETURNING id", {"b"});
    return std::pair{a, b};
  });
  ASSERT_TRUE(ids.ok()) << ids.error().detail;
  EXPECT_GT(ids->second, ids->first);
  EXPECT_TRUE(db_->Read([](Tx& tx) -> Result<bool> {
                   return !tx.QueryOne("SELECT id FROM items WHERE code = ?", {"zzz"}).has_value();
                 }).value());
}

TEST_P(DatabaseTest, ExecReturnsTheRowsChanged) {
  const auto changed = db_->Write([](Tx& tx) -> Result<std::int64_t> {
    for (const char* code : {"a", "b", "c"}) tx.Exec("INSERT INTO items (code, n) VALUES (?, 1)", {code});
    return tx.Exec("UPDATE items SET n = n + 1 WHERE code <> ?", {"c"});
  });
  ASSERT_TRUE(changed.ok()) << changed.error().detail;
  EXPECT_EQ(*changed, 2);
}

TEST_P(DatabaseTest, AnErrorResultRollsEverythingBack) {
  const Status status = db_->Write([](Tx& tx) -> Status {
    tx.Exec("INSERT INTO items (code) VALUES (?)", {"a"});
    tx.Exec("UPDATE counters SET n = 5");
    return Error::Invalid("t.rejected", "code");
  });
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().message_key, "t.rejected");
  EXPECT_EQ(CountItems(), 0);
  EXPECT_EQ(Counter(), 0);
}

TEST_P(DatabaseTest, AnExceptionRollsBackAndPropagates) {
  EXPECT_THROW((void)db_->Write([](Tx& tx) -> Status {
    tx.Exec("INSERT INTO items (code) VALUES (?)", {"a"});
    throw std::logic_error("bug");
  }), std::logic_error);
  EXPECT_EQ(CountItems(), 0);
  // The connection is usable afterwards.
  EXPECT_TRUE(db_->Write([](Tx& tx) -> Status {
    tx.Exec("INSERT INTO items (code) VALUES (?)", {"b"});
    return Ok();
  }).ok());
  EXPECT_EQ(CountItems(), 1);
}

TEST_P(DatabaseTest, ADriverErrorBecomesUnavailable) {
  const Status status = db_->Write([](Tx& tx) -> Status {
    tx.Exec("INSERT INTO items (code) VALUES (?)", {"a"});
    tx.Exec("INSERT INTO no_such_table VALUES (1)");
    return Ok();
  });
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(status.error().detail.find("no_such_table"), std::string::npos) << status.error().detail;
  EXPECT_EQ(CountItems(), 0);
}

TEST_P(DatabaseTest, ADuplicateKeyBecomesConflict) {
  InsertItem("dup");
  const Status status = db_->Write([](Tx& tx) -> Status {
    tx.Exec("INSERT INTO items (code) VALUES (?)", {"other"});
    tx.Exec("INSERT INTO items (code) VALUES (?)", {"dup"});
    return Ok();
  });
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kConflict);
  EXPECT_EQ(status.error().message_key, "common.conflict");
  EXPECT_EQ(CountItems(), 1);

  // A store that wants its own error key catches the driver exception.
  const Status precise = db_->Write([](Tx& tx) -> Status {
    try {
      tx.Exec("INSERT INTO items (code) VALUES (?)", {"dup"});
    } catch (const UniqueViolation&) {
      return Error::Conflict("t.code_taken", "code");
    }
    return Ok();
  });
  ASSERT_FALSE(precise.ok());
  EXPECT_EQ(precise.error().message_key, "t.code_taken");
}

TEST_P(DatabaseTest, SentStatementsRunInOrderAndCommitWithTheRest) {
  const auto seen = db_->Write([](Tx& tx) -> Result<std::int64_t> {
    tx.Send("INSERT INTO items (code, n) VALUES (?, ?)", {"a", 1});
    tx.Send("INSERT INTO items (code, n) VALUES (?, ?)", {"b", 2});
    tx.Send("UPDATE counters SET n = n + ?", {5});
    // A statement that waits sees what was sent before it.
    return tx.QueryOne("SELECT SUM(n) FROM items")->Int(0);
  });
  ASSERT_TRUE(seen.ok()) << seen.error().detail;
  EXPECT_EQ(*seen, 3);
  // Sent after the last wait: written by the commit.
  ASSERT_TRUE(db_->Write([](Tx& tx) -> Status {
    tx.Send("INSERT INTO items (code, n) VALUES (?, ?)", {"c", 3});
    return Ok();
  }).ok());
  EXPECT_EQ(CountItems(), 3);
  EXPECT_EQ(Counter(), 5);
}

TEST_P(DatabaseTest, QueriesReadLaterGiveTheirOwnRowsInAnyOrder) {
  const auto out = db_->Write([](Tx& tx) -> Result<std::string> {
    tx.Send("INSERT INTO items (code, n) VALUES (?, ?)", {"a", 1});
    const Tx::Ticket inserted = tx.QueryLater("INSERT INTO items (code, n) VALUES (?, ?) RETURNING n", {"b", 2});
    const Tx::Ticket counted = tx.QueryLater("SELECT COUNT(*) FROM items");
    const Tx::Ticket none = tx.QueryLater("SELECT code FROM items WHERE code = ?", {"zzz"});
    tx.Send("UPDATE counters SET n = n + 1");
    const auto sum = tx.QueryOne("SELECT SUM(n) FROM items")->Int(0);  // reads all of the above
    const Rows later_first = tx.Take(counted);
    const Rows returned = tx.Take(inserted);
    const Rows empty = tx.Take(none);
    const Tx::Ticket last = tx.QueryLater("SELECT n FROM counters");  // taken with nothing after it
    return std::to_string(later_first.front().Int(0)) + " " + std::to_string(returned.front().Int(0)) + " " +
           std::to_string(empty.size()) + " " + std::to_string(sum) + " " +
           std::to_string(tx.Take(last).front().Int(0));
  });
  ASSERT_TRUE(out.ok()) << out.error().detail;
  EXPECT_EQ(*out, "2 2 0 3 1");
}

TEST_P(DatabaseTest, RowsTakenAtCommitArriveWithTheCommittedWrite) {
  Rows numbered, counted;
  const Status status = db_->Write([&](Tx& tx) -> Status {
    tx.Send("UPDATE counters SET n = n + 41");
    // The counter is drawn on the server; this process learns the value after the COMMIT.
    tx.TakeAtCommit(tx.QueryLater("UPDATE counters SET n = n + 1 RETURNING 'no-' || CAST(n AS TEXT), n"), &numbered);
    tx.Send("INSERT INTO items (code, n) VALUES (?, ?)", {"x", 1});
    tx.TakeAtCommit(tx.QueryLater("SELECT COUNT(*) FROM items"), &counted);
    return Ok();
  });
  ASSERT_TRUE(status.ok()) << status.error().detail;
  ASSERT_EQ(numbered.size(), 1u);
  EXPECT_EQ(numbered[0].Text(0), "no-42");
  EXPECT_EQ(numbered[0].Int(1), 42);
  ASSERT_EQ(counted.size(), 1u);
  EXPECT_EQ(counted[0].Int(0), 1);
  EXPECT_EQ(Counter(), 42);

  // A statement so taken that fails fails the write, and nothing of it stays.
  InsertItem("dup");
  Rows never;
  const Status failed = db_->Write([&](Tx& tx) -> Status {
    tx.Send("UPDATE counters SET n = 0");
    tx.TakeAtCommit(tx.QueryLater("INSERT INTO items (code) VALUES ('dup') RETURNING id"), &never);
    return Ok();
  });
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, ErrorCode::kConflict);
  EXPECT_EQ(Counter(), 42);
}

TEST_P(DatabaseTest, ARequirementThatFindsNoRowRefusesTheWholeWrite) {
  // Met: a claim that finds its row, then more work; all of it commits.
  const Status met = db_->Write([](Tx& tx) -> Status {
    tx.Require("UPDATE counters SET n = n + 1 WHERE n = ? RETURNING n", {0}, "test.changed");
    tx.Send("INSERT INTO items (code) VALUES (?)", {"a"});
    return Ok();
  });
  ASSERT_TRUE(met.ok()) << met.error().detail;
  EXPECT_EQ(Counter(), 1);
  EXPECT_EQ(CountItems(), 1);

  // Not met (the row moved on): a conflict with the caller's key, though the body returned ok, and
  // nothing sent before or after it stays.
  const Status stale = db_->Write([](Tx& tx) -> Status {
    tx.Send("INSERT INTO items (code) VALUES (?)", {"b"});
    tx.Require("UPDATE counters SET n = n + 1 WHERE n = ? RETURNING n", {0}, "test.changed");
    tx.Send("INSERT INTO items (code) VALUES (?)", {"c"});
    return Ok();
  });
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  EXPECT_EQ(stale.error().message_key, "test.changed");
  EXPECT_EQ(Counter(), 1);
  EXPECT_EQ(CountItems(), 1);

  // A read after the failed requirement reports it too; a SELECT may be required as well.
  const Status read_after = db_->Write([](Tx& tx) -> Status {
    tx.Require("SELECT code FROM items WHERE code = ?", {"zzz"}, "test.gone");
    tx.QueryOne("SELECT COUNT(*) FROM items");
    return Ok();
  });
  ASSERT_FALSE(read_after.ok());
  EXPECT_EQ(read_after.error().message_key, "test.gone");
  // The connection lives on.
  InsertItem("d");
  EXPECT_EQ(CountItems(), 2);
}

TEST_P(DatabaseTest, AQueryReadLaterFailsTheTransactionWhenTaken) {
  InsertItem("dup");
  const Status status = db_->Write([](Tx& tx) -> Status {
    const Tx::Ticket t = tx.QueryLater("INSERT INTO items (code) VALUES (?) RETURNING id", {"dup"});
    tx.Send("UPDATE counters SET n = 9");
    tx.Take(t);
    return Ok();
  });
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kConflict);
  EXPECT_EQ(CountItems(), 1);
  EXPECT_EQ(Counter(), 0);
}

TEST_P(DatabaseTest, ASentStatementsErrorFailsTheTransaction) {
  InsertItem("dup");
  // Thrown by the next statement that waits: nothing of the transaction stays.
  bool reached_after = false;
  const Status status = db_->Write([&](Tx& tx) -> Status {
    tx.Send("UPDATE counters SET n = 7");
    tx.Send("INSERT INTO items (code) VALUES (?)", {"dup"});
    tx.Send("INSERT INTO items (code) VALUES (?)", {"after"});
    tx.Query("SELECT COUNT(*) FROM items");
    reached_after = true;
    return Ok();
  });
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kConflict);
  EXPECT_FALSE(reached_after);
  // Thrown by the commit when nothing waits after it.
  const Status at_commit = db_->Write([](Tx& tx) -> Status {
    tx.Send("INSERT INTO items (code) VALUES (?)", {"other"});
    tx.Send("INSERT INTO items (code) VALUES (?)", {"dup"});
    return Ok();
  });
  ASSERT_FALSE(at_commit.ok());
  EXPECT_EQ(at_commit.error().code, ErrorCode::kConflict);
  EXPECT_EQ(CountItems(), 1);
  EXPECT_EQ(Counter(), 0);
}

TEST_P(DatabaseTest, AStatementThatDoesNotParseCanBeFixedAndTheConnectionLivesOn) {
  auto db = OpenDb({.pool_size = 1});  // one connection: every transaction below reuses it
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(db->Migrate({kSchema}).ok());  // (a memory database of its own)
  for (int attempt = 0; attempt < 2; ++attempt) {  // the second time, the same text is parsed again
    const Status status = db->Write([](Tx& tx) -> Status {
      tx.Send("INSERT INTO items (code) VALUES (?)", {"x"});
      tx.Send("INSERT INTO no_such_table VALUES (?)", {1});
      return Ok();
    });
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error().code, ErrorCode::kUnavailable);
    EXPECT_NE(status.error().detail.find("no_such_table"), std::string::npos) << status.error().detail;
  }
  ASSERT_TRUE(db->Write([](Tx& tx) -> Status {
    tx.Exec("CREATE TABLE no_such_table (v BIGINT)");
    return Ok();
  }).ok());
  const auto rows = db->Write([](Tx& tx) -> Result<std::int64_t> {
    tx.Send("INSERT INTO no_such_table VALUES (?)", {1});
    return tx.QueryOne("SELECT COUNT(*) FROM no_such_table")->Int(0);
  });
  ASSERT_TRUE(rows.ok()) << rows.error().detail;
  EXPECT_EQ(*rows, 1);
  EXPECT_EQ(CountItems(*db), 0);
}

TEST_P(DatabaseTest, ReadsWritesAndFailuresTakeTurnsOnOneConnection) {
  auto db = OpenDb({.pool_size = 1});
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(db->Migrate({kSchema}).ok());
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(CountItems(*db), i);
    InsertItem(*db, "item" + std::to_string(i));
    ASSERT_EQ(CountItems(*db), i + 1);  // a read right after the write sees it
    EXPECT_FALSE(db->Read([](Tx& tx) -> Status {  // a failing read leaves the connection usable
      tx.Query("SELECT * FROM no_such_table");
      return Ok();
    }).ok());
  }
  EXPECT_EQ(CountItems(*db), 3);
}

// ReadStatement: one statement on its own (PostgreSQL: no BEGIN/COMMIT), on one connection
// taking turns with transactions and failures.
TEST_P(DatabaseTest, AReadStatementRunsOneStatementAndNoMore) {
  auto db = OpenDb({.pool_size = 1});
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(db->Migrate({kSchema}).ok());
  for (int i = 0; i < 3; ++i) {
    InsertItem(*db, "item" + std::to_string(i));
    const auto count = db->ReadStatement([](Tx& tx) -> Result<std::int64_t> {
      return tx.QueryOne("SELECT COUNT(*) FROM items")->Int(0);
    });
    ASSERT_TRUE(count.ok()) << count.error().detail;
    EXPECT_EQ(*count, i + 1);
    const Status bad = db->ReadStatement([](Tx& tx) -> Status {
      tx.Query("SELECT * FROM no_such_table");
      return Ok();
    });
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, ErrorCode::kUnavailable);
  }
  const Status two = db->ReadStatement([](Tx& tx) -> Status {
    tx.Query("SELECT 1");
    tx.Query("SELECT 2");
    return Ok();
  });
  ASSERT_FALSE(two.ok());
  EXPECT_NE(two.error().detail.find("second statement"), std::string::npos) << two.error().detail;
  const Status sent = db->ReadStatement([](Tx& tx) -> Status {
    tx.Send("INSERT INTO items (code) VALUES ('sent')");
    return Ok();
  });
  EXPECT_FALSE(sent.ok());
  EXPECT_EQ(CountItems(*db), 3);
  const auto after = db->Read([](Tx& tx) -> Result<std::int64_t> {  // the connection lives on
    return tx.QueryOne("SELECT COUNT(*) FROM items WHERE code LIKE 'item%'")->Int(0);
  });
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(*after, 3);
}

TEST_P(DatabaseTest, AnErrorReturnedAfterSentStatementsRollsThemBack) {
  const Status status = db_->Write([](Tx& tx) -> Status {
    tx.Send("INSERT INTO items (code) VALUES (?)", {"a"});
    return Error::Invalid("t.rejected", "code");
  });
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().message_key, "t.rejected");
  EXPECT_EQ(CountItems(), 0);
}

TEST_P(DatabaseTest, QuestionMarksInLiteralsIdentifiersAndCommentsAreNotPlaceholders) {
  const auto row = db_->Read([](Tx& tx) -> Result<Row> {
    return *tx.QueryOne("SELECT 'what?' AS \"really?\", CAST(? AS TEXT) -- why?\n, 'it''s?'", {"x"});
  });
  ASSERT_TRUE(row.ok()) << row.error().detail;
  EXPECT_EQ(row->Text(0), "what?");
  EXPECT_EQ(row->Text(1), "x");
  EXPECT_EQ(row->Text(2), "it's?");
}

TEST_P(DatabaseTest, MigrateIsIdempotentAndAppliesOnlyNewMigrations) {
  const std::vector<Migration> first = {
      kSchema,
      {"t", 2, "002_notes", "CREATE TABLE notes (id {{id}}, body TEXT, data {{blob}}, w {{real}});\n"}};
  auto applied = db_->Migrate(first);
  ASSERT_TRUE(applied.ok()) << applied.error().detail;
  EXPECT_EQ(*applied, std::vector<std::string>{"002_notes"});

  applied = db_->Migrate(first);
  ASSERT_TRUE(applied.ok()) << applied.error().detail;
  EXPECT_TRUE(applied->empty());

  auto second = first;
  second.push_back({"u", 1, "001_other", "CREATE TABLE other (x INTEGER);"});
  applied = db_->Migrate(second);
  ASSERT_TRUE(applied.ok()) << applied.error().detail;
  EXPECT_EQ(*applied, std::vector<std::string>{"001_other"});

  const auto id = db_->Write([](Tx& tx) -> Result<std::int64_t> {
    return tx.Insert("INSERT INTO notes (body, data, w) VALUES (?, ?, ?) RETURNING id",
                     {"n", Blob{"\x01"}, 0.5});
  });
  ASSERT_TRUE(id.ok()) << id.error().detail;
  EXPECT_EQ(db_->Read([](Tx& tx) -> Result<std::int64_t> {
              return tx.QueryOne("SELECT COUNT(*) FROM schema_migrations")->Int(0);
            }).value(), 3);
}

TEST_P(DatabaseTest, MigrateAppliesOnlyTheVersionWrittenForItsDialect) {
  const std::vector<Migration> migrations = {
      kSchema,
      {"t", 2, "002_search", "CREATE TABLE for_sqlite (x INTEGER);", "sqlite"},
      {"t", 2, "002_search", "CREATE TABLE for_postgres (x INTEGER);", "postgres"}};
  auto applied = db_->Migrate(migrations);
  ASSERT_TRUE(applied.ok()) << applied.error().detail;
  EXPECT_EQ(*applied, std::vector<std::string>{"002_search"});
  const bool sqlite = GetParam() != Backend::kPostgres;
  const auto table_exists = [&](const char* table) {
    return db_->Read([&](Tx& tx) -> Status {
      tx.Query(std::string("SELECT x FROM ") + table);
      return Ok();
    }).ok();
  };
  EXPECT_EQ(table_exists("for_sqlite"), sqlite);
  EXPECT_EQ(table_exists("for_postgres"), !sqlite);
}

TEST_P(DatabaseTest, AFailingMigrationLeavesNoTrace) {
  const Migration broken{"t", 2, "002_broken",
                         "CREATE TABLE half (x INTEGER);\nCREATE TABLE items (x INTEGER);\n"};
  auto applied = db_->Migrate({kSchema, broken});
  ASSERT_FALSE(applied.ok());
  EXPECT_EQ(applied.error().code, ErrorCode::kInternal);
  EXPECT_NE(applied.error().detail.find("002_broken"), std::string::npos) << applied.error().detail;
  const Status status = db_->Read([](Tx& tx) -> Status {
    tx.Query("SELECT x FROM half");
    return Ok();
  });
  EXPECT_FALSE(status.ok()) << "table 'half' should have been rolled back";
  EXPECT_EQ(db_->Read([](Tx& tx) -> Result<std::int64_t> {
              return tx.QueryOne("SELECT COUNT(*) FROM schema_migrations")->Int(0);
            }).value(), 1);
}

TEST_P(DatabaseTest, ProcessesMigratingTogetherApplyEachMigrationOnce) {
  if (GetParam() == Backend::kSqliteMemory) GTEST_SKIP() << "a memory database is private to one object";
  std::vector<Migration> migrations = {kSchema};
  for (int v = 2; v <= 6; ++v) {
    migrations.push_back({"t", v, "00" + std::to_string(v), "CREATE TABLE m" + std::to_string(v) + " (x INTEGER);"});
  }
  auto a = OpenDb(), b = OpenDb();
  ASSERT_TRUE(a && b);
  auto run_a = std::async(std::launch::async, [&] { return a->Migrate(migrations); });
  auto run_b = std::async(std::launch::async, [&] { return b->Migrate(migrations); });
  auto applied_a = run_a.get(), applied_b = run_b.get();
  ASSERT_TRUE(applied_a.ok()) << applied_a.error().detail;
  ASSERT_TRUE(applied_b.ok()) << applied_b.error().detail;
  std::multiset<std::string> all(applied_a->begin(), applied_a->end());
  all.insert(applied_b->begin(), applied_b->end());
  EXPECT_EQ(all, (std::multiset<std::string>{"002", "003", "004", "005", "006"}));
}

TEST_P(DatabaseTest, ConcurrentWritersAndReadersSeeConsistentState) {
  constexpr int kWriters = 4, kWritesEach = 200, kReaders = 4;
  std::atomic<int> writers_left{kWriters};
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      for (int i = 0; i < kWritesEach; ++i) {
        const Status s = db_->Write([&](Tx& tx) -> Status {
          tx.Exec("UPDATE counters SET n = n + 1 WHERE name = ?", {"hits"});
          tx.Insert("INSERT INTO items (code, n) VALUES (?, ?) RETURNING id",
                    {"w" + std::to_string(w) + "-" + std::to_string(i), i});
          return Ok();
        });
        if (!s.ok()) {
          ADD_FAILURE() << s.error().detail;
          ++failures;
        }
      }
      --writers_left;
    });
  }
  for (int r = 0; r < kReaders; ++r) {
    threads.emplace_back([&] {
      do {
        // Counter and rows change in one transaction: a snapshot sees both or neither.
        const Status s = db_->Read([](Tx& tx) -> Status {
          const std::int64_t hits = tx.QueryOne("SELECT n FROM counters WHERE name = ?", {"hits"})->Int(0);
          const std::int64_t rows = tx.QueryOne("SELECT COUNT(*) FROM items")->Int(0);
          EXPECT_EQ(hits, rows);
          return Ok();
        });
        if (!s.ok()) {
          ADD_FAILURE() << s.error().detail;
          ++failures;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      } while (writers_left > 0);
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(CountItems(), kWriters * kWritesEach);
  EXPECT_EQ(Counter(), kWriters * kWritesEach);
}

// Writes that run together (SQLite group commit) keep their own outcomes: one write's error,
// exception or duplicate key undoes that write only, and each caller gets its own answer.
TEST_P(DatabaseTest, ConcurrentWritesKeepTheirOwnOutcomes) {
  constexpr int kThreads = 8, kWritesEach = 150;
  std::atomic<int> committed{0}, refused{0}, thrown{0}, duplicates{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kWritesEach; ++i) {
        const int kind = (t * kWritesEach + i) % 7;
        // kind 3 inserts a code another thread also inserts: exactly one of them may win.
        const std::string code = kind == 3 ? "shared-" + std::to_string(i) : "t" + std::to_string(t) + "-" + std::to_string(i);
        try {
          const Result<std::int64_t> r = db_->Write([&](Tx& tx) -> Result<std::int64_t> {
            const std::int64_t id = tx.Insert("INSERT INTO items (code, n) VALUES (?, ?) RETURNING id", {code, t});
            tx.Exec("UPDATE counters SET n = n + 1 WHERE name = ?", {"hits"});
            if (kind == 1) return Error::Invalid("test.refused", "code");
            if (kind == 2) throw std::runtime_error("boom");
            return id;
          });
          if (r.ok()) {
            ++committed;
            EXPECT_GT(*r, 0);
          } else if (r.error().code == ErrorCode::kConflict) {
            ++duplicates;
          } else {
            EXPECT_EQ(r.error().message_key, "test.refused");
            ++refused;
          }
        } catch (const std::runtime_error& e) {
          EXPECT_STREQ(e.what(), "boom");
          ++thrown;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(committed + refused + thrown + duplicates, kThreads * kWritesEach);
  EXPECT_GT(refused, 0);
  EXPECT_GT(thrown, 0);
  EXPECT_EQ(CountItems(), committed.load());
  EXPECT_EQ(Counter(), committed.load());
}

TEST_P(DatabaseTest, AReadTransactionSeesOneSnapshot) {
  std::future<Status> writer;
  const auto counts = db_->Read([&](Tx& tx) -> Result<std::pair<std::int64_t, std::int64_t>> {
    const std::int64_t before = tx.QueryOne("SELECT COUNT(*) FROM items")->Int(0);
    writer = std::async(std::launch::async, [&] {
      return db_->Write([](Tx& w) -> Status {
        w.Exec("INSERT INTO items (code) VALUES (?)", {"meanwhile"});
        return Ok();
      });
    });
    // WAL and PostgreSQL commit at once; a memory database makes the writer wait for this reader.
    writer.wait_for(std::chrono::milliseconds(300));
    const std::int64_t after = tx.QueryOne("SELECT COUNT(*) FROM items")->Int(0);
    return std::pair{before, after};
  });
  ASSERT_TRUE(counts.ok()) << counts.error().detail;
  EXPECT_EQ(counts->first, counts->second);
  const Status written = writer.get();
  ASSERT_TRUE(written.ok()) << written.error().detail;
  EXPECT_EQ(CountItems(), 1);
}

TEST_P(DatabaseTest, BackupMakesACopyThatOpens) {
  ASSERT_TRUE(db_->Write([](Tx& tx) -> Status {
    tx.Exec("INSERT INTO items (code, s) VALUES (?, ?)", {"a", "Ủy ban nhân dân"});
    return Ok();
  }).ok());
  if (dir_.empty()) dir_ = NewTempDir();
  const std::string path = (dir_ / "backups" / "copy.db").string();
  const Status status = db_->Backup(path);
  if (GetParam() == Backend::kPostgres) {
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error().code, ErrorCode::kFailedPrecondition);
    EXPECT_EQ(status.error().message_key, "db.backup_use_pg_dump");
    return;
  }
  ASSERT_TRUE(status.ok()) << status.error().detail;
  auto copy = Database::Open("sqlite:" + path);
  ASSERT_TRUE(copy.ok()) << copy.error().detail;
  const auto text = (*copy)->Read([](Tx& tx) -> Result<std::string> {
    return tx.QueryOne("SELECT s FROM items WHERE code = ?", {"a"})->Text(0);
  });
  ASSERT_TRUE(text.ok()) << text.error().detail;
  EXPECT_EQ(*text, "Ủy ban nhân dân");

  const Status again = db_->Backup(path);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);
}

TEST_P(DatabaseTest, AReadTransactionCannotWrite) {
  const Status status = db_->Read([](Tx& tx) -> Status {
    tx.Exec("INSERT INTO items (code) VALUES (?)", {"a"});
    return Ok();
  });
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(CountItems(), 0);
}

TEST_P(DatabaseTest, ACaughtStatementErrorStillRollsBackThePostgresTransaction) {
  // PostgreSQL aborts a transaction at the first failed statement; its COMMIT then rolls back,
  // which must not pass for success. (SQLite keeps the transaction: the other rows commit.)
  const Status status = db_->Write([](Tx& tx) -> Status {
    tx.Exec("INSERT INTO items (code) VALUES (?)", {"a"});
    try {
      tx.Exec("INSERT INTO items (code) VALUES (?)", {"a"});
    } catch (const UniqueViolation&) {
    }
    return Ok();
  });
  if (GetParam() == Backend::kPostgres) {
    EXPECT_FALSE(status.ok());
    EXPECT_EQ(CountItems(), 0);
  } else {
    EXPECT_TRUE(status.ok());
    EXPECT_EQ(CountItems(), 1);
  }
}

TEST_P(DatabaseTest, AWriteNestedInAWriteFailsInsteadOfHanging) {
  if (GetParam() == Backend::kPostgres) GTEST_SKIP() << "PostgreSQL runs it on another connection";
  const Status outer = db_->Write([&](Tx& tx) -> Status {
    tx.Exec("INSERT INTO items (code) VALUES (?)", {"outer"});
    return db_->Write([](Tx& inner) -> Status {
      inner.Exec("INSERT INTO items (code) VALUES (?)", {"inner"});
      return Ok();
    });
  });
  ASSERT_FALSE(outer.ok());
  EXPECT_EQ(outer.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(CountItems(), 0);
}

TEST_P(DatabaseTest, ADeadPooledConnectionIsReplaced) {
  if (GetParam() != Backend::kPostgres) GTEST_SKIP() << "PostgreSQL connections only";
  auto db = OpenDb({.pool_size = 1});
  ASSERT_NE(db, nullptr);
  const auto pid = db->Read([](Tx& tx) -> Result<std::int64_t> {
    return tx.QueryOne("SELECT pg_backend_pid()")->Int(0);
  });
  ASSERT_TRUE(pid.ok()) << pid.error().detail;
  ASSERT_TRUE(db_->Read([&](Tx& tx) -> Status {
    tx.Query("SELECT pg_terminate_backend(?)", {*pid});
    return Ok();
  }).ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  const auto again = db->Read([](Tx& tx) -> Result<std::int64_t> {
    return tx.QueryOne("SELECT pg_backend_pid()")->Int(0);
  });
  ASSERT_TRUE(again.ok()) << again.error().detail;
  EXPECT_NE(*again, *pid);
}

// A write is answered only once its WAL is flushed, although connections commit with
// synchronous_commit off (group commit, see PostgresDatabase::AwaitDurable). The test cluster runs
// with synchronous_commit off; this connection's default is on, as on a server left at its defaults.
TEST_P(DatabaseTest, APostgresWriteReturnsOnlyOnceItsWalIsFlushed) {
  if (GetParam() != Backend::kPostgres) GTEST_SKIP() << "PostgreSQL only";
  auto opened = Database::Open(url_ + "?options=-c%20synchronous_commit%3Don", {.pool_size = 4});
  ASSERT_TRUE(opened.ok()) << opened.error().detail;
  Database& db = **opened;
  std::atomic<int> unflushed = 0, failed = 0;
  std::vector<std::thread> writers;
  for (int t = 0; t < 6; ++t) {
    writers.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        const auto lsn = db.Write([&](Tx& tx) -> Result<std::string> {
          tx.Exec("INSERT INTO items (code, n) VALUES (?, ?)", {"w" + std::to_string(t) + "-" + std::to_string(i), 1});
          return tx.QueryOne("SELECT pg_current_wal_insert_lsn()::text")->Text(0);
        });
        if (!lsn.ok()) {
          ++failed;
          continue;
        }
        const auto flushed = db.Read([&](Tx& tx) -> Result<bool> {
          return tx.QueryOne("SELECT (pg_current_wal_flush_lsn() >= ?::pg_lsn)::int", {*lsn})->Bool(0);
        });
        if (!flushed.ok() || !*flushed) ++unflushed;
      }
    });
  }
  for (auto& w : writers) w.join();
  EXPECT_EQ(failed, 0);
  EXPECT_EQ(unflushed, 0);
  EXPECT_EQ(CountItems(db), 150);
  // Inside a write, the connection commits without waiting for the disk.
  EXPECT_EQ(db.Write([](Tx& tx) -> Result<std::string> { return tx.QueryOne("SHOW synchronous_commit")->Text(0); })
                .value(),
            "off");
}

}  // namespace
}  // namespace eiso::db

namespace eiso::db {
namespace {

// SQLite's WAL is copied back into the database file by a checkpointer thread of the database's
// own, not in the writer's COMMIT (SQLite's automatic checkpoint is off on the writer).
TEST(SqliteCheckpoints, TheWalIsCopiedBackWithoutAnyoneAsking) {
  const auto dir = std::filesystem::temp_directory_path() / ("eiso-ckpt-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "eiso.db").string();
  {
    auto db = Database::Open("sqlite:" + path);
    ASSERT_TRUE(db.ok()) << db.error().detail;
    ASSERT_TRUE((*db)->Write([](Tx& tx) -> Status {
      tx.Exec("CREATE TABLE blobs (id INTEGER PRIMARY KEY, b BLOB)");
      return Ok();
    }).ok());
    const auto size_before = std::filesystem::file_size(path);
    // 24 MiB in 4 KiB rows: more WAL than the checkpoint threshold (16 MiB).
    for (int batch = 0; batch < 24; ++batch)
      ASSERT_TRUE((*db)->Write([](Tx& tx) -> Status {
        for (int i = 0; i < 256; ++i) tx.Exec("INSERT INTO blobs (b) VALUES (zeroblob(4000))");
        return Ok();
      }).ok());
    // In WAL mode the database file grows only when a checkpoint copies pages into it.
    auto grown = [&] { return std::filesystem::file_size(path) > size_before + (8u << 20); };
    for (int i = 0; i < 100 && !grown(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_TRUE(grown()) << std::filesystem::file_size(path);
    const auto rows = (*db)->Read([](Tx& tx) -> Result<std::int64_t> {
      return tx.QueryOne("SELECT COUNT(*) FROM blobs")->Int(0);
    });
    EXPECT_EQ(*rows, 24 * 256);
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace eiso::db
