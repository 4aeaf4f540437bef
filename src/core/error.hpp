// The one error type of eISO. A code tells the caller what to do next; http/errors.cpp maps it
// to a status: kInvalidInput 400 · kUnauthenticated 401 · kForbidden 403 · kNotFound 404 (absent,
// or hidden from this actor: ids cannot be probed) · kConflict 409 (duplicate, or changed
// meanwhile: reload) · kPayloadTooLarge 413 · kFailedPrecondition 422 (the state forbids it) ·
// kRateLimited 429 · kUnavailable 503 · kInternal 500.
#pragma once

#include <string>
#include <utility>

namespace eiso {

enum class ErrorCode {
  kInvalidInput,
  kUnauthenticated,
  kForbidden,
  kNotFound,
  kConflict,
  kPayloadTooLarge,
  kFailedPrecondition,
  kRateLimited,
  kUnavailable,
  kInternal,
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message_key;  // e.g. "org.name_required"; also the wire "code"; localized by http
  std::string field;        // JSON path of the offending input, empty if none
  std::string detail;       // logged with the request id, never sent

  int HttpStatus() const;

  static Error Invalid(std::string key, std::string field = {}) {
    return {ErrorCode::kInvalidInput, std::move(key), std::move(field), {}};
  }
  static Error Unauthenticated(std::string key = "auth.login_required") {
    return {ErrorCode::kUnauthenticated, std::move(key), {}, {}};
  }
  static Error Forbidden(std::string key = "auth.forbidden") {
    return {ErrorCode::kForbidden, std::move(key), {}, {}};
  }
  static Error NotFound(std::string key = "common.not_found") {
    return {ErrorCode::kNotFound, std::move(key), {}, {}};
  }
  static Error Conflict(std::string key, std::string field = {}) {
    return {ErrorCode::kConflict, std::move(key), std::move(field), {}};
  }
  static Error Precondition(std::string key, std::string field = {}) {
    return {ErrorCode::kFailedPrecondition, std::move(key), std::move(field), {}};
  }
  static Error RateLimited(std::string key = "common.rate_limited") {
    return {ErrorCode::kRateLimited, std::move(key), {}, {}};
  }
  static Error Unavailable(std::string detail) {
    return {ErrorCode::kUnavailable, "common.unavailable", {}, std::move(detail)};
  }
  static Error Internal(std::string detail) {
    return {ErrorCode::kInternal, "common.internal", {}, std::move(detail)};
  }
};

}  // namespace eiso
