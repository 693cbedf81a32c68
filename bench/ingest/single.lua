-- One signal per POST, unique ids, components spread over the catalog, down and up alternating.
local counter = 0
local thread_id = 0
local threads = {}

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  components = tonumber(os.getenv("COMPONENTS") or "1000")
  run = os.getenv("RUN") or "r"
  storm = (os.getenv("MODE") or "flip") == "storm"
end

request = function()
  counter = counter + 1
  local c = counter % components
  local site = math.floor(c / 100)
  local hub = math.floor((c % 100) / 10) % 9
  local svc = c % 10
  local round = math.floor(counter / components)
    local state
    if storm then state = (round % 10 == 9) and "up" or "down" else state = (round % 2 == 0) and "down" or "up" end
  local body = string.format('{"id":"%s-%d-%d","source":"bench","component":"svc-%d-%d-%d","state":"%s"}',
    run, tid, counter, site, hub, svc, state)
  return wrk.format("POST", "/api/v1/signals", {["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer bench-ingest"}, body)
end

response = function(status, headers, body)
  if status ~= 202 then
    io.stderr:write("status " .. status .. ": " .. body .. "\n")
  end
end
