#include "db/sql_text.hpp"

namespace eiso::db {
namespace {

bool IsWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

std::size_t SkipPast(std::string_view sql, std::size_t from, std::string_view end) {
  const std::size_t at = sql.find(end, from);
  return at == std::string_view::npos ? sql.size() : at + end.size();
}

// A PostgreSQL dollar quote opens with $$ or $tag$ (tag not starting with a digit), never in the
// middle of a word: "$1" is a parameter and "a$b" an identifier.
std::size_t DollarTagEnd(std::string_view sql, std::size_t i) {
  if (i > 0 && (IsWordChar(sql[i - 1]) || sql[i - 1] == '$')) return i;
  std::size_t j = i + 1;
  if (j < sql.size() && sql[j] >= '0' && sql[j] <= '9') return i;
  while (j < sql.size() && IsWordChar(sql[j])) ++j;
  return j < sql.size() && sql[j] == '$' ? j + 1 : i;
}

}  // namespace

std::size_t SkipQuotedOrComment(std::string_view sql, std::size_t i) {
  const char c = sql[i];
  // A doubled quote inside a literal ('it''s') reads as two adjacent literals here: same span.
  if (c == '\'' || c == '"') return SkipPast(sql, i + 1, std::string_view(&sql[i], 1));
  if (sql.substr(i, 2) == "--") return SkipPast(sql, i + 2, "\n");
  if (sql.substr(i, 2) == "/*") return SkipPast(sql, i + 2, "*/");
  if (c == '$') {
    const std::size_t tag_end = DollarTagEnd(sql, i);
    if (tag_end != i) return SkipPast(sql, tag_end, sql.substr(i, tag_end - i));
  }
  return i;
}

}  // namespace eiso::db
