"""Writes labels/labels.sav, labels/labels.zsav and labels/labels.por with pyreadstat 1.3.x
(PyPI), as SPSS files come from survey tools: every variable has a label (the question
text, as Qualtrics, YouGov and PSPP write them), numeric answers carry value labels, and
the codes 8 and 9 are labelled ("Vet ej", "Ingen uppgift") and declared user-missing in
a_nu only as labels, not as missing values, so that the survey's no-answer codes decide.

    python3 make_labels.py labels      (then: python3 make_labels.py labels read)

Variables (for the survey TestSurveys.mini, its scale's no-answer codes set to 8 and 9):

respondent_id  string, label "Respondentens id"
kommun         numeric, label "Vilken kommun arbetar du i?", 1 Kalmar, 2 Högsby
organisation   string, label "Organisation där du arbetar" (matches nothing)
a_nu           numeric, label "Vi möts regelbundet – Nuläge", the scale's labels, 8 "Vet
               ej", 9 "Ingen uppgift"
fraga7         numeric, label "Vi möts regelbundet – Önskat läge" (the item's question:
               its column is found by the label alone)
b_nu           numeric, label "Vi delar information – Nuläge"
b_onskat       numeric, label "Vi delar information – Önskat läge"
c, d           strings, labels "Finns en rutin?" and "Vad saknas?"

The names match 8 columns of mini, the labels only 3 (b, c and d have no question text
in mini): too few for the label row to pass for a header row by its matches alone.

labels.por has the same cases and labels, its names shortened to 8 characters (resp_id,
organis) and its labels in ASCII, as the portable format requires (organis labelled
"Organisation", so that the group is found by its label); pyreadstat writes no
value labels into it.

Case 4 is missing in every variable (empty strings, system-missing numbers): a
respondent who skipped every question.
"""
import os
import sys

import pandas
import pyreadstat

AGREEMENT = {1.0: "Stämmer inte alls", 2.0: "Stämmer dåligt", 3.0: "Stämmer delvis", 4.0: "Stämmer ganska bra",
             5.0: "Stämmer helt", 8.0: "Vet ej", 9.0: "Ingen uppgift"}
NAN = float("nan")


def write(out):
    os.makedirs(out, exist_ok=True)
    frame = pandas.DataFrame({
        "respondent_id": ["r1", "r2", "r3", ""],
        "kommun": [1.0, 2.0, 1.0, NAN],
        "organisation": ["Region", "Kommun", "Kommun", ""],
        "a_nu": [4.0, 8.0, 9.0, NAN],
        "fraga7": [5.0, 3.0, 2.0, NAN],
        "b_nu": [1.0, 2.0, 8.0, NAN],
        "b_onskat": [2.0, 3.0, 4.0, NAN],
        "c": ["Ja", "Nej", "Ja", ""],
        "d": ["Mer tid", "", "Ett forum", ""],
    })
    labels = ["Respondentens id", "Vilken kommun arbetar du i?", "Organisation där du arbetar",
              "Vi möts regelbundet – Nuläge", "Vi möts regelbundet – Önskat läge", "Vi delar information – Nuläge",
              "Vi delar information – Önskat läge", "Finns en rutin?", "Vad saknas?"]
    values = {"kommun": {1.0: "Kalmar", 2.0: "Högsby"}, "a_nu": AGREEMENT, "fraga7": AGREEMENT, "b_nu": AGREEMENT,
              "b_onskat": AGREEMENT}
    pyreadstat.write_sav(frame, os.path.join(out, "labels.sav"), column_labels=labels, variable_value_labels=values)
    pyreadstat.write_sav(frame, os.path.join(out, "labels.zsav"), column_labels=labels, variable_value_labels=values,
                         compress=True)
    # A portable file's names have at most 8 characters: respondent_id and organisation
    # are shortened, and found by their labels.
    short = frame.rename(columns={"respondent_id": "resp_id", "organisation": "organis"})
    ascii = [label.replace("–", "-").replace("ö", "o").replace("ä", "a").replace("Ö", "O").replace("å", "a")
             for label in labels]
    ascii[2] = "Organisation"
    pyreadstat.write_por(short, os.path.join(out, "labels.por"), column_labels=ascii)


def read(out):
    for name in ("labels.sav", "labels.zsav", "labels.por"):
        frame, meta = pyreadstat.read_sav(os.path.join(out, name)) if name != "labels.por" else \
            pyreadstat.read_por(os.path.join(out, name))
        print(f"== {name}: {meta.number_rows} cases")
        print("names: ", meta.column_names)
        print("labels:", meta.column_labels)
        print("value labels:", meta.variable_value_labels)
        for row in frame.itertuples(index=False):
            print(list(row))


if __name__ == "__main__":
    (read if sys.argv[2:] == ["read"] else write)(sys.argv[1])
