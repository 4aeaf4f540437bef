-- wrk script: intake at the single window, POST /api/dossiers with a clerk's session.
-- Bodies (one JSON object per line) rotate from $EISO_BENCH_BODIES. When $EISO_BENCH_SAMPLES is
-- set, "number<TAB>secret" of the answers is appended there (for the lookup run; this parses
-- every answer, so the measured run leaves it unset).
local bodies = {}
for line in io.lines(os.getenv("EISO_BENCH_BODIES")) do bodies[#bodies + 1] = line end
wrk.method = "POST"
wrk.headers["content-type"] = "application/json"
wrk.headers["cookie"] = os.getenv("EISO_BENCH_COOKIE")
wrk.headers["x-csrf-token"] = os.getenv("EISO_BENCH_CSRF")

local i = 0
request = function()
  i = i + 1
  return wrk.format(nil, "/api/dossiers", nil, bodies[(i % #bodies) + 1])
end

local samples = os.getenv("EISO_BENCH_SAMPLES")
if samples and samples ~= "" then
  local out = io.open(samples, "a")
  response = function(status, headers, body)
    if status == 201 then
      local number = body:match('"number":"([^"]+)"')
      local secret = body:match('"secret":"([^"]+)"')
      if number and secret then out:write(number, "\t", secret, "\n") end
    end
  end
end
