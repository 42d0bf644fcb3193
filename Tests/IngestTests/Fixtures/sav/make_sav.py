"""Writes the example exports (Surveys/examples/*.csv) as SPSS files with pyreadstat 1.3.7
(PyPI), as a municipality's survey tool would, for the tests that read them back
(SavTests, CopiedExportTests, WorkbookTests): kartlagg must read the same respondents, and
give the same items.csv, as from the CSV files.

    python3 make_sav.py OUT_DIR      (the examples into OUT_DIR/examples, edge.sav into OUT_DIR)

Each file's header row gives the variable names (a text that is no valid SPSS name, such
as Google Forms' question texts, becomes v1, v2 … with the text as the variable's label;
Qualtrics' question-text row becomes the labels). A column whose every value is a whole
number is numeric, with the county survey's scale labels as value labels (the importance
scale for forv_viktighet and a question about what is important, the agreement scale
otherwise) and -99 and -1 declared
user-missing; the others are strings. torsas is written compressed (.zsav). Also:

edge.sav   three cases of kommun (Kalmar coded 1, Högsby 2 through value labels), an
           agreement item coded in reverse (1 = "Stämmer helt", …, 5 = "Stämmer inte
           alls"), a value 9 labelled "Okänd kod" (not a scale label: read as 9, an answer
           problem), a user-missing range 90–99 (95: no answer), and a long string (300
           characters) in a free-text column
"""
import csv
import io
import os
import re
import sys

import pandas
import pyreadstat

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = os.path.join(HERE, "..", "..", "..", "..", "Surveys", "examples")
AGREEMENT = {1: "Stämmer inte alls", 2: "Stämmer dåligt", 3: "Stämmer delvis", 4: "Stämmer ganska bra", 5: "Stämmer helt"}
IMPORTANCE = {1: "Inte alls viktigt", 2: "Mindre viktigt", 3: "Ganska viktigt", 4: "Viktigt", 5: "Mycket viktigt"}


def decoded(path):
    raw = open(path, "rb").read()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue


def rows_of(path):
    text = decoded(path)
    head = text.split("\n", 5)
    d = max(",;", key=lambda c: sum(line.count(c) for line in head))
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=d))
    start = next(i for i, row in enumerate(rows) if len(row) > 10)
    names, labels, data = rows[start], None, rows[start + 1:]
    if data and data[0] and data[0][0].startswith("Start"):  # Qualtrics: question texts, then ImportIds
        labels, data = data[0], data[2:]
    return names, labels, [row for row in data if any(row)]


def whole(x):
    try:
        return float(x) == int(float(x)) and x.strip() != ""
    except ValueError:
        return False


def write(name, names, labels, data, out, compress=False):
    valid = [re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{0,63}", n) is not None for n in names]
    variables = [n if ok else f"v{i + 1}" for i, (n, ok) in enumerate(zip(names, valid))]
    column_labels = [
        (labels[i] if labels and i < len(labels) else ("" if ok else names[i])) for i, ok in enumerate(valid)
    ]
    width = len(names)
    data = [row + [""] * (width - len(row)) for row in data]
    frame = {}
    value_labels, missing = {}, {}
    for i, variable in enumerate(variables):
        cells = [row[i] for row in data]
        filled = [c for c in cells if c.strip() != ""]
        numeric = filled and all(whole(c) for c in filled) and not any(c.startswith("0") and len(c) > 1 for c in filled)
        if numeric and variable not in ("respondent_id",):
            frame[variable] = [float(c) if c.strip() != "" else float("nan") for c in cells]
            if all(-99 <= float(c) <= 9 for c in filled):
                importance = "viktighet" in variable or "viktig" in column_labels[i].lower()
                value_labels[variable] = IMPORTANCE if importance else AGREEMENT
                missing[variable] = [-99, -1]
        else:
            frame[variable] = cells
    df = pandas.DataFrame(frame, columns=variables)
    path = os.path.join(out, name + (".zsav" if compress else ".sav"))
    pyreadstat.write_sav(
        df, path, column_labels=column_labels, variable_value_labels=value_labels,
        missing_ranges=missing, compress=compress)


def edge(out):
    text = "x" * 300
    df = pandas.DataFrame({
        "respondent_id": ["e1", "e2", "e3"],
        "kommun": [1.0, 2.0, 1.0],
        "organisation": ["Region", "Kommun", "Region"],
        "niva": ["Mikro", "Meso", "Makro"],
        "behov_komplexa_nu": [1.0, 9.0, 95.0],
        "behov_komplexa_onskat": [5.0, 4.0, 3.0],
        "behov_fritext": [text, "", ""],
    })
    pyreadstat.write_sav(
        df, os.path.join(out, "edge.sav"),
        column_labels=["Svars-id", "Vilken kommun arbetar du i, eller gäller ditt svar hela länet?", "", "", "", "", ""],
        variable_value_labels={
            "kommun": {1: "Kalmar", 2: "Högsby"},
            "behov_komplexa_nu": {1: "Stämmer helt", 2: "Stämmer ganska bra", 3: "Stämmer delvis",
                                  4: "Stämmer dåligt", 5: "Stämmer inte alls", 9: "Okänd kod"},
            "behov_komplexa_onskat": AGREEMENT,
        },
        missing_ranges={"behov_komplexa_nu": [{"lo": 90, "hi": 99}]})


def main(out):
    os.makedirs(os.path.join(out, "examples"), exist_ok=True)
    for name in sorted(os.listdir(EXAMPLES)):
        if name.endswith(".csv"):
            names, labels, data = rows_of(os.path.join(EXAMPLES, name))
            write(name[:-4], names, labels, data, os.path.join(out, "examples"), compress=name == "torsas.csv")
    edge(out)


if __name__ == "__main__":
    main(sys.argv[1])
