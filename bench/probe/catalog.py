#!/usr/bin/env python3
"""Writes a catalog with N HTTP checks (10 per component) against the local nginx targets."""
import sys

checks, interval, out = int(sys.argv[1]), sys.argv[2], sys.argv[3]
with open(out, "w") as f:
    f.write("components:\n")
    for c in range(checks // 10):
        f.write(f"  - id: svc-{c}\n    name: Tjeneste {c}\n    category: Bench {c // 100}\n    checks:\n")
        for k in range(10):
            n = c * 10 + k
            f.write(f"      - {{ id: chk-{n}, type: http, url: 'http://127.0.0.1:18080/health/{n}', "
                    f"interval: {interval}, timeout: 5s, bodyContains: ok }}\n")
