// Agencies (cơ quan hành chính nhà nước) and their place in the province.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/actor.hpp"

namespace eiso::org {

// Kinds of agency that the QMS rules tell apart (TT 26/2014 art. 6).
enum class Kind {
  kProvincePc,     // UBND tỉnh
  kPartyOffice,    // Văn phòng Tỉnh ủy
  kPpcOffice,      // Văn phòng UBND tỉnh
  kDepartment,     // Sở, ban, ngành
  kSubDepartment,  // Chi cục thuộc Sở
  kDistrictPc,     // UBND cấp huyện (historic after 1/7/2025)
  kCommunePc,      // UBND cấp xã
  kVertical,       // Cơ quan ngành dọc (Thuế, Kho bạc, Quản lý thị trường)
};

enum class Level { kProvince, kDistrict, kCommune, kVertical };

std::string_view ToString(Kind k);
std::string_view ToString(Level l);
std::optional<Kind> ParseKind(std::string_view s);
std::optional<Level> ParseLevel(std::string_view s);
// The level an agency of this kind sits at.
Level LevelOf(Kind k);

struct Agency {
  AgencyId id = 0;
  std::optional<AgencyId> parent_id;
  std::string name;
  std::string short_name;
  Kind kind = Kind::kDepartment;
  Level level = Level::kProvince;
  std::string unit_code;            // mã định danh điện tử, TT 10/2016/TT-BTTTT: V1V2V3.Z1Z2.Y1Y2.MX1X2
  std::optional<std::string> gso_code;  // mã đơn vị hành chính (districts, communes)
  std::string valid_from;           // YYYY-MM-DD
  std::optional<std::string> valid_to;
  bool active = true;
};

struct AgencyInput {
  std::optional<AgencyId> parent_id;
  std::string name;
  std::string short_name;
  Kind kind = Kind::kDepartment;
  std::optional<Level> level;       // defaults to LevelOf(kind); must agree with it
  std::string unit_code;
  std::optional<std::string> gso_code;
  std::string valid_from;
};

}  // namespace eiso::org
