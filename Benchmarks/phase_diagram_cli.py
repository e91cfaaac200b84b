"""End-to-end time of `crystaldb phase-diagram` (process start to exit: open the store, read, hull, facets, write)
for each system listed in SYSTEMS (one per line), as SVG and as HTML; median of RUNS runs per system, then the
p50 and the maximum over the systems.
Usage: python3 phase_diagram_cli.py BIN DB SYSTEMS [RUNS] [OUTDIR]
"""
import os, statistics, subprocess, sys, time

binary, db, systems_file = sys.argv[1], sys.argv[2], sys.argv[3]
runs = int(sys.argv[4]) if len(sys.argv) > 4 else 5
out = sys.argv[5] if len(sys.argv) > 5 else 'bench-out/phase-diagram'
os.makedirs(out, exist_ok=True)
systems = [line.strip() for line in open(systems_file) if line.strip()]
for extension in ('svg', 'html'):
    medians = []
    for system in systems:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([binary, 'phase-diagram', '--db', db, '--chemsys', system, '--out', f'{out}/{system}.{extension}', '--force'],
                           check=True, stdout=subprocess.DEVNULL)
            times.append((time.perf_counter() - start) * 1000)
        medians.append((statistics.median(times), system))
    medians.sort()
    worst = medians[-1]
    print(f"crystaldb phase-diagram --out X.{extension}, end to end over {len(systems)} ternaries: "
          f"p50 {medians[len(medians) // 2][0]:.1f} ms, max {worst[0]:.1f} ms ({worst[1]})")
