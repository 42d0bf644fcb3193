#!/usr/bin/env python3
"""The priority chart's two axes side by side, read from a report's CSV files with
Python's csv module and scipy, not from kartlagg's code: per place (the county and each
municipality) and item, the gap (items.csv, gap_mean) and the mellanrum of the survey's
first declared pair (mellanrum.csv, |difference|, the rows of the first dimension and
pair listed; rows that cannot be compared have no difference and are left out, as the
chart leaves them out). Prints Pearson's and Spearman's correlation of the two, and for
comparison those of the old matrix's axes (current_mean against gap_mean).

    python3 Tools/priority_axes.py Reports/csv
"""

import csv
import os
import sys

from scipy import stats


def rows(folder, name):
    with open(os.path.join(folder, name), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def main(folder):
    items = rows(folder, "items.csv")
    mellanrum = rows(folder, "mellanrum.csv")
    first = (mellanrum[0]["dimension"], mellanrum[0]["first_group"], mellanrum[0]["second_group"])
    # The place's own figures: the county (scope_type county) and each municipality.
    places = {}
    for r in items:
        if r["scope_type"] in ("county", "municipality") and r["suppressed"] == "false" and r["gap_mean"]:
            places[(r["scope"], r["item"])] = (float(r["gap_mean"]), float(r["current_mean"]))
    pairs = []
    for r in mellanrum:
        if (r["dimension"], r["first_group"], r["second_group"]) != first or not r["difference"]:
            continue
        key = (r["place"], r["item"])
        if key in places:
            pairs.append((key[0], abs(float(r["difference"])), *places[key]))
    county = items[0]["scope"]
    for label, chosen in (("county", [p for p in pairs if p[0] == county]), ("every place", pairs)):
        m = [p[1] for p in chosen]
        gap = [p[2] for p in chosen]
        current = [p[3] for p in chosen]
        print(f"{label}: {len(chosen)} points ({first[0]}: {first[1]} against {first[2]})")
        print(f"  gap ~ mellanrum:     Pearson r = {stats.pearsonr(m, gap)[0]:+.3f}, "
              f"Spearman rho = {stats.spearmanr(m, gap)[0]:+.3f}")
        print(f"  gap ~ current state: Pearson r = {stats.pearsonr(current, gap)[0]:+.3f}, "
              f"Spearman rho = {stats.spearmanr(current, gap)[0]:+.3f}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "Reports/csv")
