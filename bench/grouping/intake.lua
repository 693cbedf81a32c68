-- BATCH alerts per POST for the sustained-intake run, the same alerts for both tools:
--   FORMAT=v2:      Alertmanager's own API (POST /api/v2/alerts, a JSON array of postable alerts)
--   FORMAT=webhook: the webhook Alertmanager sends (version 4), which Driftsvakt takes at POST /api/v1/alertmanager,
--                   with each alert's fingerprint as Alertmanager sends it
-- Alerts cycle over COMPONENTS components (bench/ingest/catalog.py ids) with site and provider labels; like an alert
-- storm, each component fires, is repeated, and every 10th round resolves; startsAt changes every round so that no
-- alert is a byte-for-byte repeat (Driftsvakt would skip an exact repeat as a duplicate without publishing it).
-- ALL_RESOLVED=1: only resolved alerts (a warm-up that opens nothing).
local counter = 0
local threads = {}

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  components = tonumber(os.getenv("COMPONENTS") or "1000")
  batch = tonumber(os.getenv("BATCH") or "100")
  webhook = (os.getenv("FORMAT") or "v2") == "webhook"
  path = webhook and "/api/v1/alertmanager" or "/api/v2/alerts"
  base = os.time() - 2 * 86400
  sites = math.max(1, math.floor(components / 100))
  all_resolved = os.getenv("ALL_RESOLVED") == "1"
end

local function comp(c)
  local site = math.floor(c / 100) % sites
  local r = c % 100
  if r == 0 then return "site-" .. site, site, nil end
  local hub = math.floor((r - 1) / 11)
  local k = (r - 1) % 11
  if k == 0 then return string.format("hub-%d-%d", site, hub), site, hub % 3 end
  return string.format("svc-%d-%d-%d", site, hub, k - 1), site, hub % 3
end

-- What does not change from round to round is built once per component (and the times once per round), so that the
-- load generator spends little CPU of the machine it shares with the server under test.
local static = {}
local function fragments(c)
  local f = static[c]
  if f then return f end
  local id, site, provider = comp(c)
  local labels = string.format('"alertname":"ComponentDown","component":"%s","site":"s%d"', id, site)
  if provider then labels = labels .. string.format(',"provider":"p%d"', provider) end
  -- Alertmanager's webhook carries each alert's fingerprint (a hash of its labels: one per component here); its API
  -- takes none (it computes it). Both take the generatorURL Prometheus sets.
  local fingerprint = webhook and string.format(',"fingerprint":"%06x%04x%06x"', c, (c * 40503) % 65536,
    (c * 12289) % 16777216) or ""
  f = {
    head = string.format('"labels":{%s},"annotations":{"summary":"%s is down"}', labels, id),
    tail = string.format(',"generatorURL":"http://prometheus:9090/graph?g0.expr=up%%7Bcomponent%%3D%%22%s%%22%%7D' ..
      '+%%3D%%3D+0&g0.tab=1"%s}', id, fingerprint)
  }
  static[c] = f
  return f
end

-- startsAt: two days ago plus 2 s per round (the two threads interleave, so that no alert repeats another's time),
-- plus 0-6 s by component, so that alerts in one request do not all share their times. At Alertmanager's pace (about
-- 45 rounds a second per thread) it stays in the past for half an hour.
local times_round, starts, resolved_ends, now_s, now_ends

request = function()
  local parts = {}
  for i = 1, batch do
    counter = counter + 1
    local c = counter % components
    local round = math.floor(counter / components)
    local f = fragments(c)
    if round ~= times_round then
      times_round = round
      starts, resolved_ends = {}, {}
      for spread = 0, 6 do
        starts[spread] = os.date("!%Y-%m-%dT%H:%M:%S", base + round * 2 + tid + spread) .. "Z"
        resolved_ends[spread] = os.date("!%Y-%m-%dT%H:%M:%S", base + round * 2 + tid + spread + 5) .. "Z"
      end
    end
    local spread = c % 7
    local resolved = all_resolved or round % 10 == 9
    local ends
    if resolved then
      ends = resolved_ends[spread]
    elseif webhook then
      ends = "0001-01-01T00:00:00Z"
    else
      local t = os.time()
      if t ~= now_s then now_s = t; now_ends = os.date("!%Y-%m-%dT%H:%M:%S", t + 300) .. "Z" end
      ends = now_ends
    end
    local status = webhook and (resolved and '"status":"resolved",' or '"status":"firing",') or ""
    parts[i] = "{" .. status .. f.head .. ',"startsAt":"' .. starts[spread] .. '","endsAt":"' .. ends .. '"' .. f.tail
  end
  local body = "[" .. table.concat(parts, ",") .. "]"
  if webhook then
    body = '{"version":"4","groupKey":"bench","status":"firing","receiver":"driftsvakt","groupLabels":{},' ..
      '"commonLabels":{},"commonAnnotations":{},"externalURL":"","alerts":' .. body .. '}'
  end
  return wrk.format("POST", path, {["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer bench-ingest"}, body)
end

response = function(status, headers, body)
  if status ~= 202 and status ~= 200 then
    io.stderr:write("status " .. status .. ": " .. string.sub(body, 1, 200) .. "\n")
  end
end
