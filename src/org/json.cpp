#include "org/json.hpp"

#include "core/json.hpp"

namespace eiso::org {

nlohmann::json ToJson(const Agency& a) {
  return {{"id", a.id},
          {"parent_id", a.parent_id ? nlohmann::json(*a.parent_id) : nlohmann::json()},
          {"name", a.name},
          {"short_name", a.short_name},
          {"kind", ToString(a.kind)},
          {"level", ToString(a.level)},
          {"unit_code", a.unit_code},
          {"gso_code", a.gso_code ? nlohmann::json(*a.gso_code) : nlohmann::json()},
          {"status", a.active ? "active" : "inactive"},
          {"valid_from", a.valid_from},
          {"valid_to", a.valid_to ? nlohmann::json(*a.valid_to) : nlohmann::json()}};
}

Result<AgencyInput> ParseAgencyInput(const nlohmann::json& body) {
  AgencyInput in;
  EISO_TRY(name, core::OptionalString(body, "name", 300));
  if (!name) return Error::Invalid("org.name_required", "name");
  in.name = *name;
  EISO_TRY(short_name, core::OptionalString(body, "short_name", 100));
  if (!short_name) return Error::Invalid("org.short_name_required", "short_name");
  in.short_name = *short_name;
  EISO_TRY(kind, core::RequireString(body, "kind", 40));
  auto parsed_kind = ParseKind(kind);
  if (!parsed_kind) return Error::Invalid("org.bad_kind", "kind");
  in.kind = *parsed_kind;
  EISO_TRY(level, core::OptionalString(body, "level", 40));
  if (level) {
    in.level = ParseLevel(*level);
    if (!in.level) return Error::Invalid("org.bad_level", "level");
  }
  EISO_TRY(parent, core::OptionalInt(body, "parent_id"));
  in.parent_id = parent;
  EISO_TRY(unit_code, core::RequireString(body, "unit_code", 40));
  in.unit_code = unit_code;
  EISO_TRY(gso_code, core::OptionalString(body, "gso_code", 10));
  in.gso_code = gso_code;
  EISO_TRY(valid_from, core::RequireDate(body, "valid_from"));
  in.valid_from = valid_from;
  return in;
}

}  // namespace eiso::org
