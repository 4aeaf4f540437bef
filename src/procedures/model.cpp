#include "procedures/model.hpp"

#include <utility>

namespace eiso::procedures {
namespace {

template <class E, std::size_t N>
std::string_view Name(const std::pair<E, std::string_view> (&table)[N], E value) {
  for (const auto& [e, name] : table)
    if (e == value) return name;
  return table[0].second;
}

template <class E, std::size_t N>
std::optional<E> Parse(const std::pair<E, std::string_view> (&table)[N], std::string_view s) {
  for (const auto& [e, name] : table)
    if (name == s) return e;
  return std::nullopt;
}

constexpr std::pair<TimeUnit, std::string_view> kTimeUnits[] = {
    {TimeUnit::kWorkingDay, "working_day"}, {TimeUnit::kWorkingHour, "working_hour"}, {TimeUnit::kDay, "day"}};
constexpr std::pair<OnlineLevel, std::string_view> kOnlineLevels[] = {
    {OnlineLevel::kFull, "full"}, {OnlineLevel::kPartial, "partial"}, {OnlineLevel::kNone, "none"}};
constexpr std::pair<PaperForm, std::string_view> kPaperForms[] = {
    {PaperForm::kOriginal, "original"}, {PaperForm::kCopy, "copy"}, {PaperForm::kOriginalOrCopy, "original_or_copy"}};
constexpr std::pair<StepKind, std::string_view> kStepKinds[] = {
    {StepKind::kReceive, "receive"}, {StepKind::kAppraise, "appraise"}, {StepKind::kApprove, "approve"},
    {StepKind::kSign, "sign"},       {StepKind::kConsult, "consult"},   {StepKind::kReturn, "return"}};

}  // namespace

std::string_view ToString(TimeUnit u) { return Name(kTimeUnits, u); }
std::optional<TimeUnit> ParseTimeUnit(std::string_view s) { return Parse(kTimeUnits, s); }
std::string_view ToString(OnlineLevel l) { return Name(kOnlineLevels, l); }
std::optional<OnlineLevel> ParseOnlineLevel(std::string_view s) { return Parse(kOnlineLevels, s); }
std::string_view ToString(PaperForm f) { return Name(kPaperForms, f); }
std::optional<PaperForm> ParsePaperForm(std::string_view s) { return Parse(kPaperForms, s); }
std::string_view ToString(StepKind k) { return Name(kStepKinds, k); }
std::optional<StepKind> ParseStepKind(std::string_view s) { return Parse(kStepKinds, s); }

}  // namespace eiso::procedures
