# Requests per second that wrk got a 2xx answer to, from its report: "N requests in 30.01s" (or 1.00m, 500.00ms)
# less "Non-2xx or 3xx responses: M". wrk's own Requests/sec counts every answer, errors too.
/requests in/ {
  n = $1; t = $4; sub(",", "", t)
  if (t ~ /ms$/) { sub("ms", "", t); t = t / 1000 } else if (t ~ /m$/) { sub("m", "", t); t = t * 60 } else { sub("s", "", t) }
}
/Non-2xx or 3xx responses/ { bad = $5 }
END { if (t > 0) print (n - bad) / t; else print 0 }
