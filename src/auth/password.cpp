#include "auth/password.hpp"

#include <stdexcept>

#include <sodium.h>

namespace eiso::auth {
namespace {

void Limits(HashCost cost, unsigned long long& ops, std::size_t& mem) {
  switch (cost) {
    case HashCost::kInteractive:
      ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
      mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;
      return;
    case HashCost::kModerate:
      ops = crypto_pwhash_OPSLIMIT_MODERATE;
      mem = crypto_pwhash_MEMLIMIT_MODERATE;
      return;
    case HashCost::kMinimum:
      ops = crypto_pwhash_OPSLIMIT_MIN;
      mem = crypto_pwhash_MEMLIMIT_MIN;
      return;
  }
}

}  // namespace

std::string HashPassword(const std::string& password, HashCost cost) {
  unsigned long long ops = 0;
  std::size_t mem = 0;
  Limits(cost, ops, mem);
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops, mem,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw std::runtime_error("argon2id: out of memory");
  return out;
}

bool VerifyPassword(const std::string& stored_hash, const std::string& password) {
  return crypto_pwhash_str_verify(stored_hash.c_str(), password.data(), password.size()) == 0;
}

bool NeedsRehash(const std::string& stored_hash, HashCost cost) {
  unsigned long long ops = 0;
  std::size_t mem = 0;
  Limits(cost, ops, mem);
  return crypto_pwhash_str_needs_rehash(stored_hash.c_str(), ops, mem) != 0;
}

}  // namespace eiso::auth
