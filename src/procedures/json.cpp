#include "procedures/json.hpp"

#include <cmath>

#include "core/json.hpp"

namespace eiso::procedures {
namespace {

nlohmann::json Optional(const std::optional<std::string>& s) { return s ? nlohmann::json(*s) : nlohmann::json(); }

nlohmann::json ToJson(const AgencyRef& a) { return {{"id", a.id}, {"name", a.name}, {"unit_code", a.unit_code}}; }


nlohmann::json ToJson(const ProcessVersion& v) {
  nlohmann::json steps = nlohmann::json::array();
  for (const Step& s : v.steps) steps.push_back(ToJson(s));
  return {{"number", v.number}, {"state", v.state}, {"effective_date", Optional(v.effective_date)},
          {"steps", std::move(steps)}, {"total_minutes", v.total_minutes}};
}

// A text field: absent or null reads as empty; anything but a string is a problem.
std::string Text(const nlohmann::json& body, const char* field, std::size_t max_len,
                 std::vector<FieldProblem>& problems, const std::string& prefix = {}) {
  auto r = core::OptionalString(body, field, max_len);
  if (!r.ok()) {
    problems.push_back({prefix + field, r.error().message_key});
    return {};
  }
  return r->value_or("");
}

bool Flag(const nlohmann::json& body, const char* field, std::vector<FieldProblem>& problems) {
  auto r = core::OptionalBool(body, field, false);
  if (!r.ok()) {
    problems.push_back({field, r.error().message_key});
    return false;
  }
  return *r;
}

// A number ≥ 0 in steps of a quarter (0,25 ngày = 2 giờ), at most `max`.
std::optional<double> Amount(const nlohmann::json& v, double max) {
  if (!v.is_number()) return std::nullopt;
  const double x = v.get<double>();
  if (!(x >= 0) || x > max || std::abs(x * 4 - std::round(x * 4)) > 1e-9) return std::nullopt;
  return x;
}

}  // namespace

nlohmann::json ToJson(const Component& c) {
  return {{"name", c.name}, {"form", ToString(c.form)}, {"copies", c.copies}, {"required", c.required}};
}

nlohmann::json ToJson(const Duration& d) { return {{"value", d.value}, {"unit", ToString(d.unit)}}; }

nlohmann::json ToJson(const ProcedureVersion& v) {
  nlohmann::json agencies = nlohmann::json::array();
  for (const AgencyRef& a : v.agencies) agencies.push_back(ToJson(a));
  nlohmann::json components = nlohmann::json::array();
  for (const Component& c : v.components) components.push_back(ToJson(c));
  return {{"id", v.id},
          {"effective_from", v.effective_from},
          {"effective_to", Optional(v.effective_to)},
          {"name", v.name},
          {"sector", v.sector},
          {"agencies", std::move(agencies)},
          {"statutory_time", ToJson(v.statutory_time)},
          {"fee", v.fee},
          {"result", v.result},
          {"legal_basis", v.legal_basis},
          {"components", std::move(components)},
          {"online_level", ToString(v.online_level)},
          {"boundary_free", v.boundary_free},
          {"cutoff_rule", v.cutoff_rule}};
}

nlohmann::json ToJson(const Procedure& p, bool full) {
  nlohmann::json out = {{"id", p.id}, {"code", p.code}, {"current", ToJson(p.current)}};
  if (full) {
    nlohmann::json versions = nlohmann::json::array();
    for (const ProcedureVersion& v : p.versions) versions.push_back(ToJson(v));
    nlohmann::json processes = nlohmann::json::array();
    for (const Process& proc : p.processes) processes.push_back(ToJson(proc));
    out["versions"] = std::move(versions);
    out["processes"] = std::move(processes);
  }
  return out;
}

nlohmann::json ToJson(const Step& s) {
  return {{"name", s.name},
          {"responsible", s.responsible},
          {"kind", ToString(s.kind)},
          {"budget", ToJson(s.budget)},
          {"parallel_group", s.parallel_group ? nlohmann::json(*s.parallel_group) : nlohmann::json()},
          {"agency_id", s.agency_id ? nlohmann::json(*s.agency_id) : nlohmann::json()}};
}

nlohmann::json ToJson(const Process& p) {
  nlohmann::json versions = nlohmann::json::array();
  for (const ProcessVersion& v : p.versions) versions.push_back(ToJson(v));
  return {{"document_id", p.document_id},
          {"procedure_id", p.procedure_id},
          {"procedure_code", p.procedure_code},
          {"agency", ToJson(p.agency)},
          {"code", p.code},
          {"title", p.title},
          {"current_version", p.current_version ? nlohmann::json(*p.current_version) : nlohmann::json()},
          {"versions", std::move(versions)}};
}

nlohmann::json ToJson(const ProcessInForce& p) {
  nlohmann::json steps = nlohmann::json::array();
  for (const Step& s : p.steps) steps.push_back(ToJson(s));
  return {{"document_id", p.document_id}, {"version", p.version}, {"effective_date", p.effective_date},
          {"steps", std::move(steps)}, {"total_minutes", p.total_minutes}};
}

VersionInput ReadVersion(const nlohmann::json& body, std::vector<FieldProblem>& problems) {
  VersionInput in;
  if (!body.is_object()) {
    problems.push_back({"", "common.bad_json"});
    return in;
  }
  in.effective_from = Text(body, "effective_from", 10, problems);
  if (in.effective_from.empty()) problems.push_back({"effective_from", "common.required"});
  else if (!core::IsValidDate(in.effective_from)) problems.push_back({"effective_from", "common.bad_date"});
  in.name = Text(body, "name", 2000, problems);
  if (in.name.empty()) problems.push_back({"name", "procedures.name_required"});
  in.sector = Text(body, "sector", 300, problems);
  if (in.sector.empty()) problems.push_back({"sector", "procedures.sector_required"});
  in.fee = Text(body, "fee", 2000, problems);
  in.result = Text(body, "result", 2000, problems);
  const auto time = body.find("statutory_time");
  if (time == body.end() || !time->is_object()) {
    problems.push_back({"statutory_time", "procedures.bad_statutory_time"});
  } else {
    const auto value = time->find("value");
    const auto amount = value == time->end() ? std::nullopt : Amount(*value, 8000);
    if (!amount) problems.push_back({"statutory_time.value", "procedures.bad_amount"});
    else in.statutory_time.value = *amount;
    const auto unit = time->find("unit");
    const auto parsed = unit != time->end() && unit->is_string() ? ParseTimeUnit(unit->get<std::string>()) : std::nullopt;
    if (!parsed) problems.push_back({"statutory_time.unit", "procedures.bad_time_unit"});
    else in.statutory_time.unit = *parsed;
  }
  const std::string level = Text(body, "online_level", 20, problems);
  if (auto parsed = ParseOnlineLevel(level.empty() ? "none" : level)) in.online_level = *parsed;
  else problems.push_back({"online_level", "procedures.bad_online_level"});
  in.boundary_free = Flag(body, "boundary_free", problems);
  in.cutoff_rule = Flag(body, "cutoff_rule", problems);
  if (const auto basis = body.find("legal_basis"); basis != body.end() && !basis->is_null()) {
    if (!basis->is_array()) problems.push_back({"legal_basis", "common.bad_type"});
    else
      for (std::size_t i = 0; i < basis->size(); ++i) {
        const auto& item = (*basis)[i];
        if (!item.is_string() || item.get<std::string>().empty() || item.get<std::string>().size() > 100)
          problems.push_back({"legal_basis[" + std::to_string(i) + "]", "procedures.bad_legal_basis"});
        else in.legal_basis.push_back(item.get<std::string>());
      }
  }
  if (const auto list = body.find("components"); list != body.end() && !list->is_null()) {
    if (!list->is_array()) problems.push_back({"components", "common.bad_type"});
    else
      for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string at = "components[" + std::to_string(i) + "].";
        const auto& item = (*list)[i];
        if (!item.is_object()) {
          problems.push_back({at.substr(0, at.size() - 1), "common.bad_type"});
          continue;
        }
        Component c;
        c.name = Text(item, "name", 2000, problems, at);
        if (c.name.empty()) problems.push_back({at + "name", "procedures.component_name_required"});
        const std::string form = Text(item, "form", 30, problems, at);
        if (auto parsed = ParsePaperForm(form.empty() ? "original" : form)) c.form = *parsed;
        else problems.push_back({at + "form", "procedures.bad_paper_form"});
        const auto copies = item.find("copies");
        if (copies != item.end() && !copies->is_null()) {
          if (!copies->is_number_integer() || copies->get<int>() < 0 || copies->get<int>() > 99)
            problems.push_back({at + "copies", "procedures.bad_copies"});
          else c.copies = copies->get<int>();
        }
        const auto required = item.find("required");
        if (required != item.end() && !required->is_null()) {
          if (!required->is_boolean()) problems.push_back({at + "required", "common.bad_type"});
          else c.required = required->get<bool>();
        }
        in.components.push_back(std::move(c));
      }
  }
  return in;
}

Result<std::vector<Step>> ParseSteps(const nlohmann::json& body) {
  const auto list = body.find("steps");
  if (list == body.end() || !list->is_array()) return Error::Invalid("procedures.steps_required", "steps");
  if (list->size() > 100) return Error::Invalid("procedures.too_many_steps", "steps");
  std::vector<Step> steps;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string at = "steps[" + std::to_string(i) + "]";
    const auto& item = (*list)[i];
    if (!item.is_object()) return Error::Invalid("common.bad_type", at);
    Step s;
    auto name = core::OptionalString(item, "name", 2000);
    if (!name.ok() || !*name) return Error::Invalid("procedures.step_name_required", at + ".name");
    s.name = **name;
    auto responsible = core::OptionalString(item, "responsible", 500);
    if (!responsible.ok() || !*responsible) return Error::Invalid("procedures.responsible_required", at + ".responsible");
    s.responsible = **responsible;
    auto kind = core::OptionalString(item, "kind", 20);
    const auto parsed_kind = kind.ok() && *kind ? ParseStepKind(**kind) : std::nullopt;
    if (!parsed_kind) return Error::Invalid("procedures.bad_step_kind", at + ".kind");
    s.kind = *parsed_kind;
    const auto budget = item.find("budget");
    if (budget == item.end() || !budget->is_object()) return Error::Invalid("procedures.bad_budget", at + ".budget");
    const auto value = budget->find("value");
    const auto amount = value == budget->end() ? std::nullopt : Amount(*value, 8000);
    if (!amount) return Error::Invalid("procedures.bad_amount", at + ".budget.value");
    const auto unit = budget->find("unit");
    const auto parsed_unit =
        unit != budget->end() && unit->is_string() ? ParseTimeUnit(unit->get<std::string>()) : std::nullopt;
    if (!parsed_unit || *parsed_unit == TimeUnit::kDay)
      return Error::Invalid("procedures.bad_budget_unit", at + ".budget.unit");
    s.budget = {*amount, *parsed_unit};
    auto group = core::OptionalInt(item, "parallel_group");
    if (!group.ok() || (*group && (**group < 1 || **group > 1000)))
      return Error::Invalid("procedures.bad_parallel_group", at + ".parallel_group");
    if (*group) s.parallel_group = static_cast<int>(**group);
    auto agency = core::OptionalInt(item, "agency_id");
    if (!agency.ok()) return Error::Invalid("common.bad_type", at + ".agency_id");
    s.agency_id = *agency;
    steps.push_back(std::move(s));
  }
  return steps;
}

}  // namespace eiso::procedures
