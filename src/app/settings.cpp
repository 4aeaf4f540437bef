#include "app/settings.hpp"

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <toml++/toml.h>

namespace eiso::app {
namespace {

SettingField Text(std::string section, std::string key, std::string& value) {
  return {std::move(section), std::move(key), [&value] { return value; },
          [&value](const std::string& v) { value = v; return true; }};
}

// A non-negative integer setting, refused when out of the type's range (a port above 65535…).
template <class Int>
SettingField Number(std::string section, std::string key, Int& value) {
  return {std::move(section), std::move(key), [&value] { return std::to_string(value); },
          [&value](const std::string& v) {
            try {
              std::size_t used = 0;
              const long long parsed = std::stoll(v, &used);
              if (used != v.size() || parsed < 0 ||
                  static_cast<unsigned long long>(parsed) > std::numeric_limits<Int>::max())
                return false;
              value = static_cast<Int>(parsed);
              return true;
            } catch (const std::exception&) {
              return false;
            }
          }};
}

SettingField Flag(std::string section, std::string key, bool& value) {
  return {std::move(section), std::move(key), [&value] { return std::string(value ? "true" : "false"); },
          [&value](const std::string& v) {
            if (v == "true" || v == "1") value = true;
            else if (v == "false" || v == "0") value = false;
            else return false;
            return true;
          }};
}

std::string EnvName(const SettingField& f) {
  std::string name = "EISO_" + f.section + "_" + f.key;
  for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return name;
}

}  // namespace

std::vector<SettingField> Fields(Settings& s) {
  return {
      Text("db", "url", s.database),
      Number("db", "pool_size", s.db_pool_size),
      Text("log", "level", s.log_level),
      Text("http", "host", s.http.host),
      Number("http", "port", s.http.port),
      Number("http", "io_threads", s.http.io_threads),
      Number("http", "worker_threads", s.http.worker_threads),
      Number("http", "read_threads", s.http.read_threads),
      Number("http", "max_body_bytes", s.http.max_body_bytes),
      Number("http", "max_header_bytes", s.http.max_header_bytes),
      Number("http", "read_timeout_seconds", s.http.read_timeout_seconds),
      Number("http", "idle_timeout_seconds", s.http.idle_timeout_seconds),
      Number("http", "shutdown_grace_seconds", s.http.shutdown_grace_seconds),
      Text("http", "static_dir", s.http.static_dir),
      Flag("http", "trust_proxy", s.http.trust_proxy),
      Flag("http", "access_log", s.http.access_log),
      Number("http", "public_rate_per_second", s.public_rate_per_second),
      Number("http", "public_burst", s.public_burst),
      Text("server", "public_url", s.public_url),
      Text("auth", "password_cost", s.password_cost),
      Number("auth", "session_idle_minutes", s.auth.session_idle_minutes),
      Number("auth", "session_max_hours", s.auth.session_max_hours),
      Number("auth", "max_failed_logins", s.auth.max_failed_logins),
      Number("auth", "lockout_minutes", s.auth.lockout_minutes),
      Number("auth", "ip_attempts_per_window", s.auth.ip_attempts_per_window),
      Number("auth", "ip_window_minutes", s.auth.ip_window_minutes),
      Number("auth", "min_password_length", s.auth.min_password_length),
      Flag("auth", "cookie_secure", s.auth.cookie_secure),
      Number("auth", "session_cache_seconds", s.auth.session_cache_seconds),
      Text("documents", "signing_secret", s.documents.signing_secret),
      Text("documents", "files_dir", s.documents.files_dir),
      Number("documents", "max_upload_bytes", s.documents.max_upload_bytes),
  };
}

Status Validate(const Settings& s) {
  static const char* const kLevels[] = {"trace", "debug", "info", "warn", "error", "critical", "off"};
  if (std::find(std::begin(kLevels), std::end(kLevels), s.log_level) == std::end(kLevels))
    return Error::Invalid("config.bad_value", "log.level");
  if (s.password_cost != "interactive" && s.password_cost != "moderate" && s.password_cost != "minimum")
    return Error::Invalid("config.bad_value", "auth.password_cost");
  if (s.db_pool_size < 1) return Error::Invalid("config.bad_value", "db.pool_size");
  if (s.public_rate_per_second < 1) return Error::Invalid("config.bad_value", "http.public_rate_per_second");
  if (s.public_burst < 1) return Error::Invalid("config.bad_value", "http.public_burst");
  if (!s.public_url.empty() && s.public_url.rfind("http://", 0) != 0 && s.public_url.rfind("https://", 0) != 0)
    return Error::Invalid("config.bad_value", "server.public_url");
  return Ok();
}

std::string PublicUrl(const Settings& s, unsigned port) {
  if (!s.public_url.empty()) return s.public_url;
  const bool v6 = s.http.host.find(':') != std::string::npos;
  return "http://" + (v6 ? "[" + s.http.host + "]" : s.http.host) + ":" + std::to_string(port);
}

Status Load(Settings& settings, const std::string& toml_path) {
  std::vector<SettingField> fields = Fields(settings);
  if (!toml_path.empty()) {
    toml::table table;
    try {
      table = toml::parse_file(toml_path);
    } catch (const toml::parse_error& e) {
      Error error = Error::Invalid("config.bad_file", toml_path);
      error.detail = std::string(e.description());
      return error;
    }
    for (SettingField& f : fields) {
      const toml::node* node = table[f.section][f.key].node();
      if (!node) continue;
      std::string text;
      if (auto v = node->value<std::string>()) text = *v;
      else if (auto i = node->value<std::int64_t>()) text = std::to_string(*i);
      else if (auto b = node->value<bool>()) text = *b ? "true" : "false";
      if (!f.set(text)) return Error::Invalid("config.bad_value", f.section + "." + f.key);
    }
  }
  for (SettingField& f : fields) {
    if (const char* env = std::getenv(EnvName(f).c_str()))
      if (!f.set(env)) return Error::Invalid("config.bad_value", EnvName(f));
  }
  return Validate(settings);
}

}  // namespace eiso::app
