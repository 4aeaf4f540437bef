// eiso: the one binary. `eiso serve` runs the web application; the other commands administer it.
#include <cstdio>
#include <iostream>

#include <CLI/CLI.hpp>
#include <sodium.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "app/app.hpp"
#include "app/demo.hpp"
#include "auth/model.hpp"

namespace {

using eiso::app::App;
using eiso::app::Settings;

int Fail(const eiso::Error& error) {
  std::fprintf(stderr, "eiso: %s%s%s%s\n", error.message_key.c_str(),
               error.field.empty() ? "" : (" (" + error.field + ")").c_str(),
               error.detail.empty() ? "" : ": ", error.detail.c_str());
  return 1;
}

std::unique_ptr<App> OpenOrExit(const Settings& settings) {
  auto app = App::Open(settings);
  if (!app.ok()) std::exit(Fail(app.error()));
  return std::move(app).value();
}

// A new password from EISO_NEW_PASSWORD or the first line of standard input, never a flag
// (flags show in `ps` and shell history).
std::string ReadPassword() {
  if (const char* env = std::getenv("EISO_NEW_PASSWORD")) return env;
  std::string line;
  std::getline(std::cin, line);
  return line;
}

}  // namespace

int main(int argc, char** argv) {
  if (sodium_init() < 0) {
    std::fprintf(stderr, "eiso: libsodium failed to initialise\n");
    return 1;
  }
  CLI::App cli{"eISO — Hệ thống quản lý chất lượng điện tử (electronic ISO 9001 for public administration)"};
  cli.require_subcommand(1);
  Settings settings;
  std::string config_path;
  std::string db_flag;
  cli.add_option("--config", config_path, "TOML settings file (also EISO_CONFIG)")->envname("EISO_CONFIG");
  cli.add_option("--db", db_flag, "database: sqlite:PATH or postgresql://user@host:port/db");

  auto* serve = cli.add_subcommand("serve", "Run the web application");
  std::string host, web;
  int port = -1;
  serve->add_option("--host", host, "address to listen on");
  serve->add_option("--port", port, "port (0: any free port)");
  serve->add_option("--web", web, "directory of the built web UI (web/dist)");

  auto* migrate = cli.add_subcommand("migrate", "Apply pending database migrations");
  auto* demo = cli.add_subcommand("demo", "Load the demo province into an empty database");

  auto* user = cli.add_subcommand("user", "Manage users");
  user->require_subcommand(1);
  auto* user_add = user->add_subcommand("add", "Add a user (password from EISO_NEW_PASSWORD or stdin)");
  std::string username, full_name, agency_ref, roles_csv;
  bool province_wide = false;
  user_add->add_option("--username", username)->required();
  user_add->add_option("--name", full_name, "full name")->required();
  user_add->add_option("--agency", agency_ref, "agency id or unit code")->required();
  user_add->add_option("--roles", roles_csv, "comma-separated: administrator,leader,…")->required();
  user_add->add_flag("--province-wide", province_wide, "administrator of the whole province");
  auto* user_passwd = user->add_subcommand("passwd", "Set a user's password (from EISO_NEW_PASSWORD or stdin)");
  user_passwd->add_option("--username", username)->required();

  auto* audit = cli.add_subcommand("audit", "Audit log");
  audit->require_subcommand(1);
  auto* audit_verify = audit->add_subcommand("verify", "Check the hash chain; name the first broken link");

  auto* backup = cli.add_subcommand("backup", "Online backup of a SQLite database");
  std::string backup_to;
  backup->add_option("--to", backup_to, "file to write")->required();

  auto* version = cli.add_subcommand("version", "Print the version");
  auto* config = cli.add_subcommand("config", "Settings");
  config->require_subcommand(1);
  auto* config_show = config->add_subcommand("show", "List every setting with its current value");

  CLI11_PARSE(cli, argc, argv);

  if (*version) {
    std::printf("eiso %s\n", EISO_VERSION);
    return 0;
  }
  if (auto loaded = eiso::app::Load(settings, config_path); !loaded.ok()) return Fail(loaded.error());
  if (!db_flag.empty()) settings.database = db_flag;
  if (!host.empty()) settings.http.host = host;
  if (port >= 0) settings.http.port = static_cast<std::uint16_t>(port);
  if (!web.empty()) settings.http.static_dir = web;
  if (auto valid = eiso::app::Validate(settings); !valid.ok()) return Fail(valid.error());
  // Logs (access log included) go to standard error; standard output carries only what a command
  // prints for its caller, e.g. the URL `serve` listens on.
  spdlog::set_default_logger(spdlog::stderr_color_mt("eiso"));
  spdlog::set_level(spdlog::level::from_str(settings.log_level));

  if (*config_show) {
    for (const auto& f : eiso::app::Fields(settings)) {
      const bool secret = (f.key == "url" && f.get().find('@') != std::string::npos) ||
                          (f.key == "signing_secret" && !f.get().empty());
      std::printf("[%s] %s = %s\n", f.section.c_str(), f.key.c_str(), secret ? "(hidden: contains credentials)" : f.get().c_str());
    }
    return 0;
  }

  auto app = OpenOrExit(settings);
  if (*migrate) {
    for (const auto& name : app->applied_migrations()) std::printf("applied %s\n", name.c_str());
    std::printf("database is up to date\n");
    return 0;
  }
  if (*demo) {
    auto report = eiso::app::LoadDemo(*app);
    if (!report.ok()) return Fail(report.error());
    if (report->already_loaded) {
      std::printf("The database already holds %lld agencies; the demo was not loaded again.\n",
                  static_cast<long long>(report->agencies));
      return 0;
    }
    std::printf("Demo province loaded: %lld agencies, %zu users. Password for every demo user: %s\n",
                static_cast<long long>(report->agencies), report->logins.size(), eiso::app::kDemoPassword);
    for (const auto& login : report->logins)
      std::printf("  %-18s %-28s %-16s %s\n", login.username.c_str(), login.full_name.c_str(),
                  login.roles.c_str(), login.agency.c_str());
    return 0;
  }
  if (*user_add) {
    std::vector<std::string> names;
    for (std::size_t start = 0; start <= roles_csv.size();) {
      const std::size_t comma = roles_csv.find(',', start);
      names.push_back(roles_csv.substr(start, comma - start));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    auto roles = eiso::auth::ParseRoles(names);
    if (!roles || *roles == 0) return Fail(eiso::Error::Invalid("auth.bad_role", "roles"));
    const std::string password = ReadPassword();
    if (auto ok = app->auth().CheckPassword(password, username, "password"); !ok.ok()) return Fail(ok.error());
    const std::string hash = app->auth().Hash(password);
    auto added = app->db().Write([&](eiso::db::Tx& tx) -> eiso::Result<eiso::UserId> {
      std::optional<eiso::org::Agency> agency = app->org().FindByUnitCode(tx, agency_ref);
      if (!agency && agency_ref.find_first_not_of("0123456789") == std::string::npos && !agency_ref.empty())
        agency = app->org().Find(tx, std::stoll(agency_ref));
      if (!agency) return eiso::Error::Invalid("auth.agency_not_found", "agency");
      eiso::auth::UserInput in;
      in.agency_id = agency->id;
      in.username = username;
      in.full_name = full_name;
      in.roles = *roles;
      in.province_wide = province_wide;
      return app->auth().AddUser(tx, eiso::Actor{}, in, hash);
    });
    if (!added.ok()) return Fail(added.error());
    std::printf("user %s added (id %lld)\n", username.c_str(), static_cast<long long>(added.value()));
    return 0;
  }
  if (*user_passwd) {
    if (auto done = app->auth().SetPassword(username, ReadPassword()); !done.ok()) return Fail(done.error());
    std::printf("password of %s changed; their sessions have ended\n", username.c_str());
    return 0;
  }
  if (*audit_verify) {
    auto report = app->audit().Verify(app->db());
    if (!report.ok()) return Fail(report.error());
    if (report->first_broken_id) {
      std::printf("BROKEN: audit event %lld: %s (%lld events before it are intact)\n",
                  static_cast<long long>(*report->first_broken_id), report->reason.c_str(),
                  static_cast<long long>(report->events_checked));
      return 2;
    }
    std::printf("OK: %lld audit events, chain intact; head %s\n", static_cast<long long>(report->events_checked),
                report->head_hash.c_str());
    return 0;
  }
  if (*backup) {
    if (auto done = app->db().Backup(backup_to); !done.ok()) return Fail(done.error());
    std::printf("backup written to %s\n", backup_to.c_str());
    return 0;
  }
  if (*serve) {
    if (auto served = app->Serve(); !served.ok()) return Fail(served.error());
    return 0;
  }
  return 0;
}
