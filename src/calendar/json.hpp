// The wire format of the calendar API, written field by field. Dates are "YYYY-MM-DD", times of
// day "HH:MM" (Vietnam), instants ISO 8601 UTC; weekdays are 0 (Sunday) … 6 (Saturday).
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "calendar/model.hpp"
#include "core/result.hpp"

namespace eiso::calendar {

nlohmann::json ToJson(const Decision& decision);
nlohmann::json ToJson(const Settings& settings);
nlohmann::json ToJson(const UnitSettings& row);
nlohmann::json ToJson(const SettingsView& view);
nlohmann::json ToJson(const YearView& view);
nlohmann::json ToJson(const Due& due);

// {year?, date, kind, reason_vi, reason_en?, legal_basis, legal_basis_date}
Result<DecisionInput> ParseDecisionInput(const nlohmann::json& body);
// {weekly_rest?: [weekday…] | null, sessions?: [{start, end}…] | null,
//  saturday_morning_reception?: bool | null}; absent or null inherits.
Result<SettingsOverride> ParseSettingsOverride(const nlohmann::json& body);
// {agency_id?, received_at, amount, unit?: "working_days" | "working_hours", cutoff_rule?: bool,
//  cutoff_time?: "HH:MM"}. received_at: "YYYY-MM-DDTHH:MM" is Vietnam time (UTC+7); with a
// trailing Z it is UTC (core::ParseIso8601).
Result<DeadlineInput> ParseDeadlineInput(const nlohmann::json& body);
// A query parameter "agency_id": empty → none; otherwise a positive id.
Result<std::optional<AgencyId>> ParseAgencyParam(const std::string& text);

}  // namespace eiso::calendar
