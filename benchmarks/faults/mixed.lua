-- Mixed read/write load for the 60 s fault run: 70 % reads across the benchmarked
-- endpoints, 15 % input submissions, 15 % decisions; one bearer token (BENCH_AUTH).
-- done() prints one JSON line with responses counted by status class.
local auth = os.getenv("BENCH_AUTH")
local reads = {}
for p in string.gmatch(os.getenv("BENCH_READS") or "", "[^,]+") do reads[#reads + 1] = p end
local papers, inputs = {}, {}
for id in string.gmatch(os.getenv("BENCH_PAPERS") or "", "[^,]+") do papers[#papers + 1] = id end
for id in string.gmatch(os.getenv("BENCH_INPUTS") or "", "[^,]+") do inputs[#inputs + 1] = id end
local decisions = { "included", "partly_included", "not_included" }
local threads, counter = {}, 0

setup = function(thread)
  counter = counter + 1
  thread:set("tid", counter)
  table.insert(threads, thread)
end

init = function(args)
  math.randomseed(os.time() * 1000 + tid)
  wrk.headers["Authorization"] = auth
  wrk.headers["Content-Type"] = "application/json"
  c2, c4, c5, n = 0, 0, 0, 0
  s5 = ""
end

request = function()
  n = n + 1
  local r = math.random()
  if r < 0.70 then
    return wrk.format("GET", reads[math.random(#reads)])
  elseif r < 0.85 then
    return wrk.format("POST", "/api/v1/papers/" .. papers[math.random(#papers)] .. "/inputs/", nil,
      '{"text":"Mixed load input ' .. tid .. "-" .. n .. '"}')
  end
  return wrk.format("POST", "/api/v1/inputs/" .. inputs[math.random(#inputs)] .. "/decide/", nil,
    '{"decision":"' .. decisions[math.random(#decisions)] .. '","reason":"Mixed load"}')
end

response = function(status, headers, body)
  if status >= 500 then
    c5 = c5 + 1
    if #s5 < 200 then s5 = s5 .. status .. " " end
  elseif status >= 400 then c4 = c4 + 1
  else c2 = c2 + 1 end
end

done = function(summary, latency, requests)
  local t2, t4, t5, samples = 0, 0, 0, ""
  for _, thread in ipairs(threads) do
    t2 = t2 + thread:get("c2")
    t4 = t4 + thread:get("c4")
    t5 = t5 + thread:get("c5")
    samples = samples .. thread:get("s5")
  end
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"seconds":%.1f,"rps":%.1f,"p50_ms":%.1f,"p95_ms":%.1f,"p99_ms":%.1f,'
    .. '"2xx_3xx":%d,"4xx":%d,"5xx":%d,"5xx_statuses":"%s","socket_errors":%d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    t2, t4, t5, samples, e.connect + e.read + e.write + e.timeout))
end
