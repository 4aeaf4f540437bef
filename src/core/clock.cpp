#include "core/clock.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace eiso::core {

Millis SystemClock::Now() const {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string FormatIso8601(Millis instant) {
  std::time_t secs = static_cast<std::time_t>(instant / 1000);
  int ms = static_cast<int>(instant % 1000);
  if (ms < 0) { ms += 1000; secs -= 1; }
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
  return buf;
}

bool ParseIso8601(const std::string& text, Millis& out) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, ms = 0;
  int n = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10) return false;
  if (text.size() > 10) {
    int m2 = 0;
    if (std::sscanf(text.c_str() + 10, "T%2d:%2d%n", &h, &mi, &m2) != 2) return false;
    std::size_t pos = 10 + static_cast<std::size_t>(m2);
    if (pos < text.size() && text[pos] == ':') {
      int m3 = 0;
      if (std::sscanf(text.c_str() + pos, ":%2d%n", &s, &m3) != 1) return false;
      pos += static_cast<std::size_t>(m3);
      if (pos < text.size() && text[pos] == '.') {
        int m4 = 0;
        if (std::sscanf(text.c_str() + pos, ".%3d%n", &ms, &m4) != 1) return false;
        pos += static_cast<std::size_t>(m4);
      }
    }
    if (pos + 1 != text.size() || text[pos] != 'Z') return false;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return false;
  std::tm tm{};
  tm.tm_year = y - 1900; tm.tm_mon = mo - 1; tm.tm_mday = d;
  tm.tm_hour = h; tm.tm_min = mi; tm.tm_sec = s;
  const std::time_t t = timegm(&tm);
  std::tm back{};
  gmtime_r(&t, &back);
  if (back.tm_mday != d || back.tm_mon != mo - 1) return false;  // 31/02 and the like
  out = static_cast<Millis>(t) * 1000 + ms;
  return true;
}

}  // namespace eiso::core
