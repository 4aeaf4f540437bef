#include "app/demo_procedures.hpp"

#include <algorithm>
#include <set>
#include <vector>

#include <nlohmann/json.hpp>

#include "procedures/json.hpp"

namespace eiso::app {

extern const std::string_view kDemoProceduresJson;

Result<std::int64_t> LoadDemoProcedures(App& app, db::Tx& tx, const Actor& system,
                                        const std::map<std::string, AgencyId>& agencies, int minutes_per_day,
                                        bool all_units) {
  const nlohmann::json doc = nlohmann::json::parse(kDemoProceduresJson, nullptr, false);
  if (!doc.is_object() || !doc.contains("procedures")) return Error::Internal("demo procedures: bad file");
  const std::string effective_from = doc.value("effective_from", "2025-07-01");
  auto agency = [&](const nlohmann::json& key) -> Result<AgencyId> {
    const auto it = key.is_string() ? agencies.find(key.get<std::string>()) : agencies.end();
    if (it == agencies.end()) return Error::Internal("demo procedures: unknown agency " + key.dump());
    return it->second;
  };
  // all_units: every commune / district people's committee, ordered by key.
  std::map<org::Kind, std::vector<AgencyId>> units_of_kind;
  if (all_units)
    for (const auto& [key, id] : agencies)
      if (const auto found = app.org().Find(tx, id);
          found && (found->kind == org::Kind::kCommunePc || found->kind == org::Kind::kDistrictPc))
        units_of_kind[found->kind].push_back(id);
  std::set<AgencyId> with_qms;
  std::int64_t count = 0;
  for (const nlohmann::json& item : doc["procedures"]) {
    const std::string code = item.value("code", "");
    nlohmann::json body = item;
    body["effective_from"] = effective_from;
    std::vector<procedures::FieldProblem> problems;
    procedures::VersionInput in = procedures::ReadVersion(body, problems);
    if (!problems.empty())
      return Error::Internal("demo procedures: " + code + " " + problems.front().field + ": " + problems.front().problem);
    for (const auto& key : item.at("agencies")) {
      EISO_TRY(id, agency(key));
      in.agency_ids.push_back(id);
    }
    const nlohmann::json& process = item.at("process");
    EISO_TRY(owner, agency(process.at("agency")));
    // The units that issue this procedure's process: its owner, or every unit of the owner's kind.
    std::vector<AgencyId> owners{owner};
    if (all_units) {
      const auto found = app.org().Find(tx, owner);
      if (const auto it = found ? units_of_kind.find(found->kind) : units_of_kind.end(); it != units_of_kind.end()) {
        owners = it->second;
        for (AgencyId unit : owners)
          if (std::find(in.agency_ids.begin(), in.agency_ids.end(), unit) == in.agency_ids.end())
            in.agency_ids.push_back(unit);
      }
    }
    EISO_TRY(procedure, app.procedures().Insert(tx, system, code, in));
    EISO_TRY(steps, procedures::ParseSteps(process));
    const auto& raw = process.at("steps");
    for (std::size_t i = 0; i < steps.size(); ++i)
      if (raw[i].contains("agency")) {
        EISO_TRY(consulted, agency(raw[i]["agency"]));
        steps[i].agency_id = consulted;
      }
    for (AgencyId unit : owners) {
      if (!with_qms.count(unit) && !app.documents().QmsOf(tx, unit)) {
        documents::QmsInput qms;
        qms.owner_agency_id = unit;
        qms.name = "HTQLCL " + app.org().Find(tx, unit)->name;
        EISO_CHECK(app.documents().InsertQms(tx, system, qms));
      }
      with_qms.insert(unit);
      auto issued = app.procedures().InsertIssuedProcess(tx, system, procedure, unit, steps, effective_from, minutes_per_day);
      if (!issued.ok()) return Error::Internal("demo procedures: process of " + code + ": " + issued.error().message_key +
                                               " " + issued.error().field);
    }
    ++count;
  }
  return count;
}

}  // namespace eiso::app
