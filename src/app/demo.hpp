// The demo province: Bắc Ninh's agencies as they stood in 2024 (data/demo/agencies.csv, embedded
// at build time) and demo users for every role. All demo users share one password, printed by
// `eiso demo`; real users are created by an administrator or `eiso user add`.
#pragma once

#include <string>
#include <vector>

#include "app/app.hpp"

namespace eiso::app {

inline constexpr const char* kDemoPassword = "eiso-demo-2026";

struct DemoLogin {
  std::string username;
  std::string full_name;
  std::string agency;
  std::string roles;
};

struct DemoReport {
  bool already_loaded = false;
  std::int64_t agencies = 0;
  std::int64_t procedures = 0;   // each with its issued process
  std::vector<DemoLogin> logins;
};

struct DemoOptions {
  // A whole province's catalog instead of one sample unit per level: the procedures whose process
  // belongs to the sample commune (x-09163) or district (h-256) become competent at every commune
  // or every district, each with its own QMS and issued process (bench/province_year).
  bool all_units = false;
};

// Loads the demo province into an empty database in one transaction; does nothing (and says so)
// when agencies already exist.
Result<DemoReport> LoadDemo(App& app, const DemoOptions& options = {});

}  // namespace eiso::app
