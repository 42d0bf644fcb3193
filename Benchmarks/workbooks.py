#!/usr/bin/env python3
"""The workbook benchmark (`make bench-workbooks`, part of `make bench`): the county
survey's exports of 10 000 and 100 000 respondents (the same files as run.py's) as .xlsx
and as SPSS .sav, read on the same machine in one run:

- pandas.read_excel with openpyxl (PyPI), every cell as text, as an analyst's script would;
- kartlagg's ingest of the .xlsx (`kartlagg-bench ingest`: workbook → CSV stream → libcsv
  → decoded responses);
- pyreadstat.read_sav (PyPI, ReadStat underneath) of the .sav;
- kartlagg's ingest of the .sav (ReadStat → CSV stream → libcsv → decoded responses);
- kartlagg's ingest of the same rows as CSV, for reference.

The files are written once (Benchmarks/data/, git-ignored): the workbook by openpyxl's
write-only mode, numbers as numbers; the .sav by pyreadstat, whole-number columns numeric.
Goals: the .xlsx ingest at least 10 × faster than read_excel on the same file; the .sav
ingest at most 1.3 × pyreadstat's read; the peak RSS of both flat in N (at most × 1.5
from 10 000 to 100 000).

  python3 Benchmarks/workbooks.py [--sizes 10000,100000] [--repeat 3] [--write-results]
"""
import argparse
import csv
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DATA = os.path.join(HERE, "data")
BENCH = os.path.join(ROOT, ".build", "release", "kartlagg-bench")
SURVEY = os.path.join(ROOT, "Surveys", "kalmar-primarvard.yaml")
SPEEDUP = 10
SAV_RATIO = 1.3
FLAT = 1.5

PYREADSTAT = """
import resource, sys
import pyreadstat
frame, meta = pyreadstat.read_sav(sys.argv[1])
usage = resource.getrusage(resource.RUSAGE_SELF)
print(len(frame))
print(f"peak_rss_kb={usage.ru_maxrss}", file=sys.stderr)
print(f"cpu_s={usage.ru_utime + usage.ru_stime}", file=sys.stderr)
"""

PANDAS = """
import resource, sys, time
import pandas
start = time.process_time()
frame = pandas.read_excel(sys.argv[1], dtype=str, engine="openpyxl")
usage = resource.getrusage(resource.RUSAGE_SELF)
print(len(frame))
print(f"peak_rss_kb={usage.ru_maxrss}", file=sys.stderr)
print(f"cpu_s={usage.ru_utime + usage.ru_stime}", file=sys.stderr)
"""


def ensure(n):
    os.makedirs(DATA, exist_ok=True)
    path = os.path.join(DATA, f"n{n}.csv")
    if not os.path.exists(path):
        split = path[:-4] + "-split"
        os.makedirs(split, exist_ok=True)
        subprocess.run([BENCH, "generate", SURVEY, str(n), path, split], check=True)
    book = path[:-4] + ".xlsx"
    if not os.path.exists(book):
        print(f"writing {book} with openpyxl …", file=sys.stderr)
        from openpyxl import Workbook
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("Svar")
        with open(path, encoding="utf-8-sig", newline="") as f:
            for row in csv.reader(f):
                ws.append([int(x) if x.isdigit() and not x.startswith("0") else (x if x else None) for x in row])
        wb.save(book + ".tmp")
        os.rename(book + ".tmp", book)
    sav = path[:-4] + ".sav"
    if not os.path.exists(sav):
        print(f"writing {sav} with pyreadstat …", file=sys.stderr)
        import pandas
        import pyreadstat
        frame = pandas.read_csv(path, dtype=str, keep_default_na=False)
        for column in frame.columns:
            values = frame[column]
            if values.map(lambda x: x == "" or (x.lstrip("-").isdigit() and not x.startswith("0"))).all():
                frame[column] = pandas.to_numeric(values.replace("", None))
        pyreadstat.write_sav(frame, sav + ".tmp")
        os.rename(sav + ".tmp", sav)
    return path, book


def run(cmd):
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"bench: {' '.join(cmd)} failed: {proc.stderr.strip()}")
    values = dict(line.split("=", 1) for line in proc.stderr.splitlines() if "=" in line and line.split("=")[0] in ("peak_rss_kb", "cpu_s"))
    return wall, float(values["cpu_s"]), int(values["peak_rss_kb"]) / 1024, proc.stdout.strip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--write-results", action="store_true")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    stages = [
        ("pandas.read_excel (openpyxl)", lambda csv_path, book: [sys.executable, "-c", PANDAS, book]),
        ("kartlagg ingest .xlsx", lambda csv_path, book: [BENCH, "ingest", SURVEY, book]),
        ("pyreadstat.read_sav", lambda csv_path, book: [sys.executable, "-c", PYREADSTAT, csv_path[:-4] + ".sav"]),
        ("kartlagg ingest .sav", lambda csv_path, book: [BENCH, "ingest", SURVEY, csv_path[:-4] + ".sav"]),
        ("kartlagg ingest .csv", lambda csv_path, book: [BENCH, "ingest", SURVEY, csv_path]),
    ]
    rows, failures, rss = [], [], {}
    for n in sizes:
        csv_path, book = ensure(n)
        best = {}
        for k in range(args.repeat):
            for name, build in stages:
                # read_excel takes minutes at 100 000: once is enough to compare.
                if k > 0 and name.startswith("pandas") and n >= 100_000:
                    continue
                wall, cpu, peak, out = run(build(csv_path, book))
                prev = best.get(name, (wall, cpu, peak, out))
                best[name] = (min(prev[0], wall), min(prev[1], cpu), max(prev[2], peak), out)
        base = best["pandas.read_excel (openpyxl)"][0]
        for name, _ in stages:
            wall, cpu, peak, out = best[name]
            rss[(name, n)] = peak
            rows.append((n, name, wall, cpu, peak, base / wall, out))
        speedup = base / best["kartlagg ingest .xlsx"][0]
        if speedup < SPEEDUP:
            failures.append(f".xlsx ingest at N={n}: {speedup:.1f} × faster than read_excel < {SPEEDUP}")
        sav_ratio = best["kartlagg ingest .sav"][0] / best["pyreadstat.read_sav"][0]
        rows.append((n, "kartlagg .sav / pyreadstat", best["kartlagg ingest .sav"][0], best["kartlagg ingest .sav"][1],
                     best["kartlagg ingest .sav"][2], sav_ratio, "× pyreadstat's time"))
        if sav_ratio > SAV_RATIO:
            failures.append(f".sav ingest at N={n}: {sav_ratio:.2f} × pyreadstat > {SAV_RATIO}")
    lines = [
        "| N | reader | wall s | CPU s | peak RSS MB | speed-up over read_excel | output |",
        "|---:|---|---:|---:|---:|---:|---|",
    ]
    for n, name, wall, cpu, peak, speed, out in rows:
        lines.append(f"| {n:,} | {name} | {wall:.2f} | {cpu:.2f} | {peak:.1f} | {speed:.1f} | {out.replace('|', '/')[:60]} |")
    lo, hi = min(sizes), max(sizes)
    growth = []
    if lo != hi:
        for name, _ in stages:
            if (name, hi) not in rss:
                continue
            g = rss[(name, hi)] / rss[(name, lo)]
            growth.append(f"{name}: peak RSS ×{g:.2f} from N={lo:,} to N={hi:,}")
            if name in ("kartlagg ingest .xlsx", "kartlagg ingest .sav") and g > FLAT:
                failures.append(f"{name}: peak RSS grows ×{g:.2f} with N (limit {FLAT})")
    table = "\n".join(lines)
    print(table)
    for g in growth:
        print(g)
    if args.write_results:
        with open(os.path.join(HERE, "RESULTS-workbooks.md"), "w") as f:
            f.write("# Workbook benchmark results\n\n")
            f.write(f"`make bench-workbooks` on {time.strftime('%Y-%m-%d')}; fastest of {args.repeat} runs "
                    "(read_excel once at 100 000).\n\n")
            f.write(table + "\n\n" + "\n".join(f"- {g}" for g in growth) + "\n")
            f.write("\nOver the limits:\n" + "\n".join(f"- {x}" for x in failures) + "\n" if failures
                    else "\nEvery limit is met in this run.\n")
    if failures:
        print("\nOver the limits:\n" + "\n".join(f"  {x}" for x in failures))
        sys.exit(1)


if __name__ == "__main__":
    main()
