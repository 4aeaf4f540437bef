// Values bound to SQL parameters and read from result rows, the same for both backends.
// Booleans are stored as integers 0/1; instants as BIGINT milliseconds (UTC); text is UTF-8.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace eiso::db {

struct Blob {
  std::string bytes;
  bool operator==(const Blob&) const = default;
};

class Value {
 public:
  using Variant = std::variant<std::nullptr_t, std::int64_t, double, std::string, Blob>;
  Value() : v_(nullptr) {}
  Value(std::nullptr_t) : v_(nullptr) {}                          // NOLINT
  Value(bool b) : v_(std::int64_t{b ? 1 : 0}) {}                  // NOLINT
  Value(int i) : v_(std::int64_t{i}) {}                           // NOLINT
  Value(long i) : v_(std::int64_t{i}) {}                          // NOLINT
  Value(long long i) : v_(static_cast<std::int64_t>(i)) {}        // NOLINT
  Value(unsigned u) : v_(std::int64_t{u}) {}                      // NOLINT
  Value(double d) : v_(d) {}                                      // NOLINT
  Value(std::string s) : v_(std::move(s)) {}                      // NOLINT
  Value(std::string_view s) : v_(std::string(s)) {}               // NOLINT
  Value(const char* s) : v_(std::string(s)) {}                    // NOLINT
  Value(Blob b) : v_(std::move(b)) {}                             // NOLINT
  template <class T>
  Value(const std::optional<T>& o) : Value(o ? Value(*o) : Value(nullptr)) {}  // NOLINT

  const Variant& get() const { return v_; }
  bool is_null() const { return std::holds_alternative<std::nullptr_t>(v_); }
  bool operator==(const Value&) const = default;

 private:
  Variant v_;
};

using Params = std::vector<Value>;

// One result row. Accessors throw db::DbError on a type the column cannot be read as; integers
// read as text give their decimal form, so a caller never needs to know the backend.
class Row {
 public:
  explicit Row(std::vector<Value> cells) : cells_(std::move(cells)) {}
  std::size_t size() const { return cells_.size(); }
  bool IsNull(std::size_t col) const { return cells_.at(col).is_null(); }
  std::int64_t Int(std::size_t col) const;
  double Real(std::size_t col) const;
  bool Bool(std::size_t col) const { return Int(col) != 0; }
  std::string Text(std::size_t col) const;
  Blob Bytes(std::size_t col) const;
  std::optional<std::int64_t> OptInt(std::size_t col) const {
    return IsNull(col) ? std::nullopt : std::optional(Int(col));
  }
  std::optional<std::string> OptText(std::size_t col) const {
    return IsNull(col) ? std::nullopt : std::optional(Text(col));
  }
  const Value& at(std::size_t col) const { return cells_.at(col); }

 private:
  std::vector<Value> cells_;
};

using Rows = std::vector<Row>;

// Driver failures. They never cross a service boundary: Database::Write/Read turn them into
// eiso::Error (UniqueViolation → kConflict "common.conflict"; others → kUnavailable), and a store
// that wants a precise error (e.g. "org.code_taken") catches UniqueViolation itself.
class DbError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};
class UniqueViolation : public DbError {
 public:
  using DbError::DbError;
};
// A Tx::Require found no row: the write is refused as a conflict with this message key.
class RequirementFailed : public DbError {
 public:
  RequirementFailed(std::string message_key, const std::string& what)
      : DbError(what), message_key_(std::move(message_key)) {}
  const std::string& message_key() const { return message_key_; }

 private:
  std::string message_key_;
};

}  // namespace eiso::db
