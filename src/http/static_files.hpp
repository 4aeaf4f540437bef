// The built web UI, read once at start into memory (a few hundred KiB): hashed assets are served
// as immutable for a year, everything else must revalidate (ETag); unknown paths without a file
// extension get index.html so that client-side routes survive a reload.
#pragma once

#include <string>
#include <unordered_map>

#include "http/message.hpp"

namespace eiso::http {

class StaticFiles {
 public:
  // Loads every file under dir; a missing dir leaves the set empty (API only).
  void Load(const std::string& dir);
  bool empty() const { return files_.empty(); }
  // The reply for a GET of path, or nullptr-like 404 (status 404) if none.
  Reply Serve(const Request& request) const;

 private:
  struct File {
    std::string body;
    std::string content_type;
    std::string etag;
    bool immutable = false;
  };
  Reply Send(const File& file, const Request& request) const;
  std::unordered_map<std::string, File> files_;
};

}  // namespace eiso::http
