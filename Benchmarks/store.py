#!/usr/bin/env python3
"""The store benchmark (`make bench-store`, part of `make bench`), with the release build
of `kartlagg` itself:

- a store of 10 rounds × the 13 example files (the examples imported as rounds 2017–2026)
  opens and reports a round (`kartlagg report --round 2026`, every page, CSV and xlsx
  written): goal under 0.5 s;
- importing the benchmark's 1 000 000-respondent file (Benchmarks/data/n1000000.csv, made
  by run.py) costs no more than reading it into a tally and analysing it
  (`kartlagg-bench analyse`) plus the store's write: goal at most 1.2 × that time.

  python3 Benchmarks/store.py [--repeat 3] [--write-results]
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
KARTLAGG = os.path.join(ROOT, ".build", "release", "kartlagg")
BENCH = os.path.join(ROOT, ".build", "release", "kartlagg-bench")
SURVEY = os.path.join(ROOT, "Surveys", "kalmar-primarvard.yaml")
EXAMPLES = os.path.join(ROOT, "Surveys", "examples")
BIG = os.path.join(HERE, "data", "n1000000.csv")
REPORT_LIMIT = 0.5
IMPORT_RATIO = 1.2


def timed(cmd, ok=(0, 2)):
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if proc.returncode not in ok:
        sys.exit(f"bench: {' '.join(cmd)} failed ({proc.returncode}): {proc.stdout[-500:]} {proc.stderr[-500:]}")
    return wall


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--write-results", action="store_true")
    args = ap.parse_args()
    rows, failures = [], []
    work = tempfile.mkdtemp(prefix="kartlagg-store-bench-")
    try:
        subprocess.run([KARTLAGG, "init", work], check=True, capture_output=True)
        store = os.path.join(work, "kartlagg.sqlite")
        for year in range(2017, 2027):
            timed([KARTLAGG, "import", "--survey", SURVEY, "--round", str(year), "--store", store, EXAMPLES])
        report = min(
            timed([KARTLAGG, "report", "--quiet", "--survey", SURVEY, "--round", "2026", "--store", store,
                   "--out", os.path.join(work, "Reports")])
            for _ in range(args.repeat))
        rows.append(("report round 2026 of 10 rounds × 13 files", report, f"limit {REPORT_LIMIT} s"))
        if report > REPORT_LIMIT:
            failures.append(f"report from the store: {report:.2f} s > {REPORT_LIMIT} s")
        if os.path.exists(BIG):
            analyse = min(timed([BENCH, "analyse", SURVEY, BIG]) for _ in range(args.repeat))
            imports = []
            for k in range(args.repeat):
                imports.append(timed([KARTLAGG, "import", "--survey", SURVEY, "--round", f"big{k}", "--store", store, BIG]))
            imported = min(imports)
            rows.append(("ingest + analysis of 1 000 000 (kartlagg-bench analyse)", analyse, ""))
            rows.append(("import of 1 000 000 into the store", imported, f"{imported / analyse:.2f} × the above"))
            if imported > IMPORT_RATIO * analyse:
                failures.append(f"import of 1 000 000: {imported / analyse:.2f} × ingest + analysis > {IMPORT_RATIO}")
        else:
            rows.append(("import of 1 000 000", 0, "skipped: run `make bench` first for Benchmarks/data/n1000000.csv"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    lines = ["| stage | wall s | note |", "|---|---:|---|"]
    lines += [f"| {name} | {wall:.3f} | {note} |" for name, wall, note in rows]
    table = "\n".join(lines)
    print(table)
    if args.write_results:
        with open(os.path.join(HERE, "RESULTS-store.md"), "w") as f:
            f.write(f"# Store benchmark results\n\n`make bench-store` on {time.strftime('%Y-%m-%d')}; fastest of {args.repeat} runs.\n\n")
            f.write(table + "\n\n")
            f.write("Over the limits:\n" + "\n".join(f"- {x}" for x in failures) + "\n" if failures else "Every limit is met in this run.\n")
    if failures:
        print("\nOver the limits:\n" + "\n".join(f"  {x}" for x in failures))
        sys.exit(1)


if __name__ == "__main__":
    main()
