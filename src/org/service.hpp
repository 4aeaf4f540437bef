// Org: the agencies of the province (cơ quan) and their tree. Owns table agencies; other modules
// use this header only. Each mutating call commits its change and its audit event in one
// transaction. No mutable state.
#pragma once

#include <span>
#include <vector>

#include "audit/service.hpp"
#include "core/clock.hpp"
#include "core/i18n.hpp"
#include "core/result.hpp"
#include "db/database.hpp"
#include "org/model.hpp"

namespace eiso::org {

class Service {
 public:
  Service(db::Database& db, const audit::Service& audit, const core::Clock& clock)
      : db_(db), audit_(audit), clock_(clock) {}

  // The province's directory of agencies: names and codes are public information, so every
  // signed-in user sees the whole tree. Inactive agencies only when asked.
  Result<std::vector<Agency>> List(const Actor& actor, bool include_inactive) const;
  Result<Agency> Get(const Actor& actor, AgencyId id) const;
  // Administrators only: province-wide ones anywhere, others below their own agency.
  // kInvalidInput with the field for bad input; kConflict "org.unit_code_taken".
  Result<Agency> Create(const Actor& actor, const AgencyInput& input) const;
  // kFailedPrecondition "org.parent_cycle" when the new parent lies below the agency.
  Result<Agency> Update(const Actor& actor, AgencyId id, const AgencyInput& input) const;
  // Ends an agency's validity; kFailedPrecondition "org.has_active_children" while it has any.
  Result<Agency> Deactivate(const Actor& actor, AgencyId id, const std::string& valid_to) const;

  // For other modules' scoping, inside their transaction: is `agency` `root` or below it?
  bool IsWithin(db::Tx& tx, AgencyId root, AgencyId agency) const;
  std::optional<Agency> Find(db::Tx& tx, AgencyId id) const;
  std::optional<Agency> FindByUnitCode(db::Tx& tx, const std::string& unit_code) const;
  // `root` and every agency below it.
  std::vector<AgencyId> Subtree(db::Tx& tx, AgencyId root) const;
  // Adds an agency without an actor's permission check (the demo loader, `eiso` CLI), audited
  // as done by `actor`.
  Result<AgencyId> Insert(db::Tx& tx, const Actor& actor, const AgencyInput& input) const;
  std::int64_t Count() const;
  // Changes whenever any agency is added or changed (by this process or another): the key under
  // which a serialized directory may be reused.
  Result<std::string> DirectoryStamp() const;

 private:
  Status Validate(db::Tx& tx, const AgencyInput& input) const;
  bool MayAdminister(db::Tx& tx, const Actor& actor, AgencyId agency) const;

  db::Database& db_;
  const audit::Service& audit_;
  const core::Clock& clock_;
};

std::span<const core::Message> Messages();
const std::vector<db::Migration>& Migrations();

}  // namespace eiso::org
