// eISO's own request and reply types: modules see these, never Beast or Asio.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/actor.hpp"
#include "core/i18n.hpp"
#include "core/result.hpp"

namespace eiso::http {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };
std::string_view MethodName(Method m);

using Headers = std::vector<std::pair<std::string, std::string>>;  // names in lower case

struct Request {
  Method method = Method::kGet;
  std::string path;          // decoded path without the query
  std::string query_string;  // raw, after '?'
  Headers headers;
  std::string body;
  std::vector<std::pair<std::string, std::string>> path_params;
  std::string remote_addr;
  std::string request_id;
  core::Lang lang = core::Lang::kVi;
  Actor actor;               // empty unless the route requires a session
  bool secure_transport = false;  // TLS, seen directly or via a trusted proxy (X-Forwarded-Proto)

  std::string_view Header(std::string_view lower_name) const;
  std::string Cookie(std::string_view name) const;
  // A query parameter, percent-decoded; empty if absent.
  std::string Query(std::string_view name) const;
  std::string_view PathParam(std::string_view name) const;
  // A path parameter that must be a positive 64-bit id; kNotFound otherwise (no probing by shape).
  Result<std::int64_t> IdParam(std::string_view name) const;
  // The body parsed as a JSON object; kInvalidInput "common.bad_json" otherwise.
  Result<nlohmann::json> Json() const;
  bool IsWrite() const {
    return method == Method::kPost || method == Method::kPut || method == Method::kPatch ||
           method == Method::kDelete;
  }
};

struct Reply {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  Headers headers;

  static Reply Json(const nlohmann::json& body, int status = 200);
  static Reply Created(const nlohmann::json& body) { return Json(body, 201); }
  static Reply NoContent();
  static Reply Text(std::string body, std::string content_type = "text/plain; charset=utf-8");
  Reply& WithHeader(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
};

std::string PercentDecode(std::string_view in);
// Every byte but RFC 3986's unreserved ones (A-Z a-z 0-9 . - _ ~) as %XX, upper-case hex.
std::string PercentEncode(std::string_view in);

// A Content-Disposition value for a file (RFC 6266 / RFC 5987): `inline` or `attachment`, an
// ASCII fallback name (one '_' per non-ASCII character, quote, backslash or byte below 0x20) and
// the exact UTF-8 name percent-encoded (PercentEncode), e.g.
// inline; filename="Mau 01 _.pdf"; filename*=UTF-8''Mau%2001%20%C4%91.pdf
enum class Disposition { kAttachment, kInline };
std::string ContentDisposition(std::string_view filename, Disposition disposition);

}  // namespace eiso::http
