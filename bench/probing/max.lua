-- Closed-loop scrapes of blackbox_exporter's /probe, cycling over TARGETS local nginx targets; counts failed probes.
local counter = 0
function init(args)
  targets = tonumber(os.getenv("TARGETS") or "10000")
end
request = function()
  counter = counter + 1
  return wrk.format("GET", "/probe?module=http_2xx&target=http://127.0.0.1:18080/health/" .. (counter % targets))
end
response = function(status, headers, body)
  if status ~= 200 or not string.find(body, "\nprobe_success 1", 1, true) then
    io.stderr:write("failed\n")
  end
end
