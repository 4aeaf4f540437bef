#include "documents/model.hpp"

#include <array>
#include <utility>

namespace eiso::documents {
namespace {

constexpr std::array<std::pair<Kind, std::string_view>, 7> kKinds{{
    {Kind::kPolicy, "policy"}, {Kind::kObjectives, "objectives"}, {Kind::kManual, "manual"},
    {Kind::kProcess, "process"}, {Kind::kForm, "form"}, {Kind::kGuidance, "guidance"},
    {Kind::kExternal, "external"},
}};
constexpr std::array<std::pair<State, std::string_view>, 6> kStates{{
    {State::kDraft, "draft"}, {State::kInReview, "in_review"}, {State::kApproved, "approved"},
    {State::kIssued, "issued"}, {State::kSuperseded, "superseded"}, {State::kObsolete, "obsolete"},
}};

}  // namespace

std::string_view ToString(Kind k) {
  for (const auto& [kind, name] : kKinds)
    if (kind == k) return name;
  return "process";
}

std::optional<Kind> ParseKind(std::string_view s) {
  for (const auto& [kind, name] : kKinds)
    if (name == s) return kind;
  return std::nullopt;
}

std::string_view ToString(State s) {
  for (const auto& [state, name] : kStates)
    if (state == s) return name;
  return "draft";
}

std::optional<State> ParseState(std::string_view s) {
  for (const auto& [state, name] : kStates)
    if (name == s) return state;
  return std::nullopt;
}

}  // namespace eiso::documents
