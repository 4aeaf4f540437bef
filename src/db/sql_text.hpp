// Lexical helpers shared by the placeholder rewriter and the migration splitter: both must leave
// alone what sits inside string literals, quoted identifiers, comments and dollar-quoted bodies.
#pragma once

#include <cstddef>
#include <string_view>

namespace eiso::db {

// Returns the index just past the 'string', "identifier", -- comment, /* comment */ or $tag$ body$tag$
// starting at sql[i], or i if none starts there. An unterminated one runs to the end of sql.
std::size_t SkipQuotedOrComment(std::string_view sql, std::size_t i);

inline bool IsCommentAt(std::string_view sql, std::size_t i) {
  return sql.substr(i, 2) == "--" || sql.substr(i, 2) == "/*";
}

}  // namespace eiso::db
