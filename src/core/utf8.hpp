// UTF-8 one code point at a time: the encoder and decoder that documents' folding and the
// printable forms share.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace eiso::core {

// Appends cp to out as 1–4 UTF-8 bytes (no check that cp is a scalar value).
void AppendUtf8(std::string& out, char32_t cp);

// Decodes the code point at s[i] and moves i past it. A byte that cannot start a sequence, a
// missing continuation byte or a sequence cut off by the end decodes as U+FFFD; i always moves on.
char32_t NextUtf8(std::string_view s, std::size_t& i);

// Every code point of s, as NextUtf8 reads them.
std::u32string DecodeUtf8(std::string_view s);

}  // namespace eiso::core
