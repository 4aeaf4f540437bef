// The two astronomical quantities the Vietnamese lunisolar calendar is made of: instants of true
// new moons and the Sun's apparent longitude. Algorithms from Jean Meeus, Astronomical Algorithms
// (2nd ed., 1998): ch. 49 with all periodic and the 14 planetary terms (new moons to a few
// seconds), ch. 25 with nutation and aberration (Sun to about 0.01°, i.e. ~15 minutes of time
// near a solar term), and the Espenak–Meeus polynomials for ΔT = TT − UT. Julian days here are UT.
#pragma once

namespace eiso::calendar::astronomy {

// Julian day (UT) of the true new moon number `k`; k = 0 is the new moon of 2000-01-06.
double NewMoon(int k);

// Apparent geocentric longitude of the Sun in degrees [0, 360) at Julian day `jd_ut`.
double SunLongitude(double jd_ut);

// ΔT in seconds for a decimal year, 1900–2150.
double DeltaTSeconds(double year);

// Julian day (UT) at which the Sun's apparent longitude reaches `degrees`, searched near
// `jd_guess` (within ±half a year).
double SunReachesLongitude(double degrees, double jd_guess);

inline constexpr double kJulianDayOfUnixEpoch = 2440587.5;  // 1970-01-01T00:00Z

}  // namespace eiso::calendar::astronomy
