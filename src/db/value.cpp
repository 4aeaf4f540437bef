#include "db/value.hpp"

#include <charconv>
#include <string>
#include <system_error>

namespace eiso::db {
namespace {

const char* TypeName(const Value& v) {
  constexpr const char* kNames[] = {"NULL", "integer", "real", "text", "blob"};
  return kNames[v.get().index()];
}

[[noreturn]] void ThrowCannotRead(const Value& v, std::size_t col, const char* as) {
  throw DbError("column " + std::to_string(col) + " holds " + TypeName(v) + ", read as " + as);
}

// Parses the whole of `text` as T; false on anything left over.
template <class T>
bool ParseWhole(std::string_view text, T& out) {
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc() && ptr == end;
}

}  // namespace

std::int64_t Row::Int(std::size_t col) const {
  const Value& v = cells_.at(col);
  if (const auto* i = std::get_if<std::int64_t>(&v.get())) return *i;
  // A whole number that came back as real (PostgreSQL NUMERIC, SQLite arithmetic) reads exactly.
  if (const auto* d = std::get_if<double>(&v.get())) {
    if (*d >= -0x1p63 && *d < 0x1p63) {
      const auto i = static_cast<std::int64_t>(*d);
      if (static_cast<double>(i) == *d) return i;
    }
  }
  if (const auto* s = std::get_if<std::string>(&v.get())) {
    std::int64_t i = 0;
    if (ParseWhole(*s, i)) return i;
  }
  ThrowCannotRead(v, col, "integer");
}

double Row::Real(std::size_t col) const {
  const Value& v = cells_.at(col);
  if (const auto* d = std::get_if<double>(&v.get())) return *d;
  if (const auto* i = std::get_if<std::int64_t>(&v.get())) return static_cast<double>(*i);
  if (const auto* s = std::get_if<std::string>(&v.get())) {
    double d = 0;
    if (ParseWhole(*s, d)) return d;
  }
  ThrowCannotRead(v, col, "real");
}

std::string Row::Text(std::size_t col) const {
  const Value& v = cells_.at(col);
  if (const auto* s = std::get_if<std::string>(&v.get())) return *s;
  char buf[32];
  std::to_chars_result r{};
  if (const auto* i = std::get_if<std::int64_t>(&v.get())) {
    r = std::to_chars(buf, buf + sizeof buf, *i);
  } else if (const auto* d = std::get_if<double>(&v.get())) {
    r = std::to_chars(buf, buf + sizeof buf, *d);  // shortest form that reads back exactly
  } else {
    ThrowCannotRead(v, col, "text");
  }
  return std::string(buf, r.ptr);
}

Blob Row::Bytes(std::size_t col) const {
  const Value& v = cells_.at(col);
  if (const auto* b = std::get_if<Blob>(&v.get())) return *b;
  // SQLite keeps whatever was bound; bytes written as text read back as the same bytes.
  if (const auto* s = std::get_if<std::string>(&v.get())) return Blob{*s};
  ThrowCannotRead(v, col, "blob");
}

}  // namespace eiso::db
