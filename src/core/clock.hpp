// Time in eISO: UTC instants as milliseconds since the Unix epoch. Services take a Clock so that
// tests can freeze and move time.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

namespace eiso::core {

using Millis = std::int64_t;  // UTC instant, ms since 1970-01-01T00:00:00Z

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Millis Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Millis Now() const override;
};

class FakeClock final : public Clock {
 public:
  explicit FakeClock(Millis start) : now_(start) {}
  Millis Now() const override { return now_.load(); }
  void Advance(Millis ms) { now_ += ms; }
  void Set(Millis ms) { now_ = ms; }

 private:
  std::atomic<Millis> now_;
};

// "2026-11-24T22:27:29.123Z"
std::string FormatIso8601(Millis instant);
// Parses "YYYY-MM-DD" (midnight UTC) or "YYYY-MM-DDTHH:MM[:SS[.mmm]]Z"; false on anything else.
bool ParseIso8601(const std::string& text, Millis& out);

}  // namespace eiso::core
