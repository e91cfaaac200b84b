"""End-to-end time of `crystaldb phase-diagram` (process start to exit: open the store, read, hull, facets, write)
for each system listed in SYSTEMS (one per line), as SVG and as HTML; median of RUNS runs per system, then the
p50 and the maximum over the systems, in wall-clock time and in CPU time (user + system of the process, which
other work on a shared machine inflates less).
Usage: python3 phase_diagram_cli.py BIN DB SYSTEMS [RUNS] [OUTDIR]
"""
import os, resource, statistics, subprocess, sys, time

binary, db, systems_file = sys.argv[1], sys.argv[2], sys.argv[3]
runs = int(sys.argv[4]) if len(sys.argv) > 4 else 5
out = sys.argv[5] if len(sys.argv) > 5 else 'bench-out/phase-diagram'
os.makedirs(out, exist_ok=True)
systems = [line.strip() for line in open(systems_file) if line.strip()]
for extension in ('svg', 'html'):
    walls, cpus = [], []
    for system in systems:
        wall, cpu = [], []
        for _ in range(runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run([binary, 'phase-diagram', '--db', db, '--chemsys', system, '--out', f'{out}/{system}.{extension}', '--force'],
                           check=True, stdout=subprocess.DEVNULL)
            wall.append((time.perf_counter() - start) * 1000)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
        walls.append((statistics.median(wall), system))
        cpus.append((statistics.median(cpu), system))
    walls.sort()
    cpus.sort()
    print(f"crystaldb phase-diagram --out X.{extension}, end to end over {len(systems)} ternaries: "
          f"wall p50 {walls[len(walls) // 2][0]:.1f} ms, max {walls[-1][0]:.1f} ms ({walls[-1][1]}); "
          f"CPU p50 {cpus[len(cpus) // 2][0]:.1f} ms, max {cpus[-1][0]:.1f} ms ({cpus[-1][1]})")
