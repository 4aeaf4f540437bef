// Password hashing with argon2id (libsodium crypto_pwhash_str): the stored string carries its own
// salt and cost, so raising the cost later re-hashes users at their next login.
#pragma once

#include <string>

namespace eiso::auth {

enum class HashCost {
  kInteractive,  // libsodium's interactive limits (64 MiB, 2 passes): the production default
  kModerate,     // 256 MiB, 3 passes
  kMinimum,      // for unit tests only
};

// Throws std::runtime_error if the system cannot allocate the memory the cost asks for.
std::string HashPassword(const std::string& password, HashCost cost);
bool VerifyPassword(const std::string& stored_hash, const std::string& password);
bool NeedsRehash(const std::string& stored_hash, HashCost cost);

}  // namespace eiso::auth
