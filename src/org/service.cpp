#include "org/service.hpp"

#include <regex>

#include "org/json.hpp"
#include "org/store.hpp"

namespace eiso::org {
namespace {

// Mã định danh điện tử của cơ quan, TT 10/2016/TT-BTTTT: V1V2V3.Z1Z2.Y1Y2.MX1X2
bool IsUnitCode(const std::string& code) {
  static const std::regex kPattern(R"([0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9A-Z]{2})");
  return std::regex_match(code, kPattern);
}

}  // namespace

Result<std::vector<Agency>> Service::List(const Actor& actor, bool include_inactive) const {
  if (!actor.IsAuthenticated()) return Error::Unauthenticated();
  return db_.Read([&](db::Tx& tx) -> Result<std::vector<Agency>> { return store::List(tx, include_inactive); });
}

Result<Agency> Service::Get(const Actor& actor, AgencyId id) const {
  if (!actor.IsAuthenticated()) return Error::Unauthenticated();
  return db_.Read([&](db::Tx& tx) -> Result<Agency> {
    auto agency = store::Get(tx, id);
    if (!agency) return Error::NotFound("org.not_found");
    return *agency;
  });
}

bool Service::IsWithin(db::Tx& tx, AgencyId root, AgencyId agency) const {
  for (AgencyId id : store::Ancestors(tx, agency))
    if (id == root) return true;
  return false;
}

std::optional<Agency> Service::Find(db::Tx& tx, AgencyId id) const { return store::Get(tx, id); }

std::optional<Agency> Service::FindByUnitCode(db::Tx& tx, const std::string& unit_code) const {
  return store::GetByUnitCode(tx, unit_code);
}

std::vector<AgencyId> Service::Subtree(db::Tx& tx, AgencyId root) const {
  return store::Descendants(tx, root);
}

bool Service::MayAdminister(db::Tx& tx, const Actor& actor, AgencyId agency) const {
  if (!actor.Has(Role::kAdministrator)) return false;
  return actor.province_wide || IsWithin(tx, actor.agency_id, agency);
}

Status Service::Validate(db::Tx& tx, const AgencyInput& in) const {
  if (in.name.size() < 2) return Error::Invalid("org.name_required", "name");
  if (in.short_name.empty()) return Error::Invalid("org.short_name_required", "short_name");
  if (in.level && *in.level != LevelOf(in.kind)) return Error::Invalid("org.level_mismatch", "level");
  if (!IsUnitCode(in.unit_code)) return Error::Invalid("org.bad_unit_code", "unit_code");
  if (in.parent_id) {
    auto parent = store::Get(tx, *in.parent_id);
    if (!parent) return Error::Invalid("org.parent_not_found", "parent_id");
    if (!parent->active) return Error::Precondition("org.parent_inactive", "parent_id");
  }
  if (in.kind == Kind::kSubDepartment && !in.parent_id)
    return Error::Invalid("org.parent_required", "parent_id");
  return Ok();
}

Result<AgencyId> Service::Insert(db::Tx& tx, const Actor& actor, const AgencyInput& input) const {
  EISO_CHECK(Validate(tx, input));
  AgencyId id = 0;
  try {
    id = store::Insert(tx, input, clock_.Now());
  } catch (const db::UniqueViolation&) {
    return Error::Conflict("org.unit_code_taken", "unit_code");
  }
  const Agency created = *store::Get(tx, id);
  audit_.Record(tx, actor, {"org.agency_created", "agency", id, id, nullptr, ToJson(created)});
  return id;
}

Result<Agency> Service::Create(const Actor& actor, const AgencyInput& input) const {
  return db_.Write([&](db::Tx& tx) -> Result<Agency> {
    const bool allowed = input.parent_id ? MayAdminister(tx, actor, *input.parent_id)
                                         : actor.Has(Role::kAdministrator) && actor.province_wide;
    if (!allowed) return Error::Forbidden();
    EISO_TRY(id, Insert(tx, actor, input));
    return *store::Get(tx, id);
  });
}

Result<Agency> Service::Update(const Actor& actor, AgencyId id, const AgencyInput& input) const {
  return db_.Write([&](db::Tx& tx) -> Result<Agency> {
    auto before = store::Get(tx, id);
    if (!before) return Error::NotFound("org.not_found");
    if (!MayAdminister(tx, actor, id)) return Error::Forbidden();
    if (input.parent_id != before->parent_id) {
      // Moving an agency: the administrator must also hold the new parent (or be province-wide
      // for a root), and the new parent must not be the agency itself or lie below it.
      const bool allowed = input.parent_id ? MayAdminister(tx, actor, *input.parent_id) : actor.province_wide;
      if (!allowed) return Error::Forbidden();
      if (input.parent_id && IsWithin(tx, id, *input.parent_id))
        return Error::Precondition("org.parent_cycle", "parent_id");
    }
    EISO_CHECK(Validate(tx, input));
    try {
      store::Update(tx, id, input, clock_.Now());
    } catch (const db::UniqueViolation&) {
      return Error::Conflict("org.unit_code_taken", "unit_code");
    }
    Agency after = *store::Get(tx, id);
    audit_.Record(tx, actor, {"org.agency_updated", "agency", id, id, ToJson(*before), ToJson(after)});
    return after;
  });
}

Result<Agency> Service::Deactivate(const Actor& actor, AgencyId id, const std::string& valid_to) const {
  return db_.Write([&](db::Tx& tx) -> Result<Agency> {
    auto before = store::Get(tx, id);
    if (!before) return Error::NotFound("org.not_found");
    if (!MayAdminister(tx, actor, id) || (id == actor.agency_id && !actor.province_wide))
      return Error::Forbidden();
    if (!before->active) return Error::Precondition("org.already_inactive");
    if (valid_to < before->valid_from) return Error::Invalid("org.valid_to_before_from", "valid_to");
    if (store::CountActiveChildren(tx, id) > 0) return Error::Precondition("org.has_active_children");
    store::Deactivate(tx, id, valid_to, clock_.Now());
    Agency after = *store::Get(tx, id);
    audit_.Record(tx, actor, {"org.agency_deactivated", "agency", id, id, ToJson(*before), ToJson(after)});
    return after;
  });
}

Result<std::string> Service::DirectoryStamp() const {
  return db_.Read([&](db::Tx& tx) -> Result<std::string> { return store::Stamp(tx); });
}

std::int64_t Service::Count() const {
  auto n = db_.Read([&](db::Tx& tx) -> Result<std::int64_t> { return store::Count(tx); });
  return n.ok() ? n.value() : 0;
}

std::span<const core::Message> Messages() {
  static const core::Message kMessages[] = {
      {"org.not_found", "Không tìm thấy cơ quan.", "Agency not found."},
      {"org.name_required", "Vui lòng nhập tên cơ quan.", "Enter the agency's name."},
      {"org.short_name_required", "Vui lòng nhập tên viết tắt.", "Enter the short name."},
      {"org.bad_kind", "Loại cơ quan không hợp lệ.", "Unknown kind of agency."},
      {"org.bad_level", "Cấp hành chính không hợp lệ.", "Unknown level."},
      {"org.level_mismatch", "Cấp không phù hợp với loại cơ quan.", "The level does not fit the kind of agency."},
      {"org.bad_unit_code",
       "Mã định danh phải có dạng V1V2V3.Z1Z2.Y1Y2.MX1X2 (TT 10/2016/TT-BTTTT), ví dụ 000.00.31.H06.",
       "The unit code must look like V1V2V3.Z1Z2.Y1Y2.MX1X2 (Circular 10/2016/TT-BTTTT), e.g. 000.00.31.H06."},
      {"org.unit_code_taken", "Mã định danh này đã được dùng cho cơ quan khác.",
       "This unit code is already used by another agency."},
      {"org.parent_not_found", "Không tìm thấy cơ quan cấp trên.", "The parent agency does not exist."},
      {"org.parent_inactive", "Cơ quan cấp trên đã ngừng hoạt động.", "The parent agency is no longer active."},
      {"org.parent_required", "Chi cục phải thuộc một Sở.", "A sub-department must belong to a department."},
      {"org.parent_cycle", "Không thể đặt cơ quan trực thuộc chính nó hoặc đơn vị cấp dưới của nó.",
       "An agency cannot be placed under itself or one of its own units."},
      {"org.has_active_children", "Cơ quan còn đơn vị trực thuộc đang hoạt động. Hãy xử lý các đơn vị đó trước.",
       "The agency still has active units below it. Deal with them first."},
      {"org.already_inactive", "Cơ quan đã ngừng hoạt động.", "The agency is already inactive."},
      {"org.valid_to_before_from", "Ngày kết thúc không được trước ngày bắt đầu hiệu lực.",
       "The end date must not be before the start date."},
  };
  return kMessages;
}

}  // namespace eiso::org
