#!/usr/bin/env python3
"""A catalog of N components in a topology for the ingest benchmark: sites, hubs per site, services per hub.

With --group, also one customer group ('alle', extended agreement, in the pilot) using site 0's first hub's
services, for the fault suite's fan-out (deploy/cluster/fault.sh)."""
import sys

n, out = int(sys.argv[1]), sys.argv[2]
group = '--group' in sys.argv[3:]
sites = max(1, n // 100)
with open(out, "w") as f:
    f.write("components:\n")
    count = 0
    for s in range(sites):
        f.write(f"  - {{ id: site-{s}, name: Site {s}, category: Nett, kind: infrastructure, labels: {{ site: s{s} }} }}\n")
        count += 1
        for h in range(9):
            f.write(f"  - {{ id: hub-{s}-{h}, name: Hub {s}-{h}, category: Nett, kind: infrastructure, "
                    f"dependsOn: [site-{s}], labels: {{ site: s{s}, provider: p{h % 3} }} }}\n")
            count += 1
            for v in range(10):
                if count >= n:
                    break
                f.write(f"  - {{ id: svc-{s}-{h}-{v}, name: Tjeneste {s}-{h}-{v}, category: Tjenester, "
                        f"dependsOn: [hub-{s}-{h}] }}\n")
                count += 1
    if group:
        f.write("customerGroups:\n")
        f.write("  - { id: alle, name: Alle kunder, agreement: extended, pilot: true, uses: ["
                + ", ".join(f"svc-0-0-{v}" for v in range(10)) + "] }\n")
