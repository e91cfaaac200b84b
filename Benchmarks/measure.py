"""Runs a command several times on a fresh store; prints each wall time, the median, the rate and peak RSS."""
import argparse, os, resource, shutil, statistics, subprocess, sys, time

parser = argparse.ArgumentParser()
parser.add_argument("--runs", type=int, default=3)
parser.add_argument("--count", type=int, required=True, help="structures per run, for the rate")
parser.add_argument("--rate-file", help="write the median rate (structures/s) here")
parser.add_argument("--keep-store", action="store_true", help="run on the existing store instead of a fresh one")
parser.add_argument("--fresh-copy", help="before each run, replace the store with a copy of this file")
parser.add_argument("--ratio-to", help="a file holding a peer's median seconds: print median / peer")
parser.add_argument("--rss-limit", type=float, help="peak RSS budget in MB: say whether the runs stayed within it")
parser.add_argument("command", nargs=argparse.REMAINDER)
args = parser.parse_args()
command = args.command[1:] if args.command and args.command[0] == "--" else args.command
store = command[command.index("--db") + 1]
times, peaks = [], []
for run in range(args.runs):
    for suffix in (() if args.keep_store else ("", "-wal", "-shm")):
        if os.path.exists(store + suffix):
            os.remove(store + suffix)
    if args.fresh_copy:
        for suffix in ("-wal", "-shm"):
            if os.path.exists(store + suffix):
                os.remove(store + suffix)
        shutil.copyfile(args.fresh_copy, store)
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
        os.execvp(command[0], command)
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        sys.exit(f"command failed with status {status}")
    times.append(elapsed)
    peaks.append(usage.ru_maxrss / 1024)
median = statistics.median(times)
print("runs (s): " + " ".join(f"{t:.2f}" for t in times))
print(f"median: {median:.2f} s = {args.count / median:,.0f} entries/s; peak RSS {max(peaks):.0f} MB")
if args.ratio_to:
    peer = float(open(args.ratio_to).read())
    print(f"ratio: {median:.3f} s / {peer:.3f} s = {median / peer:.2f}x")
if args.rss_limit:
    verdict = "within" if max(peaks) <= args.rss_limit else "OVER"
    print(f"peak RSS {max(peaks):.0f} MB: {verdict} the {args.rss_limit:.0f} MB budget")
if args.rate_file:
    with open(args.rate_file, "w") as f:
        f.write(f"{args.count / median}\n")
