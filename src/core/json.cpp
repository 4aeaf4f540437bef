#include "core/json.hpp"

#include "core/clock.hpp"

namespace eiso::core {
namespace {

std::string Trim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return s.substr(first, last - first + 1);
}

const Json* Find(const Json& body, std::string_view field) {
  if (!body.is_object()) return nullptr;
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return nullptr;
  return &*it;
}

}  // namespace

Result<std::optional<std::string>> OptionalString(const Json& body, std::string_view field,
                                                  std::size_t max_len) {
  const Json* v = Find(body, field);
  if (!v) return std::optional<std::string>();
  if (!v->is_string()) return Error::Invalid("common.bad_type", std::string(field));
  std::string s = Trim(v->get<std::string>());
  if (s.size() > max_len) return Error::Invalid("common.too_long", std::string(field));
  if (s.empty()) return std::optional<std::string>();
  return std::optional<std::string>(std::move(s));
}

Result<std::string> RequireString(const Json& body, std::string_view field, std::size_t max_len) {
  EISO_TRY(s, OptionalString(body, field, max_len));
  if (!s) return Error::Invalid("common.required", std::string(field));
  return std::move(*s);
}

Result<std::optional<std::int64_t>> OptionalInt(const Json& body, std::string_view field) {
  const Json* v = Find(body, field);
  if (!v) return std::optional<std::int64_t>();
  if (!v->is_number_integer()) return Error::Invalid("common.bad_type", std::string(field));
  return std::optional<std::int64_t>(v->get<std::int64_t>());
}

Result<std::int64_t> RequireInt(const Json& body, std::string_view field) {
  EISO_TRY(v, OptionalInt(body, field));
  if (!v) return Error::Invalid("common.required", std::string(field));
  return *v;
}

Result<bool> OptionalBool(const Json& body, std::string_view field, bool fallback) {
  const Json* v = Find(body, field);
  if (!v) return fallback;
  if (!v->is_boolean()) return Error::Invalid("common.bad_type", std::string(field));
  return v->get<bool>();
}

Result<std::vector<std::string>> RequireStringArray(const Json& body, std::string_view field) {
  const Json* v = Find(body, field);
  if (!v) return Error::Invalid("common.required", std::string(field));
  if (!v->is_array()) return Error::Invalid("common.bad_type", std::string(field));
  std::vector<std::string> out;
  for (const Json& item : *v) {
    if (!item.is_string()) return Error::Invalid("common.bad_type", std::string(field));
    out.push_back(item.get<std::string>());
  }
  return out;
}

bool IsValidDate(std::string_view text) {
  Millis ignored = 0;
  return text.size() == 10 && ParseIso8601(std::string(text), ignored);
}

Result<std::optional<std::string>> OptionalDate(const Json& body, std::string_view field) {
  EISO_TRY(s, OptionalString(body, field, 10));
  if (s && !IsValidDate(*s)) return Error::Invalid("common.bad_date", std::string(field));
  return s;
}

Result<std::string> RequireDate(const Json& body, std::string_view field) {
  EISO_TRY(s, OptionalDate(body, field));
  if (!s) return Error::Invalid("common.required", std::string(field));
  return std::move(*s);
}

}  // namespace eiso::core
