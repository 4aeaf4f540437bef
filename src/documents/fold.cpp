#include "documents/fold.hpp"

#include <unordered_map>

#include "core/utf8.hpp"

namespace eiso::documents {
namespace {

// Each base letter with every Vietnamese (and common Latin-1) form that folds to it.
const std::unordered_map<char32_t, char>& FoldTable() {
  static const std::unordered_map<char32_t, char> table = [] {
    struct Family { char base; std::u32string_view forms; };
    static const Family kFamilies[] = {
        {'a', U"àáảãạăằắẳẵặâầấẩẫậäåÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÄÅ"},
        {'e', U"èéẻẽẹêềếểễệëÈÉẺẼẸÊỀẾỂỄỆË"},
        {'i', U"ìíỉĩịïîÌÍỈĨỊÏÎ"},
        {'o', U"òóỏõọôồốổỗộơờớởỡợöÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÖ"},
        {'u', U"ùúủũụưừứửữựüûÙÚỦŨỤƯỪỨỬỮỰÜÛ"},
        {'y', U"ỳýỷỹỵÿỲÝỶỸỴ"},
        {'d', U"đĐ"},
        {'c', U"çÇ"},
        {'n', U"ñÑ"},
    };
    std::unordered_map<char32_t, char> t;
    for (const Family& f : kFamilies)
      for (char32_t c : f.forms) t[c] = f.base;
    return t;
  }();
  return table;
}

}  // namespace

std::string Fold(std::string_view utf8) {
  const auto& table = FoldTable();
  std::string out;
  out.reserve(utf8.size());
  bool space = true;  // collapse runs of separators
  for (std::size_t i = 0; i < utf8.size();) {
    const char32_t cp = core::NextUtf8(utf8, i);
    if (cp >= 0x0300 && cp <= 0x036F) continue;  // combining marks (decomposed input)
    char folded = 0;
    if (cp < 0x80) {
      const char c = static_cast<char>(cp);
      if (c >= 'A' && c <= 'Z') folded = static_cast<char>(c - 'A' + 'a');
      else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) folded = c;
    } else if (auto it = table.find(cp); it != table.end()) {
      folded = it->second;
    } else if (cp != 0xFFFD && cp >= 0x00C0 && !(cp >= 0x2000 && cp <= 0x2BFF) && !(cp >= 0x3000 && cp <= 0x303F)) {
      // A letter of another script stays as it is, so that it can still be found.
      core::AppendUtf8(out, cp);
      space = false;
      continue;
    }
    if (folded) {
      out.push_back(folded);
      space = false;
    } else if (!space) {
      out.push_back(' ');
      space = true;
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::vector<std::string> SearchTerms(std::string_view query, std::size_t max_terms) {
  std::vector<std::string> terms;
  const std::string folded = Fold(query);
  std::size_t start = 0;
  while (start < folded.size() && terms.size() < max_terms) {
    std::size_t end = folded.find(' ', start);
    if (end == std::string::npos) end = folded.size();
    std::string term = folded.substr(start, end - start);
    bool plain = !term.empty();
    for (char c : term)
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) plain = false;
    if (plain) terms.push_back(std::move(term));
    start = end + 1;
  }
  return terms;
}

std::string PlainText(std::string_view html) {
  std::string out;
  out.reserve(html.size());
  bool in_tag = false;
  for (std::size_t i = 0; i < html.size(); ++i) {
    const char c = html[i];
    if (in_tag) {
      if (c == '>') { in_tag = false; out.push_back(' '); }
      continue;
    }
    if (c == '<') { in_tag = true; continue; }
    if (c == '&') {
      static const std::pair<std::string_view, char> kEntities[] = {
          {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}, {"&nbsp;", ' '}};
      bool matched = false;
      for (const auto& [entity, ch] : kEntities)
        if (html.substr(i, entity.size()) == entity) {
          out.push_back(ch);
          i += entity.size() - 1;
          matched = true;
          break;
        }
      if (matched) continue;
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace eiso::documents
