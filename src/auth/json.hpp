// The wire format of users, written field by field (no password hash ever leaves the store).
#pragma once

#include <nlohmann/json.hpp>

#include "auth/model.hpp"
#include "core/result.hpp"

namespace eiso::auth {

nlohmann::json ToJson(const User& user);
// {agency_id, full_name, email?, roles[], active?, username + password (creation)}.
Result<UserInput> ParseUserInput(const nlohmann::json& body, bool creating);

}  // namespace eiso::auth
