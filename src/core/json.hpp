// Reading JSON request bodies field by field. Every failure is a kInvalidInput error that names
// the field, so the UI can put the message beside it. Strings are trimmed; a required string that
// is empty after trimming is "common.required".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"

namespace eiso::core {

using Json = nlohmann::json;

Result<std::string> RequireString(const Json& body, std::string_view field, std::size_t max_len = 500);
Result<std::optional<std::string>> OptionalString(const Json& body, std::string_view field,
                                                  std::size_t max_len = 500);
Result<std::int64_t> RequireInt(const Json& body, std::string_view field);
Result<std::optional<std::int64_t>> OptionalInt(const Json& body, std::string_view field);
Result<bool> OptionalBool(const Json& body, std::string_view field, bool fallback);
Result<std::vector<std::string>> RequireStringArray(const Json& body, std::string_view field);
// "YYYY-MM-DD", validated as a real date.
Result<std::string> RequireDate(const Json& body, std::string_view field);
Result<std::optional<std::string>> OptionalDate(const Json& body, std::string_view field);
bool IsValidDate(std::string_view text);

}  // namespace eiso::core
