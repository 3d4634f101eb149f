-- wrk script for the benchmark: one endpoint per run, configured by environment variables.
--   BENCH_KIND   read | submit | decide
--   BENCH_PATH   the path for reads
--   BENCH_COOKIE a Cookie header value (reads); BENCH_AUTH an Authorization value (writes)
--   BENCH_IDS    comma-separated paper ids (submit) or input ids (decide)
-- done() prints one JSON line: requests, rps, latency percentiles (ms), errors.
local kind = os.getenv("BENCH_KIND") or "read"
local path = os.getenv("BENCH_PATH") or "/"
local cookie = os.getenv("BENCH_COOKIE")
local auth = os.getenv("BENCH_AUTH")
local ids = {}
for id in string.gmatch(os.getenv("BENCH_IDS") or "", "[^,]+") do
  ids[#ids + 1] = id
end
local decisions = { "included", "partly_included", "not_included" }
local counter = 0
local threads = {}

setup = function(thread)
  counter = counter + 1
  thread:set("tid", counter)
  table.insert(threads, thread)
end

init = function(args)
  math.randomseed(os.time() * 1000 + (tid or 0))
  wrk.headers["Accept"] = "application/json"
  if cookie then wrk.headers["Cookie"] = cookie end
  if auth then wrk.headers["Authorization"] = auth end
  if kind ~= "read" then wrk.headers["Content-Type"] = "application/json" end
  n = 0
end

request = function()
  n = n + 1
  if kind == "submit" then
    local id = ids[math.random(#ids)]
    return wrk.format("POST", "/api/v1/papers/" .. id .. "/inputs/", nil,
      '{"text":"Benchmark input ' .. tid .. "-" .. n .. ': add a paragraph on skills recognition.",'
      .. '"evidence":"https://example.org/evidence"}')
  elseif kind == "decide" then
    local id = ids[math.random(#ids)]
    local d = decisions[math.random(#decisions)]
    return wrk.format("POST", "/api/v1/inputs/" .. id .. "/decide/", nil,
      '{"decision":"' .. d .. '","reason":"Benchmark decision ' .. tid .. "-" .. n .. '"}')
  end
  return wrk.format("GET", path)
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"seconds":%.2f,"rps":%.1f,"p50_ms":%.2f,"p95_ms":%.2f,"p99_ms":%.2f,'
    .. '"max_ms":%.2f,"non_2xx":%d,"socket_errors":%d}\n',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, e.status, e.connect + e.read + e.write + e.timeout))
end
