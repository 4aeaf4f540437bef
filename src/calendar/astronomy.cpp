#include "calendar/astronomy.hpp"

#include <array>
#include <cmath>
#include <numbers>

namespace eiso::calendar::astronomy {
namespace {

constexpr double kRad = std::numbers::pi / 180.0;

double SinDeg(double degrees) { return std::sin(std::fmod(degrees, 360.0) * kRad); }

double Normalize360(double degrees) {
  const double r = std::fmod(degrees, 360.0);
  return r < 0 ? r + 360.0 : r;
}

// Julian ephemeris day (TT) of the true new moon `k`: Meeus (49.1) plus the corrections of
// table 49.A for a new moon and the 14 additional planetary arguments.
double NewMoonJde(int k_int) {
  const double k = k_int;
  const double t = k / 1236.85;
  const double t2 = t * t, t3 = t2 * t, t4 = t3 * t;
  const double jde =
      2451550.09766 + 29.530588861 * k + 0.00015437 * t2 - 0.000000150 * t3 + 0.00000000073 * t4;
  const double e = 1.0 - 0.002516 * t - 0.0000074 * t2;
  const double m = 2.5534 + 29.10535670 * k - 0.0000014 * t2 - 0.00000011 * t3;
  const double mp =
      201.5643 + 385.81693528 * k + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4;
  const double f =
      160.7108 + 390.67050284 * k - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4;
  const double omega = 124.7746 - 1.56375588 * k + 0.0020672 * t2 + 0.00000215 * t3;

  double c =
      -0.40720 * SinDeg(mp) + 0.17241 * e * SinDeg(m) + 0.01608 * SinDeg(2 * mp) +
      0.01039 * SinDeg(2 * f) + 0.00739 * e * SinDeg(mp - m) - 0.00514 * e * SinDeg(mp + m) +
      0.00208 * e * e * SinDeg(2 * m) - 0.00111 * SinDeg(mp - 2 * f) -
      0.00057 * SinDeg(mp + 2 * f) + 0.00056 * e * SinDeg(2 * mp + m) - 0.00042 * SinDeg(3 * mp) +
      0.00042 * e * SinDeg(m + 2 * f) + 0.00038 * e * SinDeg(m - 2 * f) -
      0.00024 * e * SinDeg(2 * mp - m) - 0.00017 * SinDeg(omega) - 0.00007 * SinDeg(mp + 2 * m) +
      0.00004 * SinDeg(2 * mp - 2 * f) + 0.00004 * SinDeg(3 * m) +
      0.00003 * SinDeg(mp + m - 2 * f) + 0.00003 * SinDeg(2 * mp + 2 * f) -
      0.00003 * SinDeg(mp + m + 2 * f) + 0.00003 * SinDeg(mp - m + 2 * f) -
      0.00002 * SinDeg(mp - m - 2 * f) - 0.00002 * SinDeg(3 * mp + m) + 0.00002 * SinDeg(4 * mp);

  struct Planetary {
    double base, rate, coefficient;
  };
  static constexpr std::array<Planetary, 13> kArguments{{
      {251.88, 0.016321, 0.000165},
      {251.83, 26.651886, 0.000164},
      {349.42, 36.412478, 0.000126},
      {84.66, 18.206239, 0.000110},
      {141.74, 53.303771, 0.000062},
      {207.14, 2.453732, 0.000060},
      {154.84, 7.306860, 0.000056},
      {34.52, 27.261239, 0.000047},
      {207.19, 0.121824, 0.000042},
      {291.34, 1.844379, 0.000040},
      {161.72, 24.198154, 0.000037},
      {239.56, 25.513099, 0.000035},
      {331.55, 3.592518, 0.000023},
  }};
  c += 0.000325 * SinDeg(299.77 + 0.107408 * k - 0.009173 * t2);  // A1 has a T² term
  for (const Planetary& a : kArguments) c += a.coefficient * SinDeg(a.base + a.rate * k);
  return jde + c;
}

}  // namespace

double DeltaTSeconds(double year) {
  if (year < 1920) {
    const double t = year - 1900;
    return -2.79 + 1.494119 * t - 0.0598939 * t * t + 0.0061966 * t * t * t -
           0.000197 * t * t * t * t;
  }
  if (year < 1941) {
    const double t = year - 1920;
    return 21.20 + 0.84493 * t - 0.076100 * t * t + 0.0020936 * t * t * t;
  }
  if (year < 1961) {
    const double t = year - 1950;
    return 29.07 + 0.407 * t - t * t / 233 + t * t * t / 2547;
  }
  if (year < 1986) {
    const double t = year - 1975;
    return 45.45 + 1.067 * t - t * t / 260 - t * t * t / 718;
  }
  if (year < 2005) {
    const double t = year - 2000;
    return 63.86 + 0.3345 * t - 0.060374 * t * t + 0.0017275 * t * t * t +
           0.000651814 * t * t * t * t + 0.00002373599 * t * t * t * t * t;
  }
  if (year < 2050) {
    const double t = year - 2000;
    return 62.92 + 0.32217 * t + 0.005589 * t * t;
  }
  const double u = (year - 1820) / 100;
  return -20 + 32 * u * u - 0.5628 * (2150 - year);
}

double NewMoon(int k) {
  const double jde = NewMoonJde(k);
  const double year = 2000.0 + (jde - 2451545.0) / 365.25;
  return jde - DeltaTSeconds(year) / 86400.0;
}

double SunLongitude(double jd_ut) {
  const double year = 2000.0 + (jd_ut - 2451545.0) / 365.25;
  const double t = (jd_ut + DeltaTSeconds(year) / 86400.0 - 2451545.0) / 36525.0;
  const double mean_longitude = 280.46646 + 36000.76983 * t + 0.0003032 * t * t;
  const double mean_anomaly = 357.52911 + 35999.05029 * t - 0.0001537 * t * t;
  const double center = (1.914602 - 0.004817 * t - 0.000014 * t * t) * SinDeg(mean_anomaly) +
                        (0.019993 - 0.000101 * t) * SinDeg(2 * mean_anomaly) +
                        0.000289 * SinDeg(3 * mean_anomaly);
  const double omega = 125.04 - 1934.136 * t;
  // −0.00569° aberration, −0.00478° sin Ω nutation in longitude (Meeus 25.8).
  return Normalize360(mean_longitude + center - 0.00569 - 0.00478 * SinDeg(omega));
}

double SunReachesLongitude(double degrees, double jd_guess) {
  double jd = jd_guess;
  for (int i = 0; i < 8; ++i) {
    double delta = Normalize360(degrees - SunLongitude(jd));
    if (delta > 180) delta -= 360;
    jd += delta * 365.2422 / 360.0;
    if (std::fabs(delta) < 1e-7) break;
  }
  return jd;
}

}  // namespace eiso::calendar::astronomy
