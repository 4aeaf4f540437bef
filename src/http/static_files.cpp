#include "http/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <sodium.h>

namespace eiso::http {
namespace {

std::string ContentType(const std::filesystem::path& p) {
  const std::string ext = p.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".woff") return "font/woff";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  if (ext == ".map") return "application/json";
  return "application/octet-stream";
}

std::string Etag(const std::string& body) {
  unsigned char hash[16];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(body.data()),
                     body.size(), nullptr, 0);
  char hex[33];
  sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
  return std::string("\"") + hex + "\"";
}

}  // namespace

void StaticFiles::Load(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (dir.empty() || !fs::is_directory(dir, ec)) return;
  for (const auto& entry : fs::recursive_directory_iterator(dir, ec)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream body;
    body << in.rdbuf();
    File file;
    file.body = body.str();
    file.content_type = ContentType(entry.path());
    file.etag = Etag(file.body);
    const std::string rel = "/" + fs::relative(entry.path(), dir).generic_string();
    file.immutable = rel.rfind("/assets/", 0) == 0;  // Vite puts content-hashed names there
    files_.emplace(rel, std::move(file));
  }
}

Reply StaticFiles::Send(const File& file, const Request& request) const {
  Reply reply;
  reply.headers.emplace_back("etag", file.etag);
  reply.headers.emplace_back("cache-control",
                             file.immutable ? "public, max-age=31536000, immutable" : "no-cache");
  if (request.Header("if-none-match") == file.etag) {
    reply.status = 304;
    reply.content_type.clear();
    return reply;
  }
  reply.content_type = file.content_type;
  reply.body = file.body;
  return reply;
}

Reply StaticFiles::Serve(const Request& request) const {
  const std::string path = request.path == "/" ? "/index.html" : request.path;
  if (auto it = files_.find(path); it != files_.end()) return Send(it->second, request);
  const std::size_t slash = path.rfind('/');
  const bool has_extension = path.find('.', slash) != std::string::npos;
  auto index = files_.find("/index.html");
  if (!has_extension && index != files_.end()) return Send(index->second, request);
  Reply missing;
  missing.status = 404;
  missing.content_type = "text/plain; charset=utf-8";
  missing.body = "Not found\n";
  return missing;
}

}  // namespace eiso::http
