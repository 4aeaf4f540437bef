-- wrk script: intake at the single window, POST /api/dossiers with a clerk's session.
-- Bodies (one JSON object per line) rotate from $EISO_BENCH_BODIES. When $EISO_BENCH_SAMPLES is
-- set, "number<TAB>secret" of the answers is appended there (for the lookup run; this parses
-- every answer, so the measured run leaves it unset).
-- Without $EISO_BENCH_COOKIE, each line is "cookie<TAB>csrf<TAB>body": several clerks at once.
local requests = {}
init = function(args)   -- after wrk has set the Host header that wrk.format adds
  local cookie, csrf = os.getenv("EISO_BENCH_COOKIE"), os.getenv("EISO_BENCH_CSRF")
  for line in io.lines(os.getenv("EISO_BENCH_BODIES")) do
    local c, t, body = cookie, csrf, line
    if not cookie or cookie == "" then c, t, body = line:match("^([^\t]*)\t([^\t]*)\t(.*)$") end
    requests[#requests + 1] = wrk.format("POST", "/api/dossiers",
      { ["content-type"] = "application/json", ["cookie"] = c, ["x-csrf-token"] = t }, body)
  end
end

local i = 0
request = function()
  i = i + 1
  return requests[(i % #requests) + 1]
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
