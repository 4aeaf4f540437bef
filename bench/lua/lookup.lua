-- wrk script: the public lookup, POST /api/public/dossiers/lookup {number, secret}, no session.
-- "number<TAB>secret" lines from $EISO_BENCH_LOOKUPS, rotated. With $EISO_BENCH_RATE (requests
-- per second), requests leave on a fixed schedule instead of as fast as the connections go: each
-- takes the next slot, 1/rate after the one before, and waits for it (wrk counts latency from
-- the send). Not corrected for coordinated omission: if the server stalls, the slots missed are
-- dropped, not sent late.
local bodies = {}
for line in io.lines(os.getenv("EISO_BENCH_LOOKUPS")) do
  local number, secret = line:match("^(%S+)\t(%S+)")
  if number then bodies[#bodies + 1] = '{"number":"' .. number .. '","secret":"' .. secret .. '"}' end
end
wrk.method = "POST"
wrk.headers["content-type"] = "application/json"

local i = 0
request = function()
  i = i + 1
  return wrk.format(nil, "/api/public/dossiers/lookup", nil, bodies[(i % #bodies) + 1])
end

local rate = tonumber(os.getenv("EISO_BENCH_RATE") or "")
if rate then
  local ffi = require("ffi")
  ffi.cdef [[
    typedef struct { long tv_sec; long tv_nsec; } eiso_timespec;
    int clock_gettime(int clock, eiso_timespec* ts);
  ]]
  local ts = ffi.new("eiso_timespec")
  local function now_ms()
    ffi.C.clock_gettime(1, ts)  -- CLOCK_MONOTONIC
    return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
  end
  local interval, slot = 1000 / rate, nil
  delay = function()
    local now = now_ms()
    if slot == nil or slot < now - 10 then slot = now end
    slot = slot + interval
    return math.max(0, math.floor(slot - now))
  end
end
