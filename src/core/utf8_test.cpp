#include "core/utf8.hpp"

#include <gtest/gtest.h>

namespace eiso::core {
namespace {

std::string Encode(char32_t cp) {
  std::string out;
  AppendUtf8(out, cp);
  return out;
}

TEST(Utf8, EncodesOneToFourBytes) {
  EXPECT_EQ(Encode(U'A'), "A");
  EXPECT_EQ(Encode(U'\x7F'), "\x7F");
  EXPECT_EQ(Encode(U'\x80'), "\xC2\x80");
  EXPECT_EQ(Encode(U'đ'), "\xC4\x91");
  EXPECT_EQ(Encode(U'\x7FF'), "\xDF\xBF");
  EXPECT_EQ(Encode(U'\x800'), "\xE0\xA0\x80");
  EXPECT_EQ(Encode(U'€'), "\xE2\x82\xAC");
  EXPECT_EQ(Encode(U'\xFFFF'), "\xEF\xBF\xBF");
  EXPECT_EQ(Encode(U'\x10000'), "\xF0\x90\x80\x80");
  EXPECT_EQ(Encode(U'😀'), "\xF0\x9F\x98\x80");
  EXPECT_EQ(Encode(U'\x10FFFF'), "\xF4\x8F\xBF\xBF");
}

TEST(Utf8, EncodesVietnameseLetters) {
  EXPECT_EQ(Encode(U'ế'), "ế");   // U+1EBF, precomposed: three bytes
  EXPECT_EQ(Encode(U'Ế'), "Ế");
  EXPECT_EQ(Encode(U'ư'), "ư");
  EXPECT_EQ(Encode(U'Đ'), "Đ");
  std::string word;
  for (char32_t cp : std::u32string_view(U"Tiếp nhận hồ sơ")) AppendUtf8(word, cp);
  EXPECT_EQ(word, "Tiếp nhận hồ sơ");
}

TEST(Utf8, DecodesWhatItEncodes) {
  const std::u32string text = U"A\x80đ€ế\xFFFF😀\x10FFFF";
  std::string bytes;
  for (char32_t cp : text) AppendUtf8(bytes, cp);
  EXPECT_EQ(DecodeUtf8(bytes), text);
  EXPECT_EQ(DecodeUtf8("Quế Võ"), U"Quế Võ");
  std::size_t i = 0;
  EXPECT_EQ(NextUtf8("ế!", i), U'ế');
  EXPECT_EQ(i, 3u);
  EXPECT_EQ(NextUtf8("ế!", i), U'!');
  EXPECT_EQ(i, 4u);
}

TEST(Utf8, DecodesBrokenBytesAsReplacementAndMovesOn) {
  EXPECT_EQ(DecodeUtf8("a\x80" "b"), U"a\xFFFD" "b");         // a lone continuation byte
  EXPECT_EQ(DecodeUtf8("a\xFF" "b"), U"a\xFFFD" "b");         // not a lead byte
  EXPECT_EQ(DecodeUtf8("\xE1\xBA" "b"), U"\xFFFD\xFFFD" "b");  // a continuation missing: the lead, then the orphan
  EXPECT_EQ(DecodeUtf8("a\xE1\xBA"), U"a\xFFFD");             // cut off by the end
}

}  // namespace
}  // namespace eiso::core
