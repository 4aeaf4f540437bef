#include "procedures/catalog_format.hpp"

#include <charconv>
#include <cstdio>
#include <map>

#include <nlohmann/json.hpp>

#include "core/csv.hpp"
#include "procedures/json.hpp"

namespace eiso::procedures {
namespace {

constexpr const char* kColumns[] = {"record",     "code",         "effective_from", "name",           "sector",
                                    "agencies",   "time_value",   "time_unit",      "fee",            "result",
                                    "legal_basis", "online_level", "boundary_free", "cutoff_rule",    "component_form",
                                    "component_copies", "component_required"};

std::string Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

std::vector<std::string> SplitList(const std::string& cell) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= cell.size()) {
    const std::size_t end = std::min(cell.find(';', start), cell.size());
    std::string item = Trim(std::string_view(cell).substr(start, end - start));
    if (!item.empty()) out.push_back(std::move(item));
    start = end + 1;
  }
  return out;
}

// "3", "0.5" or "0,5" as a number; anything else stays text for the reader to refuse.
nlohmann::json Number(const std::string& cell) {
  std::string s = cell;
  for (char& c : s)
    if (c == ',') c = '.';
  double value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return cell;
  return value;
}

nlohmann::json Integer(const std::string& cell) {
  int value = 0;
  const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
  if (cell.empty() || ec != std::errc() || end != cell.data() + cell.size()) return cell;
  return value;
}

nlohmann::json Flag(const std::string& cell) {
  if (cell.empty()) return nullptr;
  if (cell == "yes" || cell == "true" || cell == "1") return true;
  if (cell == "no" || cell == "false" || cell == "0") return false;
  return cell;
}

std::string FormatNumber(double v) {
  char out[32];
  std::snprintf(out, sizeof out, "%g", v);
  return out;
}

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : "; ") + s;
  return out;
}

// Reads one record's JSON (agencies and code included) into `record`.
void ReadRecord(const nlohmann::json& body, CatalogRecord& record, std::vector<FieldProblem>& problems) {
  if (!body.is_object()) {
    problems.push_back({"", "common.bad_type"});
    return;
  }
  const auto code = body.find("code");
  if (code == body.end() || !code->is_string() || code->get<std::string>().empty())
    problems.push_back({"code", "procedures.bad_code"});
  else record.code = Trim(code->get<std::string>());
  const auto agencies = body.find("agencies");
  if (agencies == body.end() || !agencies->is_array()) {
    problems.push_back({"agencies", "procedures.agencies_required"});
  } else {
    for (std::size_t i = 0; i < agencies->size(); ++i) {
      if (!(*agencies)[i].is_string()) problems.push_back({"agencies[" + std::to_string(i) + "]", "common.bad_type"});
      else record.agencies.push_back((*agencies)[i].get<std::string>());
    }
  }
  record.version = ReadVersion(body, problems);
}

std::vector<CatalogRecord> ReadJson(std::string_view text, std::vector<ImportProblem>& problems) {
  std::vector<CatalogRecord> records;
  const nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
  const nlohmann::json* list = nullptr;
  if (doc.is_array()) list = &doc;
  else if (doc.is_object() && doc.contains("procedures") && doc["procedures"].is_array()) list = &doc["procedures"];
  if (!list) {
    problems.push_back({0, "procedures", "procedures.bad_catalog"});
    return records;
  }
  for (std::size_t i = 0; i < list->size(); ++i) {
    CatalogRecord record;
    record.line = static_cast<int>(i) + 1;
    std::vector<FieldProblem> found;
    ReadRecord((*list)[i], record, found);
    for (const FieldProblem& p : found) problems.push_back(Locate(Format::kJson, record, p.field, p.problem));
    records.push_back(std::move(record));
  }
  return records;
}

std::vector<CatalogRecord> ReadCsvCatalog(std::string_view text, std::vector<ImportProblem>& problems) {
  std::vector<CatalogRecord> records;
  const std::vector<core::CsvRecord> rows = core::ReadCsv(text);
  if (rows.empty()) {
    problems.push_back({1, "record", "procedures.bad_catalog"});
    return records;
  }
  std::map<std::string, std::size_t> column;
  for (std::size_t i = 0; i < rows[0].fields.size(); ++i) column[Trim(rows[0].fields[i])] = i;
  bool missing = false;
  for (const char* name : kColumns)
    if (!column.count(name)) {
      problems.push_back({1, name, "procedures.csv_missing_column"});
      missing = true;
    }
  if (missing) return records;
  // JSON of the record being built, and the records' JSON in order.
  std::vector<nlohmann::json> bodies;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const core::CsvRecord& row = rows[r];
    auto cell = [&](const char* name) {
      const std::size_t i = column.at(name);
      return i < row.fields.size() ? Trim(row.fields[i]) : std::string();
    };
    const std::string kind = cell("record");
    if (kind == "procedure") {
      CatalogRecord record;
      record.line = row.line;
      nlohmann::json body = {{"code", cell("code")},
                             {"effective_from", cell("effective_from")},
                             {"name", cell("name")},
                             {"sector", cell("sector")},
                             {"agencies", SplitList(cell("agencies"))},
                             {"statutory_time", {{"value", Number(cell("time_value"))}, {"unit", cell("time_unit")}}},
                             {"fee", cell("fee")},
                             {"result", cell("result")},
                             {"legal_basis", SplitList(cell("legal_basis"))},
                             {"online_level", cell("online_level")},
                             {"boundary_free", Flag(cell("boundary_free"))},
                             {"cutoff_rule", Flag(cell("cutoff_rule"))},
                             {"components", nlohmann::json::array()}};
      records.push_back(std::move(record));
      bodies.push_back(std::move(body));
    } else if (kind == "component") {
      if (bodies.empty()) {
        problems.push_back({row.line, "record", "procedures.component_without_procedure"});
        continue;
      }
      bodies.back()["components"].push_back({{"name", cell("name")},
                                             {"form", cell("component_form")},
                                             {"copies", Integer(cell("component_copies"))},
                                             {"required", Flag(cell("component_required"))}});
      records.back().component_lines.push_back(row.line);
    } else {
      problems.push_back({row.line, "record", "procedures.bad_record_kind"});
    }
  }
  for (std::size_t i = 0; i < records.size(); ++i) {
    std::vector<FieldProblem> found;
    ReadRecord(bodies[i], records[i], found);
    for (const FieldProblem& p : found) problems.push_back(Locate(Format::kCsv, records[i], p.field, p.problem));
  }
  return records;
}

}  // namespace

ImportProblem Locate(Format format, const CatalogRecord& record, const std::string& field, const std::string& problem) {
  if (format == Format::kJson) return {record.line, field, problem};
  if (field.rfind("statutory_time.value", 0) == 0 || field == "statutory_time") return {record.line, "time_value", problem};
  if (field.rfind("statutory_time.unit", 0) == 0) return {record.line, "time_unit", problem};
  if (field.rfind("components[", 0) == 0) {
    const std::size_t close = field.find(']');
    const std::size_t index = std::stoul(field.substr(11, close - 11));
    const int line = index < record.component_lines.size() ? record.component_lines[index] : record.line;
    const std::string sub = close + 2 <= field.size() ? field.substr(close + 2) : "";
    return {line, sub == "name" || sub.empty() ? "name" : "component_" + sub, problem};
  }
  const std::size_t bracket = field.find('[');
  return {record.line, bracket == std::string::npos ? field : field.substr(0, bracket), problem};
}

std::vector<CatalogRecord> ReadCatalog(Format format, std::string_view text, std::vector<ImportProblem>& problems) {
  return format == Format::kJson ? ReadJson(text, problems) : ReadCsvCatalog(text, problems);
}

std::string WriteCatalog(Format format, const std::vector<ExportRecord>& records) {
  if (format == Format::kJson) {
    nlohmann::json list = nlohmann::json::array();
    for (const ExportRecord& r : records) {
      const ProcedureVersion& v = r.version;
      nlohmann::json agencies = nlohmann::json::array();
      for (const AgencyRef& a : v.agencies) agencies.push_back(a.unit_code);
      nlohmann::json components = nlohmann::json::array();
      for (const Component& c : v.components) components.push_back(ToJson(c));  // same shape as the API
      list.push_back({{"code", r.code},
                      {"effective_from", v.effective_from},
                      {"name", v.name},
                      {"sector", v.sector},
                      {"agencies", std::move(agencies)},
                      {"statutory_time", ToJson(v.statutory_time)},
                      {"fee", v.fee},
                      {"result", v.result},
                      {"legal_basis", v.legal_basis},
                      {"online_level", ToString(v.online_level)},
                      {"boundary_free", v.boundary_free},
                      {"cutoff_rule", v.cutoff_rule},
                      {"components", std::move(components)}});
    }
    return nlohmann::json({{"format", "eiso.procedures"}, {"version", 1}, {"procedures", std::move(list)}}).dump(2) + "\n";
  }
  std::string out = core::CsvLine(std::vector<std::string>(std::begin(kColumns), std::end(kColumns)));
  for (const ExportRecord& r : records) {
    const ProcedureVersion& v = r.version;
    std::vector<std::string> agencies;
    for (const AgencyRef& a : v.agencies) agencies.push_back(a.unit_code);
    out += core::CsvLine({"procedure", r.code, v.effective_from, v.name, v.sector, Join(agencies),
                          FormatNumber(v.statutory_time.value), std::string(ToString(v.statutory_time.unit)), v.fee,
                          v.result, Join(v.legal_basis), std::string(ToString(v.online_level)),
                          v.boundary_free ? "yes" : "no", v.cutoff_rule ? "yes" : "no", "", "", ""});
    for (const Component& c : v.components)
      out += core::CsvLine({"component", r.code, v.effective_from, c.name, "", "", "", "", "", "", "", "", "", "",
                            std::string(ToString(c.form)), std::to_string(c.copies), c.required ? "yes" : "no"});
  }
  return out;
}

}  // namespace eiso::procedures
