#include "dossiers/forms.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_fontdef.h>
#include <qrencode.h>

#include "calendar/date.hpp"
#include "core/utf8.hpp"
#include "http/message.hpp"

namespace eiso::dossiers::forms {
namespace {

// The 2025 set (TT 03/2025/TT-VPCP, Phụ lục I: seven forms; the control slip becomes Mẫu 06 and
// the book Mẫu 07) applies to dossiers received from the day the circular was signed, 15/09/2025
// (forms-vn.md §8.1; the circular guides Decree 118/2025/NĐ-CP, in force 01/07/2025). Its own
// entry-into-force date is in no stored source [U]: check it against the official text and move
// this boundary if it differs.
constexpr calendar::Date kForms2025From{2025, 9, 15};

constexpr const char* kFontRegular = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
constexpr const char* kFontBold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
constexpr const char* kFontItalic = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf";

constexpr float kA5Width = 419.53f;    // 148 mm
constexpr float kA5Height = 595.28f;   // 210 mm
constexpr float kA4Long = 841.89f;     // 297 mm
constexpr float kA4Short = 595.28f;    // 210 mm

std::string Dots(const std::string& value, const char* blank = "……………………") {
  return value.empty() ? std::string(blank) : value;
}

std::string Two(int n) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", n % 100);
  return buf;
}

// "09 giờ 30 phút, ngày 25 tháng 11 năm 2026", the time lines of Mẫu 01 and 04.
std::string DateTimeWords(core::Millis at) {
  const calendar::LocalTime t = calendar::ToLocal(at);
  return Two(t.MinuteOfDay() / 60) + " giờ " + Two(t.MinuteOfDay() % 60) + " phút, ngày " + Two(t.date.day) +
         " tháng " + Two(t.date.month) + " năm " + std::to_string(t.date.year);
}

// "09 giờ 30 phút, ngày 25/11/2026", the time cell of Mẫu 05.
std::string DateTimeShort(core::Millis at) {
  const calendar::LocalTime t = calendar::ToLocal(at);
  return Two(t.MinuteOfDay() / 60) + " giờ " + Two(t.MinuteOfDay() % 60) + " phút, ngày " + Two(t.date.day) + "/" +
         Two(t.date.month) + "/" + std::to_string(t.date.year);
}

std::string Date(core::Millis at) {
  const calendar::Date d = calendar::ToLocal(at).date;
  return Two(d.day) + "/" + Two(d.month) + "/" + std::to_string(d.year);
}

std::string HourDate(core::Millis at) {
  const calendar::LocalTime t = calendar::ToLocal(at);
  return Two(t.MinuteOfDay() / 60) + ":" + Two(t.MinuteOfDay() % 60) + " " + Date(at);
}

// Upper case for Vietnamese (agency names in the header): ASCII, Latin-1, ă đ ĩ ũ ơ ư and the
// Latin Extended Additional block, where capitals sit at even code points.
std::string Upper(std::string_view s) {
  std::string out;
  for (char32_t cp : core::DecodeUtf8(s)) {
    if (cp >= 'a' && cp <= 'z') cp -= 0x20;
    else if (cp >= 0xE0 && cp <= 0xFE && cp != 0xF7) cp -= 0x20;
    else if ((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177)) cp &= ~char32_t{1};
    else if (cp == 0x1A1 || cp == 0x1B0) cp -= 1;
    else if (cp >= 0x1EA0 && cp <= 0x1EF9) cp &= ~char32_t{1};
    core::AppendUtf8(out, cp);
  }
  return out;
}

// libharu embeds only the glyphs a document uses, and for a composite glyph it marks the
// components one level down only. DejaVu builds many Vietnamese letters from nested composites
// (ế = ê + acute, ê = e + circumflex…), so their inner accents were left empty: "tiếp" printed as
// "tiep". Before saving, every component reachable from a used glyph is marked used too, read
// from the font file through libharu's own glyph offsets.
const std::string& FontBytes(const char* path) {
  static const std::map<std::string, std::string> kFiles = [] {
    std::map<std::string, std::string> files;
    for (const char* p : {kFontRegular, kFontBold, kFontItalic}) {
      std::ifstream in(p, std::ios::binary);
      files[p] = std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    return files;
  }();
  return kFiles.at(path);
}

void MarkCompositeComponents(HPDF_Doc pdf, const char* font_name, const char* path) {
  HPDF_FontDef def = HPDF_GetFontDef(pdf, font_name);
  if (!def || def->type != HPDF_FONTDEF_TYPE_TRUETYPE || !def->attr) return;
  auto* attr = static_cast<HPDF_TTFontDefAttr>(def->attr);
  const std::string& file = FontBytes(path);
  const HPDF_UINT16 n = attr->num_glyphs;
  auto u16 = [&](std::size_t at) -> unsigned {
    return at + 1 < file.size() ? (static_cast<unsigned char>(file[at]) << 8) | static_cast<unsigned char>(file[at + 1])
                                : 0u;
  };
  auto offset = [&](unsigned gid) -> std::size_t {
    std::size_t o = attr->glyph_tbl.offsets[gid];
    if (attr->header.index_to_loc_format == 0) o *= 2;
    return o + attr->glyph_tbl.base_offset;
  };
  std::vector<unsigned> work;
  for (unsigned g = 0; g < n; ++g)
    if (attr->glyph_tbl.flgs[g]) work.push_back(g);
  while (!work.empty()) {
    const unsigned g = work.back();
    work.pop_back();
    if (g + 1 > n || offset(g + 1) <= offset(g)) continue;   // empty glyph
    std::size_t at = offset(g);
    if (static_cast<std::int16_t>(u16(at)) != -1) continue;   // a simple glyph
    at += 10;
    for (int guard = 0; guard < 64; ++guard) {
      const unsigned flags = u16(at);
      const unsigned component = u16(at + 2);
      at += 4 + ((flags & 0x0001) ? 4 : 2);
      if (flags & 0x0008) at += 2;
      else if (flags & 0x0040) at += 4;
      else if (flags & 0x0080) at += 8;
      if (component < n && !attr->glyph_tbl.flgs[component]) {
        attr->glyph_tbl.flgs[component] = 1;
        work.push_back(component);
      }
      if (!(flags & 0x0020)) break;
    }
  }
}

enum class Face { kRegular, kBold, kItalic };
enum class Align { kLeft, kCenter };

struct Span {
  std::string text;
  Face face = Face::kRegular;
};

void OnError(HPDF_STATUS error, HPDF_STATUS detail, void* user);

// One PDF in the making: fonts, the current page and a cursor `y` (the top of the next line,
// from the bottom of the page) that moves down; a new page starts when something does not fit.
class Doc {
 public:
  Doc(float width, float height, float left, float right, float top, float bottom)
      : width_(width), height_(height), left_(left), right_(right), top_(top), bottom_(bottom) {
    pdf_ = HPDF_New(OnError, this);
    if (!pdf_) {
      error_ = 1;
      return;
    }
    HPDF_SetCompressionMode(pdf_, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(pdf_);
    HPDF_SetCurrentEncoder(pdf_, "UTF-8");
    HPDF_SetInfoAttr(pdf_, HPDF_INFO_CREATOR, "eISO");
    regular_ = Load(kFontRegular);
    bold_ = Load(kFontBold);
    italic_ = Load(kFontItalic);
    NewPage();
  }
  ~Doc() {
    if (pdf_) HPDF_Free(pdf_);
  }
  Doc(const Doc&) = delete;
  Doc& operator=(const Doc&) = delete;

  bool ok() const { return error_ == 0 && regular_ && bold_ && italic_; }
  void Fail(HPDF_STATUS error, HPDF_STATUS detail) {
    if (!error_) {
      error_ = error;
      detail_ = detail;
    }
  }
  float left() const { return left_; }
  float right() const { return width_ - right_; }
  float content_width() const { return width_ - left_ - right_; }
  float y() const { return y_; }
  void set_y(float y) { y_ = y; }
  void Down(float dy) { y_ -= dy; }
  HPDF_Page page() const { return page_; }
  const std::vector<HPDF_Page>& pages() const { return pages_; }
  float page_width() const { return width_; }
  std::vector<std::string>& qr_texts() { return qr_texts_; }
  // Called after each new page (the book repeats its table head there).
  std::function<void()> on_new_page;

  void NewPage() {
    if (!ok() && !pdf_) return;
    page_ = HPDF_AddPage(pdf_);
    if (!page_) return;
    HPDF_Page_SetWidth(page_, width_);
    HPDF_Page_SetHeight(page_, height_);
    pages_.push_back(page_);
    y_ = height_ - top_;
    if (on_new_page) on_new_page();
  }
  // Starts a new page unless `height` fits above the bottom margin.
  void Need(float height) {
    if (y_ - height < bottom_) NewPage();
  }

  HPDF_Font FontOf(Face f) const { return f == Face::kBold ? bold_ : f == Face::kItalic ? italic_ : regular_; }
  float Width(std::string_view text, Face face, float size) const {
    if (text.empty() || !ok()) return 0;
    const HPDF_TextWidth w = HPDF_Font_TextWidth(FontOf(face), reinterpret_cast<const HPDF_BYTE*>(text.data()),
                                                 static_cast<HPDF_UINT>(text.size()));
    return static_cast<float>(w.width) * size / 1000.0f;
  }
  // Draws one line with its baseline at `baseline`.
  void Text(float x, float baseline, std::string_view text, Face face, float size) {
    if (text.empty() || !ok()) return;
    const std::string s(text);
    HPDF_Page_BeginText(page_);
    HPDF_Page_SetFontAndSize(page_, FontOf(face), size);
    HPDF_Page_TextOut(page_, x, baseline, s.c_str());
    HPDF_Page_EndText(page_);
  }
  void Line(float x1, float y1, float x2, float y2, float width = 0.5f) {
    if (!ok()) return;
    HPDF_Page_SetLineWidth(page_, width);
    HPDF_Page_MoveTo(page_, x1, y1);
    HPDF_Page_LineTo(page_, x2, y2);
    HPDF_Page_Stroke(page_);
  }
  void Rect(float x, float y, float w, float h, float width = 0.5f) {
    if (!ok()) return;
    HPDF_Page_SetLineWidth(page_, width);
    HPDF_Page_Rectangle(page_, x, y, w, h);
    HPDF_Page_Stroke(page_);
  }

  // Words of the spans broken into lines of at most `width`; a word longer than a line is cut
  // between characters.
  struct Word {
    std::string text;
    Face face;
    float width;
    bool space_before;
  };
  using WrappedLine = std::vector<Word>;
  std::vector<WrappedLine> Wrap(const std::vector<Span>& spans, float width, float size) const {
    std::vector<Word> words;
    bool space = false;   // a space before the next word, also across spans
    for (const Span& span : spans) {
      // Line breaks and tabs in what people typed count as spaces: the layout is the form's.
      auto blank = [](char c) { return static_cast<unsigned char>(c) <= 0x20; };
      std::size_t i = 0;
      while (i < span.text.size()) {
        if (blank(span.text[i])) {
          space = true;
          ++i;
          continue;
        }
        std::size_t j = i;
        while (j < span.text.size() && !blank(span.text[j])) ++j;
        std::string w = span.text.substr(i, j - i);
        words.push_back({w, span.face, Width(w, span.face, size), space && !words.empty()});
        space = false;
        i = j;
      }
    }
    std::vector<WrappedLine> lines(1);
    float used = 0;
    for (Word& w : words) {
      const float gap = w.space_before ? Width(" ", w.face, size) : 0;
      if (!lines.back().empty() && used + gap + w.width > width) {
        lines.emplace_back();
        used = 0;
      }
      if (lines.back().empty()) w.space_before = false;
      // A word wider than the line alone: cut it.
      while (lines.back().empty() && w.width > width) {
        std::string head;
        std::string rest;
        bool cut = false;
        for (char32_t cp : core::DecodeUtf8(w.text)) {
          std::string next = head;
          core::AppendUtf8(next, cp);
          if (!cut && (head.empty() || Width(next, w.face, size) <= width)) head = std::move(next);
          else {
            cut = true;
            core::AppendUtf8(rest, cp);
          }
        }
        lines.back().push_back({head, w.face, Width(head, w.face, size), false});
        lines.emplace_back();
        w.text = rest;
        w.width = Width(rest, w.face, size);
        used = 0;
      }
      if (w.text.empty()) continue;
      lines.back().push_back(w);
      used += (w.space_before ? Width(" ", w.face, size) : 0) + w.width;
    }
    if (lines.size() > 1 && lines.back().empty()) lines.pop_back();
    return lines;
  }
  float LineWidth(const WrappedLine& line, float size) const {
    float w = 0;
    for (const Word& word : line) w += (word.space_before ? Width(" ", word.face, size) : 0) + word.width;
    return w;
  }
  // Draws wrapped lines from the top `top` in [x, x + width]; returns the height used.
  float DrawLines(const std::vector<WrappedLine>& lines, float x, float top, float width, float size, Align align,
                  float leading) {
    float baseline = top - size;
    for (const WrappedLine& line : lines) {
      float cx = align == Align::kCenter ? x + (width - LineWidth(line, size)) / 2 : x;
      for (const Word& word : line) {
        if (word.space_before) cx += Width(" ", word.face, size);
        Text(cx, baseline, word.text, word.face, size);
        cx += word.width;
      }
      baseline -= size * leading;
    }
    return static_cast<float>(lines.size()) * size * leading;
  }
  // A paragraph at the cursor, across pages when long; `indent` for continuation lines too.
  void Paragraph(const std::vector<Span>& spans, float size, Align align = Align::kLeft, float indent = 0,
                 float leading = 1.35f) {
    const float width = content_width() - indent;
    for (const WrappedLine& line : Wrap(spans, width, size)) {
      Need(size * leading);
      y_ -= DrawLines({line}, left_ + indent, y_, width, size, align, leading);
    }
  }
  void Paragraph(const std::string& text, Face face, float size, Align align = Align::kLeft, float indent = 0,
                 float leading = 1.35f) {
    Paragraph({{text, face}}, size, align, indent, leading);
  }
  float Height(const std::vector<Span>& spans, float width, float size, float leading = 1.35f) const {
    return static_cast<float>(Wrap(spans, width, size).size()) * size * leading;
  }

  // The QR code of `text` in a square of `side` points whose top left corner is (x, top).
  void Qr(const std::string& text, float x, float top, float side) {
    qr_texts_.push_back(text);
    QRcode* code = QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!code) {
      Fail(HPDF_INVALID_PARAMETER, 0);
      return;
    }
    const int n = code->width;
    const float m = side / static_cast<float>(n);
    HPDF_Page_SetRGBFill(page_, 0, 0, 0);
    for (int row = 0; row < n; ++row) {
      int col = 0;
      while (col < n) {
        if (!(code->data[row * n + col] & 1)) {
          ++col;
          continue;
        }
        int end = col;
        while (end < n && (code->data[row * n + end] & 1)) ++end;   // one rectangle per dark run
        HPDF_Page_Rectangle(page_, x + static_cast<float>(col) * m, top - static_cast<float>(row + 1) * m,
                            static_cast<float>(end - col) * m, m);
        col = end;
      }
    }
    HPDF_Page_Fill(page_);
    QRcode_free(code);
  }

  Result<Pdf> Finish() {
    if (!ok()) return Error::Internal("libharu error " + std::to_string(error_) + "/" + std::to_string(detail_));
    for (const auto& [name, path] : font_names_) MarkCompositeComponents(pdf_, name.c_str(), path);
    if (HPDF_SaveToStream(pdf_) != HPDF_OK || !ok())
      return Error::Internal("libharu save error " + std::to_string(error_) + "/" + std::to_string(detail_));
    Pdf out;
    HPDF_ResetStream(pdf_);
    out.bytes.resize(HPDF_GetStreamSize(pdf_));
    std::size_t filled = 0;
    while (filled < out.bytes.size()) {
      HPDF_UINT32 len = static_cast<HPDF_UINT32>(out.bytes.size() - filled);
      const HPDF_STATUS s = HPDF_ReadFromStream(pdf_, reinterpret_cast<HPDF_BYTE*>(out.bytes.data() + filled), &len);
      filled += len;
      if (s == HPDF_STREAM_EOF || len == 0) break;
      if (s != HPDF_OK) return Error::Internal("libharu stream error " + std::to_string(s));
    }
    out.bytes.resize(filled);
    if (!ok()) return Error::Internal("libharu error " + std::to_string(error_) + "/" + std::to_string(detail_));
    out.pages = static_cast<int>(pages_.size());
    out.qr_texts = std::move(qr_texts_);
    return out;
  }

 private:
  HPDF_Font Load(const char* path) {
    const char* name = HPDF_LoadTTFontFromFile(pdf_, path, HPDF_TRUE);
    if (!name) return nullptr;
    font_names_.emplace_back(name, path);
    return HPDF_GetFont(pdf_, name, "UTF-8");
  }

  HPDF_Doc pdf_ = nullptr;
  HPDF_Font regular_ = nullptr;
  HPDF_Font bold_ = nullptr;
  HPDF_Font italic_ = nullptr;
  HPDF_Page page_ = nullptr;
  std::vector<HPDF_Page> pages_;
  std::vector<std::string> qr_texts_;
  std::vector<std::pair<std::string, const char*>> font_names_;
  float width_, height_, left_, right_, top_, bottom_;
  float y_ = 0;
  HPDF_STATUS error_ = 0;
  HPDF_STATUS detail_ = 0;
};

void OnError(HPDF_STATUS error, HPDF_STATUS detail, void* user) { static_cast<Doc*>(user)->Fail(error, detail); }

constexpr float kBody = 8.5f;
constexpr float kSmall = 7.5f;
constexpr float kNote = 7.0f;

std::string PlaceAndDate(const Header& h) {
  const calendar::Date d = calendar::ToLocal(h.issued_at).date;
  return Dots(h.place, "……") + ", ngày " + Two(d.day) + " tháng " + Two(d.month) + " năm " + std::to_string(d.year);
}

// The number symbol of each form as the 2025 reprint prints it (BYT, forms-vn §1.2), without the
// issuing centre's own abbreviation, which is local [S, one source].
const char* Symbol(FormKind kind) {
  switch (kind) {
    case FormKind::kReceipt: return "";
    case FormKind::kSupplement: return "/PBS";
    case FormKind::kRefusal: return "/PTC";
    case FormKind::kApology: return "/PXL";
    case FormKind::kControl: return "/PKS";
    case FormKind::kBook: return "/STD";
  }
  return "";
}

std::string Legal(FormSet set) {
  return set == FormSet::k2025 ? "Thông tư số 03/2025/TT-VPCP" : "Thông tư số 01/2018/TT-VPCP";
}

// Form number (top right), the agency lines and the number line (left), the national motto and
// the place-and-date line (right), as in forms-vn §1.2.
void DrawHeader(Doc& doc, const Header& h, FormKind kind) {
  const float size = 8.0f;
  const std::string mark = "Mẫu số " + PrintedNumber(kind, h.set) + " – " + Legal(h.set);
  doc.Text(doc.right() - doc.Width(mark, Face::kItalic, 6.5f), doc.y() - 6.5f, mark, Face::kItalic, 6.5f);
  doc.Down(13);
  const float top = doc.y();
  const float left_w = doc.content_width() * 0.44f;
  const float gap = doc.content_width() * 0.02f;
  const float right_x = doc.left() + left_w + gap;
  const float right_w = doc.content_width() - left_w - gap;

  float ly = top;
  if (!h.parent_agency.empty())
    ly -= doc.DrawLines(doc.Wrap({{Upper(h.parent_agency), Face::kRegular}}, left_w, size), doc.left(), ly, left_w,
                        size, Align::kCenter, 1.3f);
  ly -= doc.DrawLines(doc.Wrap({{Upper(Dots(h.agency)), Face::kBold}}, left_w, size), doc.left(), ly, left_w, size,
                      Align::kCenter, 1.3f);
  const float mid = doc.left() + left_w / 2;
  doc.Line(mid - 22, ly - 2, mid + 22, ly - 2);
  ly -= 8;
  const std::string number = std::string("Số: ………") + Symbol(kind);
  ly -= doc.DrawLines(doc.Wrap({{number, Face::kRegular}}, left_w, size), doc.left(), ly, left_w, size,
                      Align::kCenter, 1.3f);

  float ry = top;
  ry -= doc.DrawLines(doc.Wrap({{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", Face::kBold}}, right_w, size), right_x, ry,
                      right_w, size, Align::kCenter, 1.3f);
  const std::string motto = "Độc lập - Tự do - Hạnh phúc";
  ry -= doc.DrawLines(doc.Wrap({{motto, Face::kBold}}, right_w, size + 0.5f), right_x, ry, right_w, size + 0.5f,
                      Align::kCenter, 1.3f);
  const float motto_w = std::min(doc.Width(motto, Face::kBold, size + 0.5f), right_w);
  const float rmid = right_x + right_w / 2;
  doc.Line(rmid - motto_w / 2, ry - 2, rmid + motto_w / 2, ry - 2);
  ry -= 8;
  ry -= doc.DrawLines(doc.Wrap({{PlaceAndDate(h), Face::kItalic}}, right_w, size), right_x, ry, right_w, size,
                      Align::kCenter, 1.3f);
  doc.set_y(std::min(ly, ry) - 10);
}

void Title(Doc& doc, const std::string& title) {
  doc.Paragraph(title, Face::kBold, 11.0f, Align::kCenter);
  doc.Down(2);
}

// "Label: value" with the value in bold (dots when empty).
void Field(Doc& doc, const std::string& label, const std::string& value, float indent = 0) {
  doc.Paragraph({{label + " ", Face::kRegular}, {Dots(value), Face::kBold}}, kBody, Align::kLeft, indent);
}

void PhoneEmail(Doc& doc, const Person& p, const char* phone_label = "Số điện thoại: ") {
  doc.Paragraph({{phone_label, Face::kRegular}, {Dots(p.phone, "…………………"), Face::kBold},
                 {"; Email: ", Face::kRegular}, {Dots(p.email, "…………………"), Face::kBold}},
                kBody);
}

// "Tiếp nhận hồ sơ của" with the applicant's identity, address and contact (Mẫu 01 and 03); the
// 2025 set always has the identity line, the 2018 set only when there is a number.
void ReceivedFrom(Doc& doc, FormSet set, const Person& applicant) {
  Field(doc, "Tiếp nhận hồ sơ của:", applicant.name);
  if (set == FormSet::k2025 || !applicant.id_number.empty())
    Field(doc, "Số định danh cá nhân/tổ chức:", applicant.id_number);
  Field(doc, "Địa chỉ:", applicant.address);
  PhoneEmail(doc, applicant);
}

struct Signature {
  std::string role;           // "NGƯỜI NỘP HỒ SƠ"
  std::string digital;        // the 2025 caption's "<người ký>"; empty: none
  std::string name;
};

// One or two signature blocks side by side, kept on one page; a single block sits on the right.
void Signatures(Doc& doc, const std::vector<Signature>& blocks, FormSet set) {
  const float col = doc.content_width() / 2;
  auto block_height = [&](const Signature& s) {
    float h = doc.Height({{s.role, Face::kBold}}, col, kBody) + kSmall * 1.4f;
    if (set == FormSet::k2025 && !s.digital.empty())
      h += doc.Height({{"(Chữ ký số của " + s.digital + " nếu là biểu mẫu điện tử)", Face::kItalic}}, col - 10, 6.5f);
    return h + 38 + kBody * 1.4f;
  };
  float height = 0;
  for (const Signature& s : blocks) height = std::max(height, block_height(s));
  doc.Down(6);
  doc.Need(height);
  const float top = doc.y();
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const Signature& s = blocks[i];
    const float x = blocks.size() == 1 ? doc.left() + col : doc.left() + col * static_cast<float>(i);
    float y = top;
    y -= doc.DrawLines(doc.Wrap({{s.role, Face::kBold}}, col, kBody), x, y, col, kBody, Align::kCenter, 1.35f);
    y -= doc.DrawLines(doc.Wrap({{"(Ký và ghi rõ họ tên)", Face::kItalic}}, col, kSmall), x, y, col, kSmall,
                       Align::kCenter, 1.4f);
    if (set == FormSet::k2025 && !s.digital.empty())
      y -= doc.DrawLines(doc.Wrap({{"(Chữ ký số của " + s.digital + " nếu là biểu mẫu điện tử)", Face::kItalic}},
                                  col - 10, 6.5f),
                         x + 5, y, col - 10, 6.5f, Align::kCenter, 1.35f);
    // Names on one line across the blocks, under the room left to sign.
    if (!s.name.empty())
      doc.DrawLines(doc.Wrap({{s.name, Face::kBold}}, col, kBody), x, top - height + kBody * 1.4f, col, kBody,
                    Align::kCenter, 1.35f);
  }
  doc.set_y(top - height);
}

// The QR code with the lookup address beside it, kept on one page.
void LookupBlock(Doc& doc, const std::string& url, const std::string& number, const std::string& secret,
                 bool show_secret_line) {
  if (url.empty()) return;
  const float side = 62;
  const float text_x = doc.left() + side + 10;
  const float text_w = doc.content_width() - side - 10;
  std::vector<std::vector<Span>> lines;
  lines.push_back({{"Tra cứu tình trạng hồ sơ: quét mã QR hoặc vào trang ", Face::kRegular},
                   {url.substr(0, url.find('?')), Face::kItalic},
                   {", nhập mã hồ sơ", Face::kRegular},
                   {show_secret_line ? " và mã tra cứu." : ".", Face::kRegular}});
  lines.push_back({{"Mã hồ sơ: ", Face::kRegular}, {number, Face::kBold}});
  if (show_secret_line) {
    if (!secret.empty())
      lines.push_back({{"Mã tra cứu: ", Face::kRegular}, {secret, Face::kBold}});
    else
      lines.push_back({{"Mã tra cứu: đã cấp cho người nộp hồ sơ khi tiếp nhận (không in lại).", Face::kItalic}});
  }
  float text_h = 0;
  for (const auto& l : lines) text_h += doc.Height(l, text_w, kSmall + 0.5f, 1.4f);
  const float height = std::max(side, text_h);
  doc.Down(4);
  doc.Need(height);
  const float top = doc.y();
  doc.Qr(url, doc.left(), top, side);
  float y = top - std::max(0.0f, (side - text_h) / 2);
  for (const auto& l : lines)
    y -= doc.DrawLines(doc.Wrap(l, text_w, kSmall + 0.5f), text_x, y, text_w, kSmall + 0.5f, Align::kLeft, 1.4f);
  doc.set_y(top - height - 4);
}

Doc A5() { return Doc(kA5Width, kA5Height, 40, 28, 26, 30); }

}  // namespace

std::optional<FormKind> ParseKind(std::string_view text) {
  if (text.size() == 2 && text[0] == '0') text.remove_prefix(1);
  if (text.size() != 1 || text[0] < '1' || text[0] > '6') return std::nullopt;
  return static_cast<FormKind>(text[0] - '0');
}

FormSet SetFor(core::Millis received_at) {
  return calendar::ToLocal(received_at).date < kForms2025From ? FormSet::k2018 : FormSet::k2025;
}

std::string PrintedNumber(FormKind kind, FormSet set) {
  int n = static_cast<int>(kind);
  // TT 03/2025 inserts Mẫu 05 "Thông báo dừng giải quyết hồ sơ": the control slip and the book move up one.
  if (set == FormSet::k2025 && (kind == FormKind::kControl || kind == FormKind::kBook)) ++n;
  return Two(n);
}

std::string LookupUrl(const std::string& public_url, const std::string& number, const std::string& secret) {
  std::string base = public_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  std::string url = base + "/tra-cuu?so=" + http::PercentEncode(number);
  if (!secret.empty()) url += "&ma=" + http::PercentEncode(secret);
  return url;
}

Result<Pdf> RenderReceipt(const Receipt& f) {
  Doc doc = A5();
  DrawHeader(doc, f.header, FormKind::kReceipt);
  Title(doc, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ");
  doc.Paragraph({{"Mã hồ sơ: ", Face::kRegular}, {f.number, Face::kBold}}, kBody, Align::kCenter);
  doc.Paragraph("(Liên: Lưu/Giao khách hàng)", Face::kItalic, kSmall, Align::kCenter);
  doc.Down(4);
  Field(doc, "Bộ phận tiếp nhận và trả kết quả:", f.header.agency);
  ReceivedFrom(doc, f.header.set, f.applicant);
  Field(doc, "Nội dung yêu cầu giải quyết:", f.procedure);
  doc.Paragraph("1. Thành phần hồ sơ nộp gồm:", Face::kRegular, kBody);
  if (f.components.empty()) doc.Paragraph("(1) ……………………", Face::kRegular, kBody, Align::kLeft, 12);
  for (std::size_t i = 0; i < f.components.size(); ++i)
    doc.Paragraph("(" + std::to_string(i + 1) + ") " + f.components[i], Face::kRegular, kBody, Align::kLeft, 12);
  Field(doc, "2. Số lượng hồ sơ:", Two(f.sets) + " (bộ)");
  Field(doc, "3. Thời gian giải quyết hồ sơ theo quy định là:", f.statutory_time);
  Field(doc, "4. Thời gian nhận hồ sơ:", DateTimeWords(f.received_at));
  Field(doc, "5. Thời gian trả kết quả giải quyết hồ sơ:", f.due_at ? DateTimeWords(f.due_at) : "");
  Field(doc, "6. Đăng ký nhận kết quả tại:", f.delivery);
  doc.Paragraph({{"Vào Sổ theo dõi hồ sơ, Quyển số: ", Face::kRegular}, {Dots(f.book_volume, "……"), Face::kBold},
                 {"  Số thứ tự: ", Face::kRegular},
                 {f.book_entry > 0 ? std::to_string(f.book_entry) : "……", Face::kBold}},
                kBody);
  LookupBlock(doc, f.lookup_url, f.number, f.secret, true);
  Signatures(doc, {{"NGƯỜI NỘP HỒ SƠ", "", f.applicant.name},
                   {"NGƯỜI TIẾP NHẬN HỒ SƠ", "người tiếp nhận hồ sơ", f.receiver}},
             f.header.set);
  doc.Down(4);
  doc.Paragraph("Ghi chú:", Face::kItalic, kNote);
  doc.Paragraph("- Giấy tiếp nhận và hẹn trả kết quả được lập thành 2 liên; một liên chuyển kèm theo Phiếu kiểm soát "
                "quá trình giải quyết hồ sơ và được lưu tại Bộ phận tiếp nhận và trả kết quả; một liên giao cho cá "
                "nhân, tổ chức nộp hồ sơ;",
                Face::kItalic, kNote, Align::kLeft, 0, 1.25f);
  doc.Paragraph("- Cá nhân, tổ chức có thể đăng ký nhận kết quả tại Bộ phận tiếp nhận và trả kết quả hoặc tại nhà "
                "(trụ sở tổ chức) qua dịch vụ bưu chính.",
                Face::kItalic, kNote, Align::kLeft, 0, 1.25f);
  return doc.Finish();
}

Result<Pdf> RenderSupplement(const Supplement& f) {
  Doc doc = A5();
  DrawHeader(doc, f.header, FormKind::kSupplement);
  Title(doc, "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ");
  if (!f.number.empty())
    doc.Paragraph({{"Mã hồ sơ: ", Face::kRegular}, {f.number, Face::kBold}}, kBody, Align::kCenter);
  doc.Down(6);
  Field(doc, "Hồ sơ của:", f.applicant.name);
  Field(doc, "Nội dung yêu cầu giải quyết:", f.procedure);
  Field(doc, "Địa chỉ:", f.applicant.address);
  PhoneEmail(doc, f.applicant, "Số điện thoại ");
  doc.Paragraph("Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:", Face::kRegular, kBody);
  for (std::size_t i = 0; i < f.items.size(); ++i)
    doc.Paragraph({{std::to_string(i + 1) + ". ", Face::kRegular}, {f.items[i], Face::kBold}}, kBody, Align::kLeft, 12);
  Field(doc, "Lý do:", f.reason);
  doc.Paragraph({{"Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, Ông/Bà liên hệ với ", Face::kRegular},
                 {Dots(f.contact), Face::kBold},
                 {" số điện thoại ……………… để được hướng dẫn./.", Face::kRegular}},
                kBody);
  if (!f.number.empty()) LookupBlock(doc, f.lookup_url, f.number, "", false);
  Signatures(doc, {{"NGƯỜI HƯỚNG DẪN", "Người hướng dẫn", f.guide}}, f.header.set);
  return doc.Finish();
}

Result<Pdf> RenderRefusal(const Refusal& f) {
  Doc doc = A5();
  DrawHeader(doc, f.header, FormKind::kRefusal);
  Title(doc, "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ");
  doc.Down(6);
  Field(doc, "Bộ phận Tiếp nhận và Trả kết quả:", f.header.agency);
  ReceivedFrom(doc, f.header.set, f.applicant);
  if (f.header.set == FormSet::k2025 || !f.number.empty()) Field(doc, "Mã hồ sơ (nếu có):", f.number);
  Field(doc, "Nội dung yêu cầu giải quyết:", f.procedure);
  if (f.after_appraisal)
    doc.Paragraph("Qua thẩm định, " + f.header.agency +
                      " thông báo không giải quyết hồ sơ này với lý do cụ thể như sau:",
                  Face::kRegular, kBody);
  else
    doc.Paragraph("Qua xem xét, Bộ phận Tiếp nhận và Trả kết quả thông báo không tiếp nhận, giải quyết hồ sơ này "
                  "với lý do cụ thể như sau:",
                  Face::kRegular, kBody);
  std::size_t start = 0;
  bool any = false;
  while (start <= f.reasons.size()) {
    std::size_t end = f.reasons.find("; ", start);
    if (end == std::string::npos) end = f.reasons.size();
    const std::string reason = f.reasons.substr(start, end - start);
    if (!reason.empty()) {
      doc.Paragraph({{"- ", Face::kRegular}, {reason, Face::kBold}}, kBody, Align::kLeft, 12);
      any = true;
    }
    start = end + 2;
  }
  if (!any) doc.Paragraph("……………………………………………", Face::kRegular, kBody, Align::kLeft, 12);
  doc.Paragraph("Xin thông báo cho Ông/Bà được biết và thực hiện./.", Face::kRegular, kBody);
  if (!f.number.empty()) LookupBlock(doc, f.lookup_url, f.number, "", false);
  if (f.after_appraisal)
    Signatures(doc, {{"THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ", "Thủ trưởng cơ quan, đơn vị", f.signer}}, f.header.set);
  else
    Signatures(doc, {{"NGƯỜI NỘP HỒ SƠ", "", f.applicant.name},
                     {"NGƯỜI TIẾP NHẬN HỒ SƠ", "Người tiếp nhận hồ sơ", f.signer}},
               f.header.set);
  return doc.Finish();
}

Result<Pdf> RenderApology(const Apology& f) {
  Doc doc = A5();
  DrawHeader(doc, f.header, FormKind::kApology);
  // 2025: "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết" (TVND); the title as the 2025
  // reprint prints it (BYT).
  Title(doc, f.header.set == FormSet::k2025 ? "PHIẾU XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT"
                                            : "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ");
  doc.Down(6);
  const std::string& agency = f.header.agency;
  Field(doc, "Kính gửi:", f.applicant.name);
  const calendar::Date received = calendar::ToLocal(f.received_at).date;
  doc.Paragraph({{"Ngày " + Two(received.day) + " tháng " + Two(received.month) + " năm " +
                      std::to_string(received.year) + ", " + agency +
                      " tiếp nhận giải quyết hồ sơ đề nghị giải quyết thủ tục hành chính ",
                  Face::kRegular},
                 {Dots(f.procedure), Face::kBold},
                 {" của Ông/Bà/Tổ chức ", Face::kRegular},
                 {Dots(f.applicant.name), Face::kBold},
                 {"; số định danh: ", Face::kRegular},
                 {Dots(f.applicant.id_number, "……………"), Face::kBold},
                 {"; mã số hồ sơ: ", Face::kRegular},
                 {f.number, Face::kBold},
                 {".", Face::kRegular}},
                kBody);
  Field(doc, "Thời gian hẹn trả kết quả giải quyết hồ sơ:", DateTimeWords(f.old_due_at) + ".");
  doc.Paragraph("Tuy nhiên đến nay, " + agency + " chưa trả kết quả giải quyết hồ sơ của Ông/Bà/Tổ chức đúng thời "
                "hạn quy định ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả.",
                Face::kRegular, kBody);
  Field(doc, "Lý do:", f.reason);
  doc.Paragraph(agency + " xin trân trọng gửi lời xin lỗi đến Ông (Bà)/Tổ chức vì sự chậm trễ trong quá trình giải "
                "quyết hồ sơ có thể gây phiền hà, tốn kém về chi phí, công sức của Ông (Bà)/Tổ chức.",
                Face::kRegular, kBody);
  doc.Paragraph({{agency + " xin lỗi Ông/Bà/Tổ chức và sẽ trả kết quả giải quyết hồ sơ cho Ông/Bà/Tổ chức vào ",
                  Face::kRegular},
                 {DateTimeWords(f.new_due_at), Face::kBold},
                 {".", Face::kRegular}},
                kBody);
  doc.Paragraph("Mong nhận được sự thông cảm của Ông/Bà/Tổ chức vì sự chậm trễ này./.", Face::kRegular, kBody);
  LookupBlock(doc, f.lookup_url, f.number, "", false);
  Signatures(doc, {{"THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ", "Thủ trưởng cơ quan, đơn vị", ""}}, f.header.set);
  return doc.Finish();
}

namespace {

std::string ResultText(const std::string& t) {
  if (t == "early") return "Trước hạn";
  if (t == "on_time") return "Đúng hạn";
  if (t == "late") return "Quá hạn";
  return "";
}

// A table cell: spans wrapped to the column, top-aligned.
struct Cell {
  std::vector<Span> spans;
  Align align = Align::kLeft;
};

}  // namespace

Result<Pdf> RenderControlSlip(const ControlSlip& f) {
  Doc doc = A5();
  DrawHeader(doc, f.header, FormKind::kControl);
  Title(doc, "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ");
  doc.Down(4);
  Field(doc, "Kèm theo hồ sơ của:", f.applicant);
  Field(doc, "Mã hồ sơ:", f.number);
  Field(doc, "Ngày nhận:", DateTimeShort(f.received_at));
  Field(doc, "Ngày, giờ hẹn trả kết quả:", f.due_at ? DateTimeShort(*f.due_at) : "");
  Field(doc, "Cơ quan (bộ phận) giải quyết hồ sơ:", f.handling_unit);
  Field(doc, "Cơ quan phối hợp giải quyết hồ sơ:", f.coordinating_units);
  doc.Down(6);

  const float size = 7.0f;
  const float pad = 2.5f;
  const float w = doc.content_width();
  const float c1 = w * 0.30f, c2 = w * 0.36f, c3 = w * 0.17f, c4 = w - c1 - c2 - c3;
  const float x0 = doc.left(), x1 = x0 + c1, x2 = x1 + c2, x3 = x2 + c3, x4 = x0 + w;
  auto head = [&]() {
    const std::vector<std::pair<std::string, float>> cols = {
        {"TÊN CƠ QUAN", c1}, {"THỜI GIAN GIAO, NHẬN HỒ SƠ", c2},
        {"KẾT QUẢ GIẢI QUYẾT HỒ SƠ (Trước hạn/đúng hạn/quá hạn)", c3}, {"GHI CHÚ", c4}};
    float h = 0;
    for (const auto& [t, cw] : cols) h = std::max(h, doc.Height({{t, Face::kBold}}, cw - 2 * pad, size, 1.25f));
    h += 2 * pad;
    doc.Need(h + 30);
    const float top = doc.y();
    float x = x0;
    for (const auto& [t, cw] : cols) {
      const auto lines = doc.Wrap({{t, Face::kBold}}, cw - 2 * pad, size);
      const float th = static_cast<float>(lines.size()) * size * 1.25f;
      doc.DrawLines(lines, x + pad, top - (h - th) / 2, cw - 2 * pad, size, Align::kCenter, 1.25f);
      doc.Rect(x, top - h, cw, h);
      x += cw;
    }
    doc.set_y(top - h);
  };
  head();
  std::vector<Handover> rows = f.handovers;
  if (rows.empty()) rows.push_back({"Bộ phận TN&TKQ", "", "", "", 0, std::nullopt, "", ""});
  for (const Handover& r : rows) {
    const std::vector<Span> giver = {{"1. Giao: ", Face::kRegular}, {Dots(r.giver_unit), Face::kBold}};
    const std::vector<Span> receiver = {{"2. Nhận: ", Face::kRegular}, {Dots(r.receiver_unit), Face::kBold}};
    const std::string when = r.at ? DateTimeShort(r.at) : "….giờ….phút, ngày…../…../……";
    const float half = c2 / 2;
    std::vector<Span> note;
    if (!r.note.empty()) note.push_back({r.note, Face::kRegular});
    // The giver's result, with the due time it is measured against.
    std::vector<Span> result;
    if (const std::string t = ResultText(r.result); !t.empty()) result.push_back({t, Face::kBold});
    if (!result.empty() && r.due_at) result.push_back({" (hạn " + HourDate(*r.due_at) + ")", Face::kItalic});
    const float h1 = doc.Height(giver, c1 - 2 * pad, size, 1.3f) + doc.Height(receiver, c1 - 2 * pad, size, 1.3f);
    const float time_h = doc.Height({{when, Face::kRegular}}, c2 - 2 * pad, size, 1.3f);
    const float person_h = std::max(doc.Height({{Dots(r.giver, " "), Face::kBold}}, half - 2 * pad, size, 1.3f),
                                    doc.Height({{Dots(r.receiver, " "), Face::kBold}}, half - 2 * pad, size, 1.3f));
    const float sub_h = 6.5f * 1.3f + person_h + 10;   // "Người giao" + name + room to sign
    const float h2 = time_h + 2 * pad + sub_h;
    const float h3 = result.empty() ? 0 : doc.Height(result, c3 - 2 * pad, size, 1.3f);
    const float h4 = note.empty() ? 0 : doc.Height(note, c4 - 2 * pad, size, 1.3f);
    const float h = std::max({h1 + 2 * pad, h2 + pad, h3 + 2 * pad, h4 + 2 * pad, 30.0f});
    if (doc.y() - h < 30) {
      doc.NewPage();
      head();
    }
    const float top = doc.y();
    float y = top - pad;
    y -= doc.DrawLines(doc.Wrap(giver, c1 - 2 * pad, size), x0 + pad, y, c1 - 2 * pad, size, Align::kLeft, 1.3f);
    doc.DrawLines(doc.Wrap(receiver, c1 - 2 * pad, size), x0 + pad, y, c1 - 2 * pad, size, Align::kLeft, 1.3f);
    const float time_bottom = top - time_h - 2 * pad;
    doc.DrawLines(doc.Wrap({{when, Face::kRegular}}, c2 - 2 * pad, size), x1 + pad, top - pad, c2 - 2 * pad, size,
                  Align::kCenter, 1.3f);
    doc.Line(x1, time_bottom, x2, time_bottom);
    doc.Line(x1 + half, time_bottom, x1 + half, top - h);
    float sy = time_bottom - pad;
    doc.DrawLines(doc.Wrap({{"Người giao", Face::kItalic}}, half - 2 * pad, 6.5f), x1 + pad, sy, half - 2 * pad, 6.5f,
                  Align::kCenter, 1.3f);
    doc.DrawLines(doc.Wrap({{"Người nhận", Face::kItalic}}, half - 2 * pad, 6.5f), x1 + half + pad, sy,
                  half - 2 * pad, 6.5f, Align::kCenter, 1.3f);
    sy -= 6.5f * 1.3f + 8;
    doc.DrawLines(doc.Wrap({{r.giver, Face::kBold}}, half - 2 * pad, size), x1 + pad, sy, half - 2 * pad, size,
                  Align::kCenter, 1.3f);
    doc.DrawLines(doc.Wrap({{r.receiver, Face::kBold}}, half - 2 * pad, size), x1 + half + pad, sy, half - 2 * pad,
                  size, Align::kCenter, 1.3f);
    if (!result.empty())
      doc.DrawLines(doc.Wrap(result, c3 - 2 * pad, size), x2 + pad, top - pad, c3 - 2 * pad, size, Align::kCenter,
                    1.3f);
    if (!note.empty())
      doc.DrawLines(doc.Wrap(note, c4 - 2 * pad, size), x3 + pad, top - pad, c4 - 2 * pad, size, Align::kLeft, 1.3f);
    for (float x : {x0, x1, x2, x3}) doc.Line(x, top, x, top - h);
    doc.Line(x4, top, x4, top - h);
    doc.Line(x0, top - h, x4, top - h);
    doc.set_y(top - h);
  }
  doc.Down(6);
  doc.Paragraph("Ghi chú:", Face::kItalic, kSmall);
  doc.Paragraph("- Kết quả giải quyết hồ sơ do bên nhận nhập thông tin/ghi khi nhận bàn giao hồ sơ.", Face::kItalic,
                kSmall);
  doc.Paragraph(f.header.set == FormSet::k2025
                    ? "- Việc lưu vết được thực hiện tự động theo chức năng của Hệ thống thông tin giải quyết thủ tục "
                      "hành chính và thể hiện trên mẫu phiếu điện tử."
                    : "- Khi Hệ thống thông tin một cửa điện tử đã vận hành, việc lưu vết được thực hiện tự động và "
                      "thể hiện trên mẫu phiếu điện tử.",
                Face::kItalic, kSmall);
  return doc.Finish();
}

// Mẫu 06, the tracking book: the common header and title on the first page, the table head on every page.
struct BookWriter::Impl {
  Impl(const BookHeader& h) : header(h), doc(kA4Long, kA4Short, 28, 28, 26, 34) {}
  BookHeader header;
  Doc doc;
  int rows = 0;
  struct Column {
    std::string title;
    float width;
  };
  std::vector<Column> columns;
  float group_x = 0, group_w = 0;   // "Nhận và trả kết quả" spans columns 6..10

  void Head() {
    const float size = 6.8f, pad = 2.5f;
    const float group_h = size * 1.3f + 2 * pad;
    float sub_h = 0;
    for (const Column& c : columns)
      sub_h = std::max(sub_h, doc.Height({{c.title, Face::kBold}}, c.width - 2 * pad, size, 1.25f));
    sub_h += 2 * pad;
    const float top = doc.y();
    float x = doc.left();
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const Column& c = columns[i];
      const bool grouped = i >= 6 && i <= 10;
      const float cell_top = grouped ? top - group_h : top;
      const float cell_h = grouped ? sub_h : sub_h + group_h;
      const auto lines = doc.Wrap({{c.title, Face::kBold}}, c.width - 2 * pad, size);
      const float th = static_cast<float>(lines.size()) * size * 1.25f;
      doc.DrawLines(lines, x + pad, cell_top - (cell_h - th) / 2, c.width - 2 * pad, size, Align::kCenter, 1.25f);
      doc.Rect(x, top - sub_h - group_h, c.width, cell_h);
      x += c.width;
    }
    doc.DrawLines(doc.Wrap({{"Nhận và trả kết quả", Face::kBold}}, group_w, size), group_x, top - pad, group_w, size,
                  Align::kCenter, 1.25f);
    doc.Rect(group_x, top - group_h, group_w, group_h);
    doc.set_y(top - sub_h - group_h);
  }
};

BookWriter::BookWriter(const BookHeader& h) : impl_(new Impl(h)) {
  Impl& b = *impl_;
  Doc& doc = b.doc;
  const float w = doc.content_width();
  // Columns of BYT (forms-vn §7) and a final Ghi chú; widths as fractions of the page.
  const std::vector<std::pair<std::string, float>> cols = {
      {"STT", 0.035f},
      {"Mã hồ sơ", 0.145f},
      {"Tên TTHC", 0.125f},
      {"Tên tổ chức, cá nhân", 0.10f},
      {"Địa chỉ/SĐT", 0.095f},
      {"Cơ quan chủ trì giải quyết", 0.10f},
      {"Nhận hồ sơ", 0.065f},
      {"Hẹn trả kết quả", 0.065f},
      {"Trả kết quả", 0.065f},
      {"Phương thức nhận kết quả", 0.065f},
      {"Ký nhận", 0.05f},
      {"Ghi chú", 0.09f},
  };
  for (const auto& [t, frac] : cols) b.columns.push_back({t, frac * w});
  float x = doc.left();
  for (std::size_t i = 0; i < b.columns.size(); ++i) {
    if (i == 6) b.group_x = x;
    if (i >= 6 && i <= 10) b.group_w += b.columns[i].width;
    x += b.columns[i].width;
  }
  DrawHeader(doc, h.header, FormKind::kBook);
  doc.Paragraph("SỔ THEO DÕI HỒ SƠ", Face::kBold, 12.0f, Align::kCenter);
  std::string period = "Năm " + std::to_string(h.year);
  if (h.from_month != 1 || h.to_month != 12)
    period = "Từ tháng " + Two(h.from_month) + " đến tháng " + Two(h.to_month) + " năm " + std::to_string(h.year);
  doc.Paragraph(period, Face::kItalic, 8.5f, Align::kCenter);
  doc.Down(6);
  b.Head();
  doc.on_new_page = [this] { impl_->Head(); };
}

BookWriter::~BookWriter() { delete impl_; }

void BookWriter::Add(const BookRow& r) {
  Impl& b = *impl_;
  Doc& doc = b.doc;
  ++b.rows;
  const float size = 6.8f, pad = 2.5f;
  const std::vector<std::string> cells = {
      std::to_string(r.entry),
      r.number,
      r.procedure,
      r.applicant,
      r.address_phone,
      r.handling_unit,
      HourDate(r.received_at),
      r.due_at ? HourDate(*r.due_at) : "",
      r.returned_at ? HourDate(*r.returned_at) : "",
      "",
      "",
      r.notes,
  };
  float h = 0;
  std::vector<std::vector<Doc::WrappedLine>> wrapped;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    wrapped.push_back(doc.Wrap({{cells[i], Face::kRegular}}, b.columns[i].width - 2 * pad, size));
    h = std::max(h, static_cast<float>(wrapped.back().size()) * size * 1.3f);
  }
  h += 2 * pad;
  doc.Need(h);
  const float top = doc.y();
  float x = doc.left();
  for (std::size_t i = 0; i < cells.size(); ++i) {
    doc.DrawLines(wrapped[i], x + pad, top - pad, b.columns[i].width - 2 * pad, size,
                  i == 0 ? Align::kCenter : Align::kLeft, 1.3f);
    doc.Rect(x, top - h, b.columns[i].width, h);
    x += b.columns[i].width;
  }
  doc.set_y(top - h);
}

Result<Pdf> BookWriter::Finish() {
  Impl& b = *impl_;
  Doc& doc = b.doc;
  if (b.rows == 0) {
    doc.Need(20);
    doc.Down(4);
    doc.Paragraph("Không có hồ sơ nào được tiếp nhận trong kỳ.", Face::kItalic, 8.0f, Align::kCenter);
  }
  doc.on_new_page = nullptr;
  doc.Down(8);
  if (b.header.header.set == FormSet::k2025) {
    doc.Paragraph("Ghi chú:", Face::kItalic, kSmall);
    doc.Paragraph("- Sổ theo dõi hồ sơ được lập theo từng lĩnh vực hoặc nhóm lĩnh vực tại Bộ phận Một cửa.",
                  Face::kItalic, kSmall);
    doc.Paragraph("- Trường hợp áp dụng Sổ theo dõi hồ sơ điện tử thì theo dõi trực tiếp trên Hệ thống thông tin giải "
                  "quyết thủ tục hành chính, không cần thực hiện in sổ giấy nhưng phải đảm bảo đầy đủ thông tin theo "
                  "quy định.",
                  Face::kItalic, kSmall);
  }
  const auto& pages = doc.pages();
  for (std::size_t i = 0; i < pages.size(); ++i) {
    const std::string text = "Trang " + std::to_string(i + 1) + "/" + std::to_string(pages.size());
    const float tw = doc.Width(text, Face::kRegular, 7.0f);
    HPDF_Page page = pages[i];
    HPDF_Page_BeginText(page);
    HPDF_Page_SetFontAndSize(page, doc.FontOf(Face::kRegular), 7.0f);
    HPDF_Page_TextOut(page, (doc.page_width() - tw) / 2, 16, text.c_str());
    HPDF_Page_EndText(page);
  }
  return doc.Finish();
}

}  // namespace eiso::dossiers::forms
