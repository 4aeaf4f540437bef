// SQL for calendar_decisions, calendar_unit_settings and calendar_version (both dialects).
#pragma once

#include <optional>
#include <vector>

#include "calendar/model.hpp"
#include "db/database.hpp"

namespace eiso::calendar::store {

// Ordered by date; every year when `year` is empty.
std::vector<Decision> ListDecisions(db::Tx& tx, std::optional<int> year);
std::optional<Decision> GetDecision(db::Tx& tx, DecisionId id);
// Throw db::UniqueViolation when another row holds the date.
DecisionId InsertDecision(db::Tx& tx, const DecisionInput& in, core::Millis now);
void UpdateDecision(db::Tx& tx, DecisionId id, const DecisionInput& in, core::Millis now);
void DeleteDecision(db::Tx& tx, DecisionId id);

std::vector<UnitSettings> ListSettings(db::Tx& tx);
std::optional<UnitSettings> GetSettings(db::Tx& tx, std::optional<AgencyId> agency_id);
// Inserts or replaces the row of `row.agency_id`; returns its id.
std::int64_t PutSettings(db::Tx& tx, const UnitSettings& row, core::Millis now);

std::int64_t Version(db::Tx& tx);
// Every write bumps it in its transaction (on PostgreSQL the row lock also orders the writers).
void BumpVersion(db::Tx& tx);

}  // namespace eiso::calendar::store
