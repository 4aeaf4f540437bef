// Test support: a fresh in-memory SQLite database with the given modules' migrations applied.
#pragma once

#include <memory>
#include <vector>

#include <gtest/gtest.h>

#include "db/database.hpp"

namespace eiso::testing {

inline std::unique_ptr<db::Database> FreshDatabase(
    std::initializer_list<const std::vector<db::Migration>*> migration_sets) {
  auto db = db::Database::Open("sqlite::memory:");
  EXPECT_TRUE(db.ok());
  std::vector<db::Migration> all;
  for (const auto* set : migration_sets) all.insert(all.end(), set->begin(), set->end());
  auto applied = (*db)->Migrate(all);
  EXPECT_TRUE(applied.ok()) << (applied.ok() ? "" : applied.error().detail);
  return std::move(db).value();
}

}  // namespace eiso::testing
