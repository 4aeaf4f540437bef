// The wire format of procedures and processes, written field by field, and the readers of their
// inputs. The import format (docs/catalog-format.md) is this one with agencies by unit code.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "procedures/model.hpp"

namespace eiso::procedures {

nlohmann::json ToJson(const Duration& d);
// A dossier component: the same shape in the API and in the catalog export file.
nlohmann::json ToJson(const Component& c);
nlohmann::json ToJson(const ProcedureVersion& v);
nlohmann::json ToJson(const Procedure& p, bool full);
nlohmann::json ToJson(const Step& s);
nlohmann::json ToJson(const Process& p);
nlohmann::json ToJson(const ProcessInForce& p);

struct FieldProblem {
  std::string field;     // JSON path inside the record, e.g. "components[2].copies"
  std::string problem;   // message key
};
// Reads every field of a version but its agencies; each bad field adds a problem and reading
// goes on, so that an import reports all of a record's problems at once.
VersionInput ReadVersion(const nlohmann::json& body, std::vector<FieldProblem>& problems);
// Reads {"steps": [...]}; the first bad field fails with its path, e.g. "steps[2].kind".
Result<std::vector<Step>> ParseSteps(const nlohmann::json& body);

}  // namespace eiso::procedures
