-- wrk script: handover of active steps, POST /api/dossiers/{id}/steps/{step}/handover with a
-- leader's session. "dossier_id step_id" pairs from $EISO_BENCH_PAIRS, each used once: the run
-- stops when every pair has had its answer (wrk's rate is then over the time it took).
local pairs_list = {}
for line in io.lines(os.getenv("EISO_BENCH_PAIRS")) do
  local d, s = line:match("(%d+)%s+(%d+)")
  if d then pairs_list[#pairs_list + 1] = "/api/dossiers/" .. d .. "/steps/" .. s .. "/handover" end
end
wrk.method = "POST"
wrk.headers["content-type"] = "application/json"
wrk.headers["cookie"] = os.getenv("EISO_BENCH_COOKIE")
wrk.headers["x-csrf-token"] = os.getenv("EISO_BENCH_CSRF")

local i = 0
request = function()
  i = i + 1
  return wrk.format(nil, pairs_list[((i - 1) % #pairs_list) + 1], nil, '{"note":"bench"}')
end

local answered = 0
response = function(status, headers, body)
  answered = answered + 1
  if answered >= #pairs_list then wrk.thread:stop() end
end
