#include "documents/signing.hpp"

#include <algorithm>

#include <sodium.h>

namespace eiso::documents {
namespace {

std::string Hex(const unsigned char* data, std::size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, size);
  out.pop_back();
  return out;
}

std::optional<std::string> Unhex(std::string_view hex) {
  std::string out(hex.size() / 2, '\0');
  std::size_t len = 0;
  if (sodium_hex2bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), hex.data(), hex.size(),
                     nullptr, &len, nullptr) != 0 || len != out.size())
    return std::nullopt;
  return out;
}

const unsigned char* U(const std::string& s) { return reinterpret_cast<const unsigned char*>(s.data()); }

void Field(std::string& out, std::string_view value) {
  out += std::to_string(value.size());
  out += ':';
  out += value;
  out += '\n';
}

}  // namespace

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  return Hex(digest, sizeof digest);
}

std::string ContentHash(const CanonicalInput& in) {
  std::vector<std::string> hashes = in.attachment_hashes;
  std::sort(hashes.begin(), hashes.end());
  std::string canonical;
  Field(canonical, "eiso-document-version-v1");
  Field(canonical, in.code);
  Field(canonical, std::to_string(in.number));
  Field(canonical, in.title);
  Field(canonical, in.content);
  Field(canonical, std::to_string(hashes.size()));
  for (const std::string& h : hashes) Field(canonical, h);
  Field(canonical, in.effective_date);
  return Sha256Hex(canonical);
}

std::string SignedMessage(std::string_view content_hash, std::string_view meaning, std::int64_t signer_id,
                          core::Millis at) {
  std::string message;
  Field(message, "eiso-document-signature-v1");
  Field(message, content_hash);
  Field(message, meaning);
  Field(message, std::to_string(signer_id));
  Field(message, core::FormatIso8601(at));
  return message;
}

Signer::Signer(std::string secret) {
  if (secret.empty()) return;
  const std::string tagged = "eiso-documents-signing-key-v1:" + secret;
  crypto_generichash(key_, sizeof key_, U(tagged), tagged.size(), nullptr, 0);
  sodium_memzero(secret.data(), secret.size());
  ready_ = true;
}

Result<KeyPair> Signer::NewKeyPair() const {
  if (!ready_) return Error{ErrorCode::kUnavailable, "documents.signing_secret_missing", {}, "no signing secret"};
  unsigned char pk[crypto_sign_PUBLICKEYBYTES];
  unsigned char sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_keypair(pk, sk);
  unsigned char nonce[crypto_secretbox_NONCEBYTES];
  randombytes_buf(nonce, sizeof nonce);
  unsigned char sealed[crypto_secretbox_MACBYTES + sizeof sk];
  crypto_secretbox_easy(sealed, sk, sizeof sk, nonce, key_);
  sodium_memzero(sk, sizeof sk);
  return KeyPair{Hex(pk, sizeof pk), Hex(sealed, sizeof sealed), Hex(nonce, sizeof nonce)};
}

Result<std::string> Signer::Sign(const KeyPair& key, std::string_view message) const {
  if (!ready_) return Error{ErrorCode::kUnavailable, "documents.signing_secret_missing", {}, "no signing secret"};
  auto sealed = Unhex(key.sealed_private_key);
  auto nonce = Unhex(key.nonce);
  if (!sealed || !nonce || nonce->size() != crypto_secretbox_NONCEBYTES ||
      sealed->size() != crypto_secretbox_MACBYTES + crypto_sign_SECRETKEYBYTES)
    return Error{ErrorCode::kUnavailable, "documents.signing_key_unusable", {}, "malformed sealed key"};
  unsigned char sk[crypto_sign_SECRETKEYBYTES];
  if (crypto_secretbox_open_easy(sk, U(*sealed), sealed->size(), U(*nonce), key_) != 0)
    return Error{ErrorCode::kUnavailable, "documents.signing_key_unusable", {}, "the signing secret changed"};
  unsigned char sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(message.data()), message.size(), sk);
  sodium_memzero(sk, sizeof sk);
  return Hex(sig, sizeof sig);
}

bool Signer::Verify(std::string_view public_key_hex, std::string_view message, std::string_view signature_hex) {
  auto pk = Unhex(public_key_hex);
  auto sig = Unhex(signature_hex);
  if (!pk || !sig || pk->size() != crypto_sign_PUBLICKEYBYTES || sig->size() != crypto_sign_BYTES) return false;
  return crypto_sign_verify_detached(U(*sig), reinterpret_cast<const unsigned char*>(message.data()),
                                     message.size(), U(*pk)) == 0;
}

}  // namespace eiso::documents
