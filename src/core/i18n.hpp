// Localized user-visible messages (Vietnamese first, English second), keyed like "org.name_required".
// Each module exposes its table (module::Messages()); the app adds them all to one catalog that the
// HTTP layer uses to localize errors.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

namespace eiso::core {

enum class Lang { kVi, kEn };

struct Message {
  std::string_view key;
  std::string_view vi;
  std::string_view en;
};

class MessageCatalog {
 public:
  void Add(std::span<const Message> messages);
  // The message in `lang`; an unknown key is returned as is (and shows up in tests).
  std::string Localize(std::string_view key, Lang lang) const;
  bool Has(std::string_view key) const { return messages_.count(std::string(key)) != 0; }

 private:
  std::unordered_map<std::string, Message> messages_;
};

// "en", "en-US,en;q=0.9" → kEn; anything else (including empty) → kVi.
Lang LangFromAcceptLanguage(std::string_view header);

// Messages shared by every module (common.*).
std::span<const Message> CommonMessages();

}  // namespace eiso::core
