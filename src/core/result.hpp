// Result<T>: a value or an eiso::Error, like std::expected (absent from g++ 12 in C++20).
// EISO_TRY(x, expr) unwraps a Result into `x` or returns its error from the enclosing function;
// EISO_CHECK(expr) does the same for a Result<void>.
#pragma once

#include <cassert>
#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

#include "core/error.hpp"

namespace eiso {

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT
  template <class U>
    requires(std::is_constructible_v<T, U&&> && !std::is_same_v<std::decay_t<U>, T> &&
             !std::is_same_v<std::decay_t<U>, Error> && !std::is_same_v<std::decay_t<U>, Result>)
  Result(U&& value) : v_(std::in_place_index<0>, T(std::forward<U>(value))) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { assert(ok()); return std::get<0>(v_); }
  const T& value() const& { assert(ok()); return std::get<0>(v_); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(v_)); }
  const Error& error() const { assert(!ok()); return std::get<1>(v_); }
  Error&& take_error() { assert(!ok()); return std::get<1>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)) {}  // NOLINT
  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  void value() const { assert(ok()); }
  const Error& error() const { assert(!ok()); return *error_; }
  Error&& take_error() { assert(!ok()); return std::move(*error_); }

 private:
  std::optional<Error> error_;
};

using Status = Result<void>;
inline Status Ok() { return {}; }

}  // namespace eiso

#define EISO_CONCAT_INNER(a, b) a##b
#define EISO_CONCAT(a, b) EISO_CONCAT_INNER(a, b)
#define EISO_TRY_IMPL(tmp, var, expr) \
  auto tmp = (expr);                  \
  if (!tmp.ok()) return tmp.take_error(); \
  auto var = std::move(tmp).value()
#define EISO_TRY(var, expr) EISO_TRY_IMPL(EISO_CONCAT(eiso_try_, __LINE__), var, expr)
#define EISO_CHECK(expr)                                   \
  do {                                                     \
    auto eiso_check_ = (expr);                             \
    if (!eiso_check_.ok()) return eiso_check_.take_error(); \
  } while (0)
