#include "documents/files.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <unistd.h>

namespace eiso::documents {
namespace {

namespace fs = std::filesystem;

class DatabaseFiles final : public FileStore {
 public:
  Status Put(db::Tx& tx, const std::string& sha256, const std::string& bytes) const override {
    tx.Exec("INSERT INTO file_blobs (sha256, bytes) VALUES (?, ?) ON CONFLICT (sha256) DO NOTHING",
            {sha256, db::Blob{bytes}});
    return Ok();
  }
  Result<std::string> Get(db::Tx& tx, const std::string& sha256) const override {
    auto row = tx.QueryOne("SELECT bytes FROM file_blobs WHERE sha256 = ?", {sha256});
    if (!row) return Error::NotFound("documents.file_not_found");
    return row->Bytes(0).bytes;
  }
};

class DiskFiles final : public FileStore {
 public:
  explicit DiskFiles(fs::path root) : root_(std::move(root)) {}

  Status Put(db::Tx&, const std::string& sha256, const std::string& bytes) const override {
    const fs::path target = PathOf(sha256);
    std::error_code ec;
    if (fs::exists(target, ec)) return Ok();
    fs::create_directories(target.parent_path(), ec);
    if (ec) return Error::Unavailable("cannot create " + target.parent_path().string() + ": " + ec.message());
    const fs::path temp = target.string() + ".tmp" + std::to_string(::getpid());
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0640);
    if (fd < 0) return Error::Unavailable("cannot write " + temp.string());
    std::size_t written = 0;
    while (written < bytes.size()) {
      const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
      if (n <= 0) {
        ::close(fd);
        fs::remove(temp, ec);
        return Error::Unavailable("cannot write " + temp.string());
      }
      written += static_cast<std::size_t>(n);
    }
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    if (!synced) return Error::Unavailable("cannot sync " + temp.string());
    fs::rename(temp, target, ec);
    if (ec) return Error::Unavailable("cannot rename to " + target.string() + ": " + ec.message());
    return Ok();
  }

  Result<std::string> Get(db::Tx&, const std::string& sha256) const override {
    std::ifstream in(PathOf(sha256), std::ios::binary);
    if (!in) return Error::NotFound("documents.file_not_found");
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
  }

 private:
  fs::path PathOf(const std::string& sha256) const { return root_ / sha256.substr(0, 2) / sha256.substr(2); }
  fs::path root_;
};

bool EndsWith(std::string name, std::string_view suffix) {
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  return name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

std::unique_ptr<FileStore> MakeFileStore(const std::string& directory) {
  if (directory.empty()) return std::make_unique<DatabaseFiles>();
  return std::make_unique<DiskFiles>(directory);
}

std::optional<std::string> DetectContentType(const std::string& bytes, const std::string& filename) {
  auto starts = [&](std::string_view magic) { return bytes.compare(0, magic.size(), magic) == 0; };
  if (starts("%PDF-")) return "application/pdf";
  if (starts("\x89PNG\r\n\x1a\n")) return "image/png";
  if (starts("\xFF\xD8\xFF")) return "image/jpeg";
  if (starts(std::string_view("PK\x03\x04", 4))) {
    if (EndsWith(filename, ".docx"))
      return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    if (EndsWith(filename, ".xlsx"))
      return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  }
  return std::nullopt;
}

}  // namespace eiso::documents
