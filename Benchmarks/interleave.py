#!/usr/bin/env python3
"""Two or more builds of kartlagg-bench against each other and the C program, interleaved.

On a machine whose speed drifts from run to run, a change is judged by running the
builds in turn, each beside the C aggregation floor, N times: the fastest and the median
wall time of each, and their ratios to the C program's. The data are `make bench`'s
(Benchmarks/data/issue-n1000000.csv and its 12 split files, made by run.py).

  python3 Benchmarks/interleave.py N {1|12} BENCH_BINARY...
"""
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")


def main():
    if len(sys.argv) < 4 or sys.argv[2] not in ("1", "12"):
        sys.exit(__doc__)
    n, files, builds = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
    split = os.path.join(DATA, "issue-n1000000-split")
    inputs = (
        [os.path.join(DATA, "issue-n1000000.csv")]
        if files == "1"
        else sorted(os.path.join(split, name) for name in os.listdir(split))
    )
    commands = {"C program": [os.path.join(HERE, "floor", "csvagg")] + inputs}
    for build in builds:
        out = os.path.join(DATA, f"interleave-{files}")
        commands[build] = [build, "report", os.path.join(DATA, "issue24.yaml"), out] + inputs
    times = {name: [] for name in commands}
    for _ in range(n):
        for name, command in commands.items():
            start = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            times[name].append(time.perf_counter() - start)
    floor = times["C program"]
    for name, values in times.items():
        print(
            f"{name}: fastest {min(values):.3f} s, median {statistics.median(values):.3f} s;"
            f" × C program {min(values) / min(floor):.2f} (fastest), {statistics.median(values) / statistics.median(floor):.2f} (median)"
        )


if __name__ == "__main__":
    main()
