// SQL for the agencies table (both dialects).
#pragma once

#include <optional>
#include <vector>

#include "core/clock.hpp"
#include "db/database.hpp"
#include "org/model.hpp"

namespace eiso::org::store {

std::vector<Agency> List(db::Tx& tx, bool include_inactive);
std::optional<Agency> Get(db::Tx& tx, AgencyId id);
std::optional<Agency> GetByUnitCode(db::Tx& tx, const std::string& unit_code);
// Throws db::UniqueViolation when the unit code is taken.
AgencyId Insert(db::Tx& tx, const AgencyInput& in, core::Millis now);
void Update(db::Tx& tx, AgencyId id, const AgencyInput& in, core::Millis now);
void Deactivate(db::Tx& tx, AgencyId id, const std::string& valid_to, core::Millis now);
std::int64_t CountActiveChildren(db::Tx& tx, AgencyId id);
// The ids from `id` up to its root, `id` first.
std::vector<AgencyId> Ancestors(db::Tx& tx, AgencyId id);
// `id` and every agency below it.
std::vector<AgencyId> Descendants(db::Tx& tx, AgencyId id);
std::int64_t Count(db::Tx& tx);
// "count:max(id):max(updated_at)": differs after every insert and update (updated_at is set on
// both, and times never repeat for one row as writes are serialized per row).
std::string Stamp(db::Tx& tx);

}  // namespace eiso::org::store
