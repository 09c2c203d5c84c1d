-- wrk script for `python -m bench web`: one header (session cookie or bearer token), a list of paths
-- taken in turn by each connection, and the result printed as one JSON line.
-- Arguments: HEADER_NAME HEADER_VALUE PATHS_FILE
local paths = {}
local counter = 1

function init(args)
  if args[1] and args[1] ~= "" then wrk.headers[args[1]] = args[2] end
  for line in io.lines(args[3]) do
    if line ~= "" then paths[#paths + 1] = line end
  end
  counter = math.random(#paths)
end

function request()
  local path = paths[counter]
  counter = counter % #paths + 1
  return wrk.format("GET", path)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d, ' ..
    '"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.max, e.connect, e.read, e.write, e.status, e.timeout))
end
