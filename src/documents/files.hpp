// Where attachment bytes live, addressed by their SHA-256: files under a directory for SQLite
// (<dir>/ab/cdef…, written to a temporary name and renamed, so a crash never leaves half a file),
// or the file_blobs table for PostgreSQL (and in-memory test databases). Storing the same bytes
// twice is a no-op. A file whose transaction rolled back stays on disk unreferenced: harmless.
#pragma once

#include <memory>
#include <string>

#include "core/result.hpp"
#include "db/database.hpp"

namespace eiso::documents {

class FileStore {
 public:
  virtual ~FileStore() = default;
  virtual Status Put(db::Tx& tx, const std::string& sha256, const std::string& bytes) const = 0;
  virtual Result<std::string> Get(db::Tx& tx, const std::string& sha256) const = 0;
};

// An empty directory: the database.
std::unique_ptr<FileStore> MakeFileStore(const std::string& directory);

// Detects an allowed type from the magic bytes and the file name: application/pdf, DOCX, XLSX
// (a zip with the right extension), image/png, image/jpeg; nullopt otherwise.
std::optional<std::string> DetectContentType(const std::string& bytes, const std::string& filename);

}  // namespace eiso::documents
