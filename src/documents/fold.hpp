// Diacritic folding for search: "Quy trình kiểm soát tài liệu" → "quy trinh kiem soat tai lieu".
// The one folding used for both backends: the folded text is stored and indexed (FTS5 on SQLite,
// a GIN tsvector index on PostgreSQL), and queries are folded the same way, so a query with or
// without diacritics finds the same documents.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace eiso::documents {

// Lower-cases, strips Vietnamese tone and vowel marks (precomposed or combining), đ → d; other
// letters and digits stay, everything else becomes a space.
std::string Fold(std::string_view utf8);
// The folded words of a query (letters and digits only), at most `max_terms`.
std::vector<std::string> SearchTerms(std::string_view query, std::size_t max_terms = 8);
// Plain text of rich content: tags dropped, common entities decoded.
std::string PlainText(std::string_view html);

}  // namespace eiso::documents
