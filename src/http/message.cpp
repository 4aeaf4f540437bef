#include "http/message.hpp"

#include <cctype>
#include <charconv>

#include <nlohmann/json.hpp>

namespace eiso::http {

std::string_view MethodName(Method m) {
  switch (m) {
    case Method::kGet: return "GET";
    case Method::kHead: return "HEAD";
    case Method::kPost: return "POST";
    case Method::kPut: return "PUT";
    case Method::kPatch: return "PATCH";
    case Method::kDelete: return "DELETE";
    case Method::kOptions: return "OPTIONS";
    case Method::kOther: return "OTHER";
  }
  return "OTHER";
}

std::string PercentDecode(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '+') {
      out.push_back(' ');
    } else if (c == '%' && i + 2 < in.size()) {
      int value = 0;
      auto [ptr, ec] = std::from_chars(in.data() + i + 1, in.data() + i + 3, value, 16);
      if (ec == std::errc() && ptr == in.data() + i + 3) {
        out.push_back(static_cast<char>(value));
        i += 2;
      } else {
        out.push_back(c);
      }
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string PercentEncode(std::string_view in) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  out.reserve(in.size());
  for (unsigned char c : in) {
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string ContentDisposition(std::string_view filename, Disposition disposition) {
  std::string ascii;
  for (unsigned char c : filename)
    if ((c & 0xC0) != 0x80)   // one '_' per non-ASCII character, not per byte
      ascii.push_back(c < 0x80 && c != '"' && c != '\\' && c >= 0x20 ? static_cast<char>(c) : '_');
  return std::string(disposition == Disposition::kInline ? "inline" : "attachment") + "; filename=\"" + ascii +
         "\"; filename*=UTF-8''" + PercentEncode(filename);
}

std::string_view Request::Header(std::string_view lower_name) const {
  for (const auto& [name, value] : headers)
    if (name == lower_name) return value;
  return {};
}

std::string Request::Cookie(std::string_view name) const {
  std::string_view all = Header("cookie");
  while (!all.empty()) {
    const std::size_t semi = all.find(';');
    std::string_view pair = all.substr(0, semi);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    const std::size_t eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name)
      return std::string(pair.substr(eq + 1));
    if (semi == std::string_view::npos) break;
    all.remove_prefix(semi + 1);
  }
  return {};
}

std::string Request::Query(std::string_view name) const {
  std::string_view all = query_string;
  while (!all.empty()) {
    const std::size_t amp = all.find('&');
    const std::string_view pair = all.substr(0, amp);
    const std::size_t eq = pair.find('=');
    const std::string_view key = pair.substr(0, eq);
    if (PercentDecode(key) == name)
      return eq == std::string_view::npos ? std::string() : PercentDecode(pair.substr(eq + 1));
    if (amp == std::string_view::npos) break;
    all.remove_prefix(amp + 1);
  }
  return {};
}

std::string_view Request::PathParam(std::string_view name) const {
  for (const auto& [key, value] : path_params)
    if (key == name) return value;
  return {};
}

Result<std::int64_t> Request::IdParam(std::string_view name) const {
  const std::string_view text = PathParam(name);
  std::int64_t id = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || ptr != text.data() + text.size() || id <= 0) return Error::NotFound();
  return id;
}

Result<nlohmann::json> Request::Json() const {
  nlohmann::json parsed = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object()) return Error::Invalid("common.bad_json");
  return parsed;
}

Reply Reply::Json(const nlohmann::json& body, int status) {
  Reply r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

Reply Reply::NoContent() {
  Reply r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

Reply Reply::Text(std::string body, std::string content_type) {
  Reply r;
  r.body = std::move(body);
  r.content_type = std::move(content_type);
  return r;
}

}  // namespace eiso::http
