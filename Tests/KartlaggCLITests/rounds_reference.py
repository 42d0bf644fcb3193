#!/usr/bin/env python3
"""Reference figures for RoundStoreTests.threeRoundsAgainstScipy: the change of every item
gap between two generated rounds, recomputed from the rounds' raw CSV files with Python's
csv module, numpy and scipy (independently of kartlagg).

    python3 Tests/KartlaggCLITests/rounds_reference.py Surveys/kalmar-primarvard.yaml \
        Surveys/rounds/2027 Surveys/rounds/2028 LATER/csv/items.csv \
        kalmar.csv,lansovergripande.csv,torsas.csv,vastervik.csv \
        > Tests/KartlaggCLITests/Fixtures/rounds/changes-2027-2028.csv

The last argument, optional, names the files of each round's folder that were imported
(the test imports four municipalities' files a round, not the county's 13); without it,
every .csv file of the folders.

Which (scope, item) pairs are tested is what kartlagg's report of the later round shows
(its items.csv, the rows with a p_welch_change): that is the suppression rule, tested on
its own in SuppressionTests. Every figure of those rows is computed here from the
respondents:
- the gap of a respondent is desired − current, for respondents who answered both on the
  scale (no-answer codes and labels of the survey's scale, and empty cells, are missing);
- the change is the later round's mean minus the earlier one's; n, current and desired
  likewise (current and desired among the same complete pairs);
- Welch's t-test between the two rounds' gaps, scipy.stats.ttest_ind(later, earlier,
  equal_var=False), and its 95 % interval (.confidence_interval(0.95));
- the p-values adjusted together by Benjamini–Hochberg,
  scipy.stats.false_discovery_control(p, method="bh"); significant when below 0.05.

The generated later rounds are in kartlagg's own template (UTF-8, codes, one header row),
so nothing else about reading exports is needed here.
"""
import csv
import os
import sys

import numpy as np
import yaml
from scipy import stats


def load_survey(path):
    with open(path, encoding="utf-8") as f:
        survey = yaml.safe_load(f)
    scales = {s["id"]: s for s in survey["scales"]}
    items = []
    for section in survey["sections"]:
        for item in section["items"]:
            if "current" in item and "desired" in item:
                scale = scales[item["scale"]]
                points = {str(p["value"]) for p in scale["points"]}
                items.append((item["id"], item["current"]["column"], item["desired"]["column"], points))
    places = {}
    for m in survey["county"]["municipalities"]:
        places[m["name"].casefold()] = m["code"]
        places[m["code"]] = m["code"]
    wide = survey["county"]["county_wide"]
    for name in [wide["name"], wide["code"]] + wide.get("spellings", []):
        places[str(name).casefold()] = None
    dimensions = []
    for d in survey["respondents"]["dimensions"]:
        values = {}
        for v in d["values"]:
            for form in [v["id"], v["label"]] + v.get("spellings", []):
                values[form.casefold()] = v["id"]
        dimensions.append((d["id"], d["column"], values))
    municipality_column = survey["respondents"]["municipality"]["column"]
    return items, places, dimensions, municipality_column


def load_round(folder, survey, only=None):
    items, places, dimensions, municipality_column = survey
    rows = []
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".csv") or (only is not None and name not in only):
            continue
        with open(os.path.join(folder, name), encoding="utf-8", newline="") as f:
            for record in csv.DictReader(f):
                place = places[record[municipality_column].strip().casefold()]
                groups = {d: values[record[column].strip().casefold()] for d, column, values in dimensions}
                pairs = {}
                for item, current, desired, points in items:
                    c, d = record[current].strip(), record[desired].strip()
                    if c in points and d in points:
                        pairs[item] = (int(c), int(d))
                rows.append((place, groups, pairs))
    return rows


def members(rows, scope_id):
    parts = scope_id.split("/")
    place = parts[0]
    out = []
    for row in rows:
        if place != "county" and row[0] != place:
            continue
        if len(parts) == 3 and row[1][parts[1]] != parts[2]:
            continue
        out.append(row)
    return out


def main():
    survey_path, earlier_dir, later_dir, later_items = sys.argv[1:5]
    only = set(sys.argv[5].split(",")) if len(sys.argv) > 5 else None
    survey = load_survey(survey_path)
    earlier = load_round(earlier_dir, survey, only)
    later = load_round(later_dir, survey, only)
    if only is not None:
        for folder in (earlier_dir, later_dir):
            missing = only - set(os.listdir(folder))
            if missing:
                sys.exit(f"{folder} has no {', '.join(sorted(missing))}")
    with open(later_items, encoding="utf-8", newline="") as f:
        tested = [(r["scope_id"], r["item"]) for r in csv.DictReader(f) if r["p_welch_change"] != ""]
    out = []
    for scope_id, item in tested:
        def pairs(rows):
            return np.array([row[2][item] for row in members(rows, scope_id) if item in row[2]], dtype=float)

        a, b = pairs(later), pairs(earlier)
        ga, gb = a[:, 1] - a[:, 0], b[:, 1] - b[:, 0]
        t = stats.ttest_ind(ga, gb, equal_var=False)
        ci = t.confidence_interval(0.95)
        out.append([
            scope_id, item, len(a) - len(b), a[:, 0].mean() - b[:, 0].mean(), a[:, 1].mean() - b[:, 1].mean(),
            ga.mean() - gb.mean(), ci.low, ci.high, t.pvalue,
        ])
    adjusted = stats.false_discovery_control([r[-1] for r in out], method="bh")
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow([
        "scope_id", "item", "n_change", "current_mean_change", "desired_mean_change", "gap_mean_change",
        "gap_mean_change_ci_low", "gap_mean_change_ci_high", "p_welch_change", "p_change_adjusted",
        "change_significant",
    ])
    for row, p in zip(out, adjusted):
        writer.writerow(row[:2] + [row[2]] + [repr(float(x)) for x in row[3:]] + [repr(float(p)),
                        "true" if p < 0.05 else "false"])


if __name__ == "__main__":
    main()
