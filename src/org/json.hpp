// The wire format of agencies, written field by field.
#pragma once

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "org/model.hpp"

namespace eiso::org {

nlohmann::json ToJson(const Agency& agency);
// Reads {name, short_name, kind, level?, parent_id?, unit_code, gso_code?, valid_from}.
Result<AgencyInput> ParseAgencyInput(const nlohmann::json& body);

}  // namespace eiso::org
