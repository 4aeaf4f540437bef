// Electronic signatures of approved versions: Ed25519 (libsodium crypto_sign) over the SHA-256 of
// a canonical serialization of the version, with the meaning, the signer and the time. Each
// approver's private key is sealed with crypto_secretbox under a key derived from the server
// secret, so a copy of the database alone cannot sign.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace eiso::documents {

std::string Sha256Hex(std::string_view bytes);

struct CanonicalInput {
  std::string code;
  int number = 0;
  std::string title;
  std::string content;
  std::vector<std::string> attachment_hashes;   // any order; sorted inside
  std::string effective_date;                   // "" when none
};
// Hex SHA-256 of the length-prefixed fields: any changed byte changes it.
std::string ContentHash(const CanonicalInput& input);
// The exact bytes signed: domain tag, content hash, meaning, signer, time.
std::string SignedMessage(std::string_view content_hash, std::string_view meaning, std::int64_t signer_id,
                          core::Millis at);

struct KeyPair {
  std::string public_key;          // hex
  std::string sealed_private_key;  // hex
  std::string nonce;               // hex
};

class Signer {
 public:
  // An empty secret: every Sign fails with kUnavailable "documents.signing_secret_missing".
  explicit Signer(std::string secret);
  bool ready() const { return ready_; }
  Result<KeyPair> NewKeyPair() const;
  // Hex signature; kUnavailable when the sealed key cannot be opened (the secret changed).
  Result<std::string> Sign(const KeyPair& key, std::string_view message) const;
  static bool Verify(std::string_view public_key_hex, std::string_view message, std::string_view signature_hex);

 private:
  unsigned char key_[32] = {};
  bool ready_ = false;
};

}  // namespace eiso::documents
