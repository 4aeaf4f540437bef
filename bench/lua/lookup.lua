-- wrk script: the public lookup, POST /api/public/dossiers/lookup {number, secret}, no session.
-- "number<TAB>secret" lines from $EISO_BENCH_LOOKUPS, rotated.
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
