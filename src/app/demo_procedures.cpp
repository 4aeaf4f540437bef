#include "app/demo_procedures.hpp"

#include <set>

#include <nlohmann/json.hpp>

#include "procedures/json.hpp"

namespace eiso::app {

extern const std::string_view kDemoProceduresJson;

Result<std::int64_t> LoadDemoProcedures(App& app, db::Tx& tx, const Actor& system,
                                        const std::map<std::string, AgencyId>& agencies, int minutes_per_day) {
  const nlohmann::json doc = nlohmann::json::parse(kDemoProceduresJson, nullptr, false);
  if (!doc.is_object() || !doc.contains("procedures")) return Error::Internal("demo procedures: bad file");
  const std::string effective_from = doc.value("effective_from", "2025-07-01");
  auto agency = [&](const nlohmann::json& key) -> Result<AgencyId> {
    const auto it = key.is_string() ? agencies.find(key.get<std::string>()) : agencies.end();
    if (it == agencies.end()) return Error::Internal("demo procedures: unknown agency " + key.dump());
    return it->second;
  };
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
    EISO_TRY(procedure, app.procedures().Insert(tx, system, code, in));
    const nlohmann::json& process = item.at("process");
    EISO_TRY(owner, agency(process.at("agency")));
    if (!with_qms.count(owner) && !app.documents().QmsOf(tx, owner)) {
      documents::QmsInput qms;
      qms.owner_agency_id = owner;
      qms.name = "HTQLCL " + app.org().Find(tx, owner)->name;
      EISO_CHECK(app.documents().InsertQms(tx, system, qms));
    }
    with_qms.insert(owner);
    EISO_TRY(steps, procedures::ParseSteps(process));
    const auto& raw = process.at("steps");
    for (std::size_t i = 0; i < steps.size(); ++i)
      if (raw[i].contains("agency")) {
        EISO_TRY(consulted, agency(raw[i]["agency"]));
        steps[i].agency_id = consulted;
      }
    auto issued = app.procedures().InsertIssuedProcess(tx, system, procedure, owner, steps, effective_from, minutes_per_day);
    if (!issued.ok()) return Error::Internal("demo procedures: process of " + code + ": " + issued.error().message_key +
                                             " " + issued.error().field);
    ++count;
  }
  return count;
}

}  // namespace eiso::app
