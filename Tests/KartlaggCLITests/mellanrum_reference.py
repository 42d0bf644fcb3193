#!/usr/bin/env python3
"""Reference figures for MellanrumReferenceTests: every declared mellanrum pair (region
against kommun, mikro against makro) per place and item, recomputed from a round's raw CSV
files with Python's csv module, numpy and scipy (independently of kartlagg).

    python3 Tests/KartlaggCLITests/mellanrum_reference.py Surveys/kalmar-primarvard.yaml \
        Surveys/rounds/2027 REPORT/csv/mellanrum.csv \
        > Tests/KartlaggCLITests/Fixtures/mellanrum/mellanrum-2027.csv

Which (pair, place, item) rows are compared is what kartlagg's report shows (its
mellanrum.csv, the rows with suppressed = false): that is the suppression rule, tested on
its own in SuppressionTests. Every figure of those rows is computed here from the
respondents:
- a group is the respondents of the place (the county: everyone, county-wide respondents
  included) whose dimension value is the pair's first or second value;
- its current state is every answer on the item's scale to the current-state column
  (whether or not the desired state was answered); no-answer codes and empty cells are
  missing;
- difference = first mean − second mean; Welch's t-test,
  scipy.stats.ttest_ind(first, second, equal_var=False); no test when a group has fewer
  than 2 answers or both have no variance (kartlagg's rule: the t statistic is undefined);
- the p-values of one place, over every pair's rows together, adjusted by
  Benjamini–Hochberg, scipy.stats.false_discovery_control(p, method="bh");
  supported when the adjusted p is below 0.05, else not_supported.
"""
import csv
import os
import sys

import numpy as np
import yaml
from scipy import stats


def load(survey_path, folder):
    with open(survey_path, encoding="utf-8") as f:
        survey = yaml.safe_load(f)
    scales = {s["id"]: {str(p["value"]) for p in s["points"]} for s in survey["scales"]}
    items = []
    for section in survey["sections"]:
        for item in section["items"]:
            if "current" in item and "desired" in item:
                items.append((item["id"], item["current"]["column"], scales[item["scale"]]))
    names, places = {}, {}
    for m in survey["county"]["municipalities"]:
        names[m["code"]] = m["name"]
        for form in [m["name"], m["code"]] + m.get("spellings", []):
            places[str(form).casefold()] = m["code"]
    wide = survey["county"]["county_wide"]
    for form in [wide["name"], wide["code"]] + wide.get("spellings", []):
        places[str(form).casefold()] = None
    dimensions = {}
    for d in survey["respondents"]["dimensions"]:
        values = {}
        for v in d["values"]:
            for form in [v["id"], v["label"]] + v.get("spellings", []):
                values[form.casefold()] = v["id"]
        dimensions[d["id"]] = (d["column"], values)
    column = survey["respondents"]["municipality"]["column"]
    rows = []
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".csv"):
            continue
        with open(os.path.join(folder, name), encoding="utf-8", newline="") as f:
            for record in csv.DictReader(f):
                place = places[record[column].strip().casefold()]
                groups = {d: values.get(record[c].strip().casefold()) for d, (c, values) in dimensions.items()}
                current = {}
                for item, c, points in items:
                    v = record[c].strip()
                    if v in points:
                        current[item] = float(v)
                rows.append((place, groups, current))
    pairs = survey["report"]["mellanrum"]
    if isinstance(pairs, dict):
        pairs = [pairs]
    return survey["county"]["name"], names, rows, pairs


def main():
    survey_path, folder, report_csv = sys.argv[1:4]
    county, names, rows, pairs = load(survey_path, folder)
    code_of = {name: code for code, name in names.items()}
    with open(report_csv, encoding="utf-8", newline="") as f:
        shown = [r for r in csv.DictReader(f) if r["suppressed"] == "false"]
    out = []
    for r in shown:
        place = None if r["place"] == county else code_of[r["place"]]
        dimension, first, second = r["dimension"], r["first_group"], r["second_group"]
        assert {"dimension": dimension, "between": [first, second]} in pairs

        def answers(value):
            return np.array([
                cur[r["item"]] for p, groups, cur in rows
                if (place is None or p == place) and groups[dimension] == value and r["item"] in cur
            ])

        a, b = answers(first), answers(second)
        test = len(a) >= 2 and len(b) >= 2 and (a.var() + b.var()) > 0
        p = stats.ttest_ind(a, b, equal_var=False).pvalue if test else None
        mean = lambda x: float(x.mean()) if len(x) else None
        difference = mean(a) - mean(b) if len(a) and len(b) else None
        out.append([r["place"], dimension, first, second, r["item"], len(a), mean(a), len(b), mean(b), difference, p])
    adjusted = [None] * len(out)
    for place in {row[0] for row in out}:
        tested = [i for i, row in enumerate(out) if row[0] == place and row[-1] is not None]
        for i, q in zip(tested, stats.false_discovery_control([out[i][-1] for i in tested], method="bh")):
            adjusted[i] = float(q)
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow([
        "place", "dimension", "first_group", "second_group", "item", "first_n", "first_current_mean", "second_n",
        "second_current_mean", "difference", "p_welch", "p_adjusted", "verdict",
    ])
    text = lambda x: "" if x is None else repr(float(x))
    for row, q in zip(out, adjusted):
        verdict = "cannot_be_compared" if row[9] is None else "supported" if q is not None and q < 0.05 else "not_supported"
        writer.writerow(row[:5] + [row[5], text(row[6]), row[7], text(row[8]), text(row[9]), text(row[10]), text(q), verdict])


if __name__ == "__main__":
    main()
