// Every setting of eiso in one place: defaults here, then eiso.toml ([section] key = value),
// then EISO_<SECTION>_<KEY> environment variables, then command-line flags. `eiso config show`
// lists them all with their current values.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "auth/model.hpp"
#include "documents/service.hpp"
#include "core/result.hpp"
#include "http/server.hpp"

namespace eiso::app {

struct Settings {
  std::string database = "sqlite:var/eiso.db";  // [db] url; or postgresql://user@host:port/db
  int db_pool_size = 8;                         // [db] pool_size
  std::string log_level = "info";               // [log] level: trace, debug, info, warn, error
  std::string password_cost = "interactive";    // [auth] password_cost: interactive | moderate | minimum
  // [server] public_url: the address citizens reach eISO at, put in the lookup QR code of printed
  // forms (<public_url>/tra-cuu?so=…); empty: http://<http.host>:<port listened on>.
  std::string public_url;
  // [http] public_rate_per_second / public_burst: the token bucket per client address on the
  // public endpoints (portal lookups, procedure pages), per eiso process.
  int public_rate_per_second = 5;
  int public_burst = 30;
  http::Settings http;
  auth::Settings auth;
  documents::Settings documents;
};

// One named setting, readable and writable as text, for the file, the environment and `config show`.
struct SettingField {
  std::string section;
  std::string key;
  std::function<std::string()> get;
  std::function<bool(const std::string&)> set;  // false: not a valid value
};
std::vector<SettingField> Fields(Settings& settings);

// Reads the TOML file (if path is not empty) and then the environment into settings.
// kInvalidInput "config.bad_file" / "config.bad_value" with the offending key in `field`.
Status Load(Settings& settings, const std::string& toml_path);
// [server] public_url, or the address derived from [http] host and `port` when it is empty.
std::string PublicUrl(const Settings& settings, unsigned port);
// Values that parse but mean nothing (an unknown log level or password cost): kInvalidInput.
Status Validate(const Settings& settings);

}  // namespace eiso::app
