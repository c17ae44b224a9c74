-- wrk script for bench/load.sh: a fixed mix of GraphQL reads and (when WRITE_BODY is given)
-- authenticated writes against one loopback server; counts errors and acknowledged writes and
-- prints p50/p95/p99 from wrk's full latency histogram.
--
-- Environment (read in each wrk thread):
--   WRITE_BODY   file with a JSON request body for a write; __UNIQUE__ in it is replaced by a value
--                unique across threads and requests (e.g. inside the article URL). Empty: reads only.
--   WRITE_EVERY  every Nth request of a thread is a write (default 10)
--   AUTH_HEADER  "Name: value" sent with writes (e.g. "Authorization: Bearer ...")
--   WRITE_ACK    text that only a successful write response contains (e.g. "outcome":"CREATED");
--                such responses without "errors" count as acknowledged writes
--   ACK_LOG      file to which each acknowledged write's "url" (from the response) is appended
--   RUN_ID       distinguishes runs in the unique values

-- READS: file with one JSON request body per line (bench/load.sh writes the operations of
-- graphql/operations/ with their example variables there); a small fixed mix when unset.
local reads = {}

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  requests_sent = 0
  responses = 0
  errors = 0
  writes_sent = 0
  writes_acked = 0
  non_2xx = 0
  pending_write = {}
  local file = os.getenv("WRITE_BODY") or ""
  local reads_file = os.getenv("READS") or ""
  if reads_file ~= "" then
    for line in io.lines(reads_file) do
      if line ~= "" then table.insert(reads, line) end
    end
  end
  if #reads == 0 then
    reads = {
      '{"query":"{ articles(first: 10) { totalCount } }"}',
      '{"query":"query Count($n: Int) { articles(first: $n) { totalCount } }","variables":{"n":20}}',
    }
  end
  write_template = nil
  if file ~= "" then
    local f = assert(io.open(file, "r"))
    write_template = f:read("*a")
    f:close()
  end
  write_every = tonumber(os.getenv("WRITE_EVERY") or "10")
  run_id = os.getenv("RUN_ID") or tostring(os.time())
  auth_name, auth_value = nil, nil
  local auth = os.getenv("AUTH_HEADER") or ""
  if auth ~= "" then
    auth_name, auth_value = auth:match("^([^:]+):%s*(.*)$")
  end
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Accept"] = "application/graphql-response+json"
  write_ack = os.getenv("WRITE_ACK") or ""
  local ack_log_name = os.getenv("ACK_LOG") or ""
  ack_log = ack_log_name ~= "" and io.open(ack_log_name, "a") or nil
end

function request()
  requests_sent = requests_sent + 1
  local headers = { ["Content-Type"] = "application/json", ["Accept"] = "application/graphql-response+json" }
  if write_template and requests_sent % write_every == 0 then
    writes_sent = writes_sent + 1
    if auth_name then headers[auth_name] = auth_value end
    local unique = run_id .. "-" .. id .. "-" .. writes_sent
    local body = write_template:gsub("__UNIQUE__", unique)
    return wrk.format("POST", nil, headers, body)
  end
  return wrk.format("POST", nil, headers, reads[(requests_sent % #reads) + 1])
end

function response(status, headers, body)
  responses = responses + 1
  -- wrk's connections of one thread interleave, so a write is recognised by its answer, not by order.
  -- an error list with something in it, top-level or in a mutation payload ("errors":[] is fine)
  local failed = status < 200 or status > 299 or body:find('"errors":[{', 1, true) ~= nil
  if status < 200 or status > 299 then non_2xx = non_2xx + 1 end
  if failed then errors = errors + 1 end
  if write_ack ~= "" and not failed and body:find(write_ack, 1, true) then
    writes_acked = writes_acked + 1
    if ack_log then
      ack_log:write((body:match('"url":"([^"]+)"') or "?") .. "\n")
      ack_log:flush()
    end
  end
end

function done(summary, latency, requests)
  local sent, errs, non2xx, wsent, wacked = 0, 0, 0, 0, 0
  for _, t in ipairs(threads) do
    errs = errs + t:get("errors")
    non2xx = non2xx + t:get("non_2xx")
    wsent = wsent + t:get("writes_sent")
    wacked = wacked + t:get("writes_acked")
  end
  local total = summary.requests
  local seconds = summary.duration / 1e6
  io.write("RESULT requests=" .. total .. "\n")
  io.write(string.format("RESULT duration_s=%.1f\n", seconds))
  io.write(string.format("RESULT rps=%.1f\n", total / seconds))
  io.write("RESULT errors=" .. errs .. "\n")
  io.write("RESULT non_2xx=" .. non2xx .. "\n")
  io.write("RESULT socket_errors=" .. (summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout) .. "\n")
  io.write(string.format("RESULT error_rate_pct=%.3f\n", total > 0 and 100 * errs / total or 0))
  io.write(string.format("RESULT p50_ms=%.2f\n", latency:percentile(50) / 1000))
  io.write(string.format("RESULT p95_ms=%.2f\n", latency:percentile(95) / 1000))
  io.write(string.format("RESULT p99_ms=%.2f\n", latency:percentile(99) / 1000))
  io.write(string.format("RESULT max_ms=%.2f\n", latency.max / 1000))
  io.write("RESULT writes_sent=" .. wsent .. "\n")
  io.write("RESULT writes_acked=" .. wacked .. "\n")
end
