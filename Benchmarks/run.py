#!/usr/bin/env python3
"""kartlagg's benchmark (`make bench`).

Generates deterministic survey exports (Benchmarks/data/, git-ignored), then times each
stage on the same file in one run: the C floor (libcsv alone, floor/csvfloor.c) and
kartlagg's stages as `kartlagg-bench STAGE FILE`. Stages run interleaved, --repeat times
each; the table shows the fastest wall time and CPU time (user + sys, reported by the
process itself), MB/s, the peak RSS the process reports from /proc/self/status (VmHWM),
and the ratios to the floor measured in this same run. The limits are checked on wall time.

Then, at the largest N, the export shape of issue 24 (86 columns, two free-text columns;
`kartlagg-bench generate-issue`) side by side with the C aggregation floor on it, one file
and the same rows in 12 files; a report's fixed cost: `kartlagg report` against
`kartlagg validate` on the 337 example respondents (Surveys/examples); and what a report
does after the ingest, part by part (`kartlagg-bench stages`), on both.

  python3 Benchmarks/run.py [--sizes 10000,100000,1000000] [--repeat 3] [--write-results]
"""
import argparse
import os
import platform
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DATA = os.path.join(HERE, "data")
BENCH = os.path.join(ROOT, ".build", "release", "kartlagg-bench")
KARTLAGG = os.path.join(ROOT, ".build", "release", "kartlagg")
FLOOR = os.path.join(HERE, "floor", "csvfloor")
AGGREGATE = os.path.join(HERE, "floor", "csvagg")

# (stage name, command for a data file), in the order they run; the floor first.
SURVEY = os.path.join(ROOT, "Surveys", "kalmar-primarvard.yaml")


def split_files(f):
    d = f[:-4] + "-split"
    return sorted(os.path.join(d, x) for x in os.listdir(d))


STAGES = [
    ("floor", lambda f: [FLOOR, f]),
    # The main job's floor: a hand-written C program that parses with libcsv, maps the
    # municipality by name and sums the answers 1–5 per municipality and column
    # (floor/csvagg.c), on the one file and on the 12 files one after the other.
    ("aggregation floor", lambda f: [AGGREGATE, f]),
    ("aggregation floor ×12 files", lambda f: [AGGREGATE] + split_files(f)),
    ("read", lambda f: [BENCH, "read", f]),
    # Ingest into a consumer that keeps nothing: one file, then the same rows split into
    # one file per municipality, read concurrently on every core.
    ("ingest", lambda f: [BENCH, "ingest", SURVEY, f]),
    ("ingest ×12 files", lambda f: [BENCH, "ingest", SURVEY] + split_files(f)),
    # Ingest into tallies (histograms), merged and analysed: every figure of the reports.
    ("ingest + analysis", lambda f: [BENCH, "analyse", SURVEY, f]),
    # The same, then every report and CSV written (the main job without the process start
    # of a second program): must add at most REPORT_EXTRA seconds to ingest + analysis.
    ("ingest + analysis + reports", lambda f: [BENCH, "report", SURVEY, os.path.join(DATA, "reports"), f]),
    # The main job (`kartlagg report`'s library call, every output written) on the 12 files.
    ("main job ×12 files", lambda f: [BENCH, "report", SURVEY, os.path.join(DATA, "reports-12")] + split_files(f)),
    # N synthetic responses into one tally, no file: the tally's memory must not grow with N.
    ("tally (no file)", lambda f: [BENCH, "tally", SURVEY, os.path.basename(f)[1:-4]]),
]
# stage name -> the largest allowed ratio to the floor (wall time) at the largest N.
LIMITS = {"read": 1.15, "ingest": 1.3, "ingest ×12 files": 0.9, "ingest + analysis": 1.4}
# stage name -> (the floor it is measured against, the largest allowed ratio, wall time)
# at the largest N: the main job against the C aggregation of the same files.
AGGREGATION_LIMITS = {
    "ingest + analysis + reports": ("aggregation floor", 1.3),
    "main job ×12 files": ("aggregation floor ×12 files", 1.0),
}
# Writing every report may add at most this many seconds (wall) to ingest + analysis.
REPORT_EXTRA = 0.2
# stage name -> the largest allowed peak RSS (MB) at the largest N.
RSS_LIMITS = {"ingest + analysis": 100, "ingest + analysis + reports": 100, "main job ×12 files": 100}
# Stages whose peak RSS must not grow with N (at most ×1.5 from the smallest N to the
# largest). Duplicate respondent ids are found in bounded memory (IDTable spills its
# runs to a temporary file), so the main job is among them.
FLAT_MEMORY = {"read", "tally (no file)", "ingest + analysis + reports", "main job ×12 files"}


# The export shape of issue 24: its survey definition is written by kartlagg-bench beside
# the data. The C aggregation floor reads it unchanged (municipality column "kommun", answer
# columns ending in _nu and _onskat).
ISSUE_SURVEY = os.path.join(DATA, "issue24.yaml")
ISSUE_STAGES = [
    ("aggregation floor", lambda f: [AGGREGATE, f]),
    ("aggregation floor ×12 files", lambda f: [AGGREGATE] + split_files(f)),
    ("main job", lambda f: [BENCH, "report", ISSUE_SURVEY, os.path.join(DATA, "issue-reports"), f]),
    ("main job ×12 files", lambda f: [BENCH, "report", ISSUE_SURVEY, os.path.join(DATA, "issue-reports-12")] + split_files(f)),
]
# stage -> (its floor, the largest allowed ratio of wall times).
ISSUE_LIMITS = {"main job": ("aggregation floor", 1.3), "main job ×12 files": ("aggregation floor ×12 files", 1.0)}
ISSUE_RSS_LIMIT = 100

# A report's fixed cost: `kartlagg report` (the workbook written) at most this many times
# `kartlagg validate` on the same files, the 337 example respondents.
EXAMPLES = os.path.join(ROOT, "Surveys", "examples")
FIXED_COST_LIMIT = 3.0


def run_once(cmd):
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    out = out.decode()
    err = err.decode()
    if proc.returncode != 0:
        sys.exit(f"bench: {' '.join(cmd)} failed: {err.strip()}")
    peak = None
    cpu = None
    for line in err.splitlines():
        if line.startswith("peak_rss_kb="):
            peak = int(line.split("=", 1)[1])
        if line.startswith("cpu_s="):
            cpu = float(line.split("=", 1)[1])
    if peak is None or cpu is None:
        sys.exit(f"bench: {' '.join(cmd)} did not report its peak RSS and CPU time")
    return wall, cpu, peak, out.strip()


def ensure_data(n):
    os.makedirs(DATA, exist_ok=True)
    path = os.path.join(DATA, f"n{n}.csv")
    split = path[:-4] + "-split"
    if not os.path.exists(path) or not os.path.isdir(split):
        print(f"generating {path} …", file=sys.stderr)
        os.makedirs(split, exist_ok=True)
        subprocess.run([BENCH, "generate", SURVEY, str(n), path, split], check=True)
    return path


def ensure_issue_data(n):
    os.makedirs(DATA, exist_ok=True)
    path = os.path.join(DATA, f"issue-n{n}.csv")
    split = path[:-4] + "-split"
    if not os.path.exists(path) or not os.path.isdir(split) or not os.path.exists(ISSUE_SURVEY):
        print(f"generating {path} …", file=sys.stderr)
        os.makedirs(split, exist_ok=True)
        subprocess.run([BENCH, "generate-issue", str(n), path, ISSUE_SURVEY, split], check=True)
    return path


def issue_shape(n, repeat, failures):
    """The issue's export shape at N: the main job against the C aggregation floor."""
    path = ensure_issue_data(n)
    megabytes = os.path.getsize(path) / 1e6
    best = {}
    outputs = {}
    for _ in range(repeat):
        for name, build in ISSUE_STAGES:
            wall, cpu, peak, out = run_once(build(path))
            outputs[name] = out
            prev_wall, prev_cpu, prev_peak = best.get(name, (wall, cpu, peak))
            best[name] = (min(prev_wall, wall), min(prev_cpu, cpu), max(prev_peak, peak))
    print(f"issue shape N={n}: " + "; ".join(f"{k}: {v}" for k, v in outputs.items()), file=sys.stderr)
    lines = [
        f"Export shape of issue 24 at N = {n:,} ({megabytes:.0f} MB, 86 columns): fastest of {repeat}.",
        "",
        "| stage | wall s | CPU s | MB/s | peak RSS MB | × aggregation floor (wall) | × aggregation floor (CPU) | limit |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for name, _ in ISSUE_STAGES:
        wall, cpu, peak = best[name]
        floor_name, limit = ISSUE_LIMITS.get(name, (name, None))
        ratio = wall / best[floor_name][0]
        cpu_ratio = cpu / best[floor_name][1]
        verdict = ""
        if limit:
            met = ratio <= limit and peak / 1024 <= ISSUE_RSS_LIMIT
            verdict = f"≤ {limit} ×, ≤ {ISSUE_RSS_LIMIT} MB: {'met' if met else 'NOT met'}"
            if ratio > limit:
                failures.append(f"issue shape, {name} at N={n}: {ratio:.2f} × {floor_name} > {limit}")
            if peak / 1024 > ISSUE_RSS_LIMIT:
                failures.append(f"issue shape, {name} at N={n}: peak RSS {peak / 1024:.1f} MB > {ISSUE_RSS_LIMIT} MB")
        lines.append(
            f"| {name} | {wall:.3f} | {cpu:.3f} | {megabytes / wall:.0f} | {peak / 1024:.1f} | {ratio:.2f} | {cpu_ratio:.2f} | {verdict} |")
    return "\n".join(lines)


def timed_child(cmd):
    """Wall and CPU time (user + sys, from wait4) and peak RSS (KiB) of one run of cmd."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    # 2: rows were rejected, as the examples' deliberate mistakes are (Surveys/examples/README.md).
    if proc.returncode not in (0, 2):
        sys.exit(f"bench: {' '.join(cmd)} failed ({proc.returncode}): {err.decode().strip()[-500:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def fixed_cost(repeat, failures):
    """`kartlagg report` against `kartlagg validate` on the examples, interleaved; and the
    report at `--min-group 10`, the largest minimum, where the small-union search has the
    most to do (docs/statistics.md, "How the unions are searched")."""
    out = os.path.join(DATA, "examples-reports")
    files = sorted(os.path.join(EXAMPLES, x) for x in os.listdir(EXAMPLES) if x.endswith(".csv"))
    commands = {
        "validate": [KARTLAGG, "validate", "--survey", SURVEY] + files,
        "report": [KARTLAGG, "report", "--survey", SURVEY, "--out", os.path.join(out, "Reports"),
                   "--work", os.path.join(out, "work")] + files,
        "report10": [KARTLAGG, "report", "--survey", SURVEY, "--min-group", "10",
                     "--out", os.path.join(out, "Reports10"), "--work", os.path.join(out, "work10")] + files,
    }
    best = {}
    for _ in range(max(repeat, 5)):
        for name, cmd in commands.items():
            wall, cpu, peak = timed_child(cmd)
            prev_wall, prev_cpu, prev_peak = best.get(name, (wall, cpu, peak))
            best[name] = (min(prev_wall, wall), min(prev_cpu, cpu), max(prev_peak, peak))
    if not os.path.exists(os.path.join(out, "Reports", "csv", "kartlagg.xlsx")):
        failures.append("fixed cost: the report wrote no workbook")
    ratio = best["report"][0] / best["validate"][0]
    cpu_ratio = best["report"][1] / best["validate"][1]
    met = ratio <= FIXED_COST_LIMIT
    if not met:
        failures.append(f"fixed cost: report {ratio:.2f} × validate > {FIXED_COST_LIMIT}")
    return "\n".join([
        f"A report's fixed cost on the {len(files)} example files (Surveys/examples, 337 respondents), "
        f"fastest of {max(repeat, 5)}:",
        "",
        "| command | wall s | CPU s | peak RSS MB |",
        "|---|---:|---:|---:|",
        f"| kartlagg validate | {best['validate'][0]:.3f} | {best['validate'][1]:.3f} | {best['validate'][2] / 1024:.0f} |",
        f"| kartlagg report (workbook written) | {best['report'][0]:.3f} | {best['report'][1]:.3f} | {best['report'][2] / 1024:.0f} |",
        f"| kartlagg report --min-group 10 | {best['report10'][0]:.3f} | {best['report10'][1]:.3f} | {best['report10'][2] / 1024:.0f} |",
        "",
        f"report / validate: {ratio:.2f} × wall, {cpu_ratio:.2f} × CPU; "
        f"limit {FIXED_COST_LIMIT} × wall: {'met' if met else 'NOT met'}.",
    ])


STAGE_PARTS = ["ingest", "analysis", "tables", "csv", "pages", "workbook"]


def report_stages(n, repeat):
    """What a report does after the ingest, each part alone (`kartlagg-bench stages`), on
    the examples and on the issue's export at N: the fastest of `repeat` runs of each part.
    `report` makes the CSV files and the pages on one thread while the workbook is made on
    another, so its tail is at least analysis + tables + the longer of the two."""
    files = sorted(os.path.join(EXAMPLES, x) for x in os.listdir(EXAMPLES) if x.endswith(".csv"))
    cases = [("examples (337 respondents, county survey)", [SURVEY] + files),
             (f"issue 24's export, N = {n:,}", [ISSUE_SURVEY, ensure_issue_data(n)])]
    lines = [
        f"A report's parts after the ingest, each alone (`kartlagg-bench stages`), fastest of {repeat}:",
        "",
        "| data | " + " | ".join(f"{p} s" for p in STAGE_PARTS) + " | tail at least s |",
        "|---|" + "---:|" * (len(STAGE_PARTS) + 1),
    ]
    for label, arguments in cases:
        best = {}
        for _ in range(repeat):
            proc = subprocess.run([BENCH, "stages"] + arguments, capture_output=True, text=True)
            if proc.returncode != 0:
                sys.exit(f"bench: stages failed: {proc.stderr.strip()[-500:]}")
            for line in proc.stderr.splitlines():
                name, _, value = line.partition("_s=")
                if name in STAGE_PARTS:
                    best[name] = min(best.get(name, float("inf")), float(value))
        tail = best["analysis"] + best["tables"] + max(best["csv"] + best["pages"], best["workbook"])
        lines.append(f"| {label} | " + " | ".join(f"{best[p]:.3f}" for p in STAGE_PARTS) + f" | {tail:.3f} |")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--write-results", action="store_true")
    ap.add_argument("--only", choices=["county", "issue", "fixed-cost", "stages"], help="run one part alone")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    rows = []
    failures = []
    rss = {}
    for n in sizes if args.only in (None, "county") else []:
        path = ensure_data(n)
        megabytes = os.path.getsize(path) / 1e6
        best = {}
        outputs = {}
        # Interleaved (floor, read, …, floor, read, …) so that every stage sees the same
        # machine; the fastest run of each counts.
        for _ in range(args.repeat):
            for name, build in STAGES:
                wall, cpu, peak, out = run_once(build(path))
                outputs[name] = out
                # Fastest wall and CPU time, highest peak RSS over the runs.
                prev_wall, prev_cpu, prev_peak = best.get(name, (wall, cpu, peak))
                best[name] = (min(prev_wall, wall), min(prev_cpu, cpu), max(prev_peak, peak))
        floor_wall, floor_cpu, _ = best["floor"]
        for name, _ in STAGES:
            wall, cpu, peak = best[name]
            ratio = wall / floor_wall
            rss[(name, n)] = peak
            rows.append((n, name, wall, cpu, megabytes / wall, peak / 1024, ratio, cpu / floor_cpu))
            limit = LIMITS.get(name)
            if limit and n == max(sizes) and ratio > limit:
                failures.append(f"{name} at N={n}: {ratio:.2f} × floor > {limit}")
            rss_limit = RSS_LIMITS.get(name)
            if rss_limit and n == max(sizes) and peak / 1024 > rss_limit:
                failures.append(f"{name} at N={n}: peak RSS {peak / 1024:.1f} MB > {rss_limit} MB")
        for name, (floor_name, limit) in AGGREGATION_LIMITS.items():
            ratio = best[name][0] / best[floor_name][0]
            cpu_ratio = best[name][1] / best[floor_name][1]
            rows.append((n, f"{name} / {floor_name}", best[name][0], best[name][1], 0, best[name][2] / 1024, ratio, cpu_ratio))
            if n == max(sizes) and ratio > limit:
                failures.append(f"{name} at N={n}: {ratio:.2f} × {floor_name} > {limit}")
        if n == max(sizes) and "ingest + analysis + reports" in best:
            extra = best["ingest + analysis + reports"][0] - best["ingest + analysis"][0]
            if extra > REPORT_EXTRA:
                failures.append(f"reports at N={n}: add {extra:.2f} s to ingest + analysis > {REPORT_EXTRA} s")
        # Every stage must have seen the same data as the floor.
        print(f"N={n}: " + "; ".join(f"{k}: {v}" for k, v in outputs.items()), file=sys.stderr)

    lines = [
        "| N | stage | wall s | CPU s | MB/s | peak RSS MB | × floor (wall) | × floor (CPU) |",
        "|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for n, name, wall, cpu, mbs, peak, ratio, cpu_ratio in rows:
        lines.append(
            f"| {n:,} | {name} | {wall:.3f} | {cpu:.3f} | {mbs:.0f} | {peak:.1f} | {ratio:.2f} | {cpu_ratio:.2f} |")
    lo, hi = min(sizes), max(sizes)
    growth = []
    for name, _ in STAGES:
        if (name, lo) in rss and lo != hi:
            g = rss[(name, hi)] / rss[(name, lo)]
            growth.append(f"{name}: peak RSS ×{g:.2f} from N={lo:,} to N={hi:,}")
            if name in FLAT_MEMORY and g > 1.5:
                failures.append(f"{name}: peak RSS grows ×{g:.2f} with N (limit 1.5)")
    table = "\n".join(lines)
    print(table)
    for g in growth:
        print(g)
    extra = []
    if args.only in (None, "issue"):
        extra.append(issue_shape(max(sizes), args.repeat, failures))
    if args.only in (None, "fixed-cost"):
        extra.append(fixed_cost(args.repeat, failures))
    if args.only in (None, "stages"):
        extra.append(report_stages(max(sizes), args.repeat))
    for part in extra:
        print("\n" + part)

    if args.write_results:
        machine = f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"
        with open(os.path.join(HERE, "RESULTS.md"), "w") as f:
            f.write("# Benchmark results\n\n")
            f.write(f"`make bench` on {time.strftime('%Y-%m-%d')}, {machine}; fastest of {args.repeat} runs.\n")
            f.write("The floor is libcsv alone (Benchmarks/floor/csvfloor.c) on the same file.\n\n")
            f.write(table + "\n\n" + "\n".join(f"- {g}" for g in growth) + "\n")
            for part in extra:
                f.write("\n" + part + "\n")
            if failures:
                f.write("\nOver the limits:\n" + "\n".join(f"- {x}" for x in failures) + "\n")
            else:
                f.write("\nEvery limit is met in this run.\n")
            notes = os.path.join(HERE, "NOTES.md")
            if os.path.exists(notes):
                f.write("\n" + open(notes).read())
    if failures:
        print("\nOver the limits:\n" + "\n".join(f"  {x}" for x in failures))
        sys.exit(1)


if __name__ == "__main__":
    main()
