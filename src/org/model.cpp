#include "org/model.hpp"

#include <array>
#include <utility>

namespace eiso::org {
namespace {

constexpr std::array<std::pair<Kind, std::string_view>, 8> kKinds{{
    {Kind::kProvincePc, "province_pc"},
    {Kind::kPartyOffice, "party_office"},
    {Kind::kPpcOffice, "ppc_office"},
    {Kind::kDepartment, "department"},
    {Kind::kSubDepartment, "sub_department"},
    {Kind::kDistrictPc, "district_pc"},
    {Kind::kCommunePc, "commune_pc"},
    {Kind::kVertical, "vertical"},
}};
constexpr std::array<std::pair<Level, std::string_view>, 4> kLevels{{
    {Level::kProvince, "province"},
    {Level::kDistrict, "district"},
    {Level::kCommune, "commune"},
    {Level::kVertical, "vertical"},
}};

}  // namespace

std::string_view ToString(Kind k) {
  for (const auto& [kind, name] : kKinds)
    if (kind == k) return name;
  return "department";
}

std::string_view ToString(Level l) {
  for (const auto& [level, name] : kLevels)
    if (level == l) return name;
  return "province";
}

std::optional<Kind> ParseKind(std::string_view s) {
  for (const auto& [kind, name] : kKinds)
    if (name == s) return kind;
  return std::nullopt;
}

std::optional<Level> ParseLevel(std::string_view s) {
  for (const auto& [level, name] : kLevels)
    if (name == s) return level;
  return std::nullopt;
}

Level LevelOf(Kind k) {
  switch (k) {
    case Kind::kDistrictPc: return Level::kDistrict;
    case Kind::kCommunePc: return Level::kCommune;
    case Kind::kVertical: return Level::kVertical;
    default: return Level::kProvince;
  }
}

}  // namespace eiso::org
