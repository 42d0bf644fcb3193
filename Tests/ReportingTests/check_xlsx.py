"""Checks Reports/csv/kartlagg.xlsx against the CSV files beside it (`make check-excel`,
which CI runs), with openpyxl (PyPI):

- the sheets are named in the report's language, in order: "Läs mig", one per CSV file
  (the names below), and "Kommun × område";
- a table's row 2 is its CSV file's header exactly and row 1 a header in words for each
  column; every cell from row 3 on holds the CSV's cell: numbers as numbers, text as text,
  `true`/`false` as booleans; a number agrees with the CSV's (which reads back as the same
  double) to 16 significant digits: libxlsxwriter stores doubles with printf's %.16G, one
  digit more than Excel itself keeps (15), so a relative difference up to 1e-15 is the
  library's rounding, not an error;
- number formats: shares (share*, *_top_two) as per cent "0.0 %", p-values "0.000",
  other figures "0.00", counts "0";
- every sheet has an autofilter over exactly its table (from row 2 on every table sheet),
  a print area, landscape A4 one page wide, and its header rows repeated;
- "Kommun × område" holds sections.csv's gap_mean of each municipality (and the county)
  and section or development area, empty where sections.csv's is;
- "Läs mig" explains every column of every table sheet in words.

With `--libreoffice`, LibreOffice Calc headless (Debian libreoffice-calc) also converts every
sheet to CSV; Calc writes a number with 15 significant digits, or with 20 decimals when it
is small (1.99e-11 as 0.00000000001991732467), so its numbers are compared to a relative
1e-9, or 1e-20 absolute (its last decimal); a share in per cent (11.0367892976589%) is divided
by 100 first, and a boolean is TRUE/FALSE (1/0 once it has a number format).

    python3 check_xlsx.py Reports/csv [--libreoffice]
"""
import csv
import glob
import os
import re
import subprocess
import sys
import tempfile

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

folder = sys.argv[1]
failures = []


def fail(message):
    if len(failures) < 40:
        failures.append(message)


book = load_workbook(os.path.join(folder, "kartlagg.xlsx"))
swedish = book.sheetnames[0] == "Läs mig"
SHEETS = {
    "items.csv": ("Påståenden", "Items"),
    "sections.csv": ("Avsnitt och linser", "Sections and lenses"),
    "municipality_vs_county.csv": ("Kommun mot länet", "Municipality vs county"),
    "mellanrum.csv": ("Mellanrum", "Mellanrum"),
    "priorities.csv": ("Prioriteringar", "Priorities"),
    "strengths.csv": ("Styrkor", "Strengths"),
    "answers.csv": ("Svar", "Answers"),
}
language = 0 if swedish else 1
tables = {names[language]: file for file, names in SHEETS.items()}
heatmap = ("Kommun × område", "Municipality × area")[language]
expected = [("Läs mig", "Read me")[language]] + list(tables) + [heatmap]
if book.sheetnames != expected:
    fail(f"sheets {book.sheetnames}, expected {expected}")

BOOLEANS = {"suppressed", "significant", "flagged", "change_significant", "draft"}


def number_format(column):
    if column.startswith("share") or column.endswith("_top_two"):
        return "0.0 %"
    if column.startswith("p_"):
        return "0.000"
    if column in ("n", "count", "rank", "priority", "strength", "items", "respondents", "region_n",
                  "municipality_n", "n_change", "items_compared", "smaller", "larger"):
        return "0"
    return "0.00"


def same(csv_text, cell, column, sheet, r, c):
    value = cell.value
    if csv_text == "":
        ok = value is None
    elif column in BOOLEANS:
        ok = isinstance(value, bool) and value == (csv_text == "true")
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        x, y = float(csv_text), float(value)
        ok = abs(x - y) <= 1e-15 * max(abs(x), abs(y))
        if ok and cell.number_format != number_format(column):
            fail(f"{sheet} {cell.coordinate} ({column}): format {cell.number_format!r}, "
                 f"expected {number_format(column)!r}")
    else:
        # The CSV's formula guard puts ' before a text that a spreadsheet would run.
        ok = csv_text == value or (csv_text.startswith("'") and csv_text[1:] == value)
    if not ok:
        fail(f"{sheet} row {r} column {c + 1} ({column}): CSV {csv_text!r}, workbook {value!r}")


def page(sheet, rows, columns, header_rows):
    ws = book[sheet]
    last = f"{get_column_letter(columns)}{rows}"
    area = ws.print_area if isinstance(ws.print_area, str) else ",".join(ws.print_area or [])
    if not area or not area.replace("$", "").endswith(f"A1:{last}"):
        fail(f"{sheet}: print area {area!r}, expected A1:{last}")
    if ws.page_setup.orientation != "landscape" or str(ws.page_setup.paperSize) != "9":
        fail(f"{sheet}: page {ws.page_setup.orientation} paper {ws.page_setup.paperSize}, expected landscape A4")
    if ws.page_setup.fitToWidth not in (1, None) or ws.page_setup.fitToHeight != 0 or not ws.sheet_properties.pageSetUpPr.fitToPage:
        fail(f"{sheet}: not fitted to one page wide")
    if header_rows and (ws.print_title_rows or "").replace("$", "") != f"1:{header_rows}":
        fail(f"{sheet}: repeated rows {ws.print_title_rows!r}, expected 1:{header_rows}")


def csv_rows(file):
    return list(csv.reader(open(os.path.join(folder, file), encoding="utf-8", newline="")))


cells = 0
for sheet, file in tables.items():
    if sheet not in book.sheetnames:
        continue
    rows = csv_rows(file)
    ws = book[sheet]
    got = list(ws.iter_rows())
    header = [c.value for c in got[0]] if got else []
    machine = [c.value for c in got[1]] if len(got) > 1 else []
    if machine != rows[0]:
        fail(f"{sheet} row 2: {machine}, expected the CSV header {rows[0]}")
    if len(header) != len(rows[0]) or not all(isinstance(h, str) and h for h in header):
        fail(f"{sheet} row 1: a header in words for every column expected, got {header}")
    if len(got) - 2 != len(rows) - 1:
        fail(f"{sheet}: {len(got) - 2} rows in the workbook, {len(rows) - 1} in the CSV")
        continue
    for r, (a, b) in enumerate(zip(rows[1:], got[2:])):
        for c, text in enumerate(a):
            if c < len(b):
                same(text, b[c], rows[0][c], sheet, r + 3, c)
            elif text != "":
                fail(f"{sheet} row {r + 3} column {c + 1}: CSV {text!r}, workbook nothing")
            cells += 1
    ref = f"A2:{get_column_letter(len(rows[0]))}{len(rows) + 1}"
    if ws.auto_filter.ref != ref:
        fail(f"{sheet}: autofilter {ws.auto_filter.ref!r}, expected {ref}")
    if ws.freeze_panes != "A3":
        fail(f"{sheet}: frozen at {ws.freeze_panes}, expected A3")
    page(sheet, len(rows) + 1, len(rows[0]), 2)
print(f"openpyxl: {len(tables)} sheets, {cells} cells compared with the CSV files; "
      "booleans, number formats, filters and pages checked")

# The heat map against sections.csv.
if heatmap in book.sheetnames:
    sections = csv_rows("sections.csv")
    column = {name: i for i, name in enumerate(sections[0])}
    gap = {}
    for row in sections[1:]:
        if row[column["scope_type"]] in ("county", "municipality"):
            key = (row[column["scope"]], row[column["group_type"]] + ":" + row[column["group"]])
            gap[key] = row[column["gap_mean"]]
    ws = book[heatmap]
    got = [[c.value for c in row] for row in ws.iter_rows()]
    codes = got[1]
    if codes[0] != "scope" or not any(str(c).startswith("section:") for c in codes[1:]):
        fail(f"{heatmap} row 2: {codes}")
    compared = 0
    for row in got[2:]:
        for code, value in zip(codes[1:], row[1:]):
            want = gap.get((row[0], code))
            if want is None:
                fail(f"{heatmap}: {row[0]} × {code} not in sections.csv")
            elif want == "":
                if value is not None:
                    fail(f"{heatmap}: {row[0]} × {code} is {value!r}, hidden in sections.csv")
            elif not isinstance(value, float) or abs(float(want) - value) > 1e-15 * abs(value):
                fail(f"{heatmap}: {row[0]} × {code} is {value!r}, sections.csv {want}")
            compared += 1
    municipalities = {k[0] for k in gap} 
    if len(got) - 2 != len(municipalities):
        fail(f"{heatmap}: {len(got) - 2} rows, sections.csv has {len(municipalities)} places")
    if ws.auto_filter.ref != f"A2:{get_column_letter(len(codes))}{len(got)}":
        fail(f"{heatmap}: autofilter {ws.auto_filter.ref!r}")
    if not ws.conditional_formatting:
        fail(f"{heatmap}: no colour scale")
    page(heatmap, len(got), len(codes), 2)
    print(f"openpyxl: {heatmap}, {compared} cells compared with sections.csv")

# Läs mig explains every column of every table.
readme = book[expected[0]]
lines = [[c.value for c in row] for row in readme.iter_rows()]
top = next((i for i, row in enumerate(lines) if row[:4] == (["Blad", "CSV-fil", "Rubrik", "Kolumn"] if swedish else ["Sheet", "CSV file", "Header", "Column"])), None)
if top is None:
    fail(f"{expected[0]}: no table of columns")
else:
    explained = {(row[1], row[3]): row[4] for row in lines[top + 1:] if row[3]}
    for sheet, file in tables.items():
        for name in csv_rows(file)[0]:
            text = explained.get((file, name))
            if not text or len(text) < 8:
                fail(f"{expected[0]}: {file} column {name} is not explained")
    if readme.auto_filter.ref is None or not readme.auto_filter.ref.startswith(f"A{top + 1}:"):
        fail(f"{expected[0]}: autofilter {readme.auto_filter.ref!r}, expected from row {top + 1}")
    if any("Reports/README.md" in str(v) for row in lines for v in row):
        fail(f"{expected[0]} points at Reports/README.md, which is not in the shared folder")
    print(f"openpyxl: {expected[0]} explains {len(explained)} columns")

if "--libreoffice" in sys.argv:
    with tempfile.TemporaryDirectory() as tmp:
        # Every sheet to its own CSV (the last token, -1), numbers as stored (full precision).
        subprocess.run(
            ["soffice", "--headless", "--convert-to",
             "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
             "--outdir", tmp, os.path.join(folder, "kartlagg.xlsx")],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        compared = 0
        for sheet, file in tables.items():
            converted = os.path.join(tmp, f"kartlagg-{sheet}.csv")
            if not os.path.exists(converted):
                fail(f"LibreOffice wrote no CSV for sheet {sheet}: {sorted(os.listdir(tmp))}")
                continue
            theirs = list(csv.reader(open(converted, encoding="utf-8", newline="")))
            ours = csv_rows(file)
            if theirs[1:2] != ours[:1]:
                fail(f"LibreOffice {sheet} row 2: {theirs[1:2]}")
            for r, (a, b) in enumerate(zip(ours[1:], theirs[2:])):
                for c, text in enumerate(a):
                    other = b[c] if c < len(b) else ""
                    try:
                        # Calc writes a per cent format's number as shown: 11.0367892976589%.
                        x = float(text)
                        y = float(other[:-1]) / 100 if other.endswith("%") else float(other)
                        ok = abs(x - y) <= max(1e-9 * max(abs(x), abs(y)), 1e-20)
                    except ValueError:
                        ok = (text == other or (text.startswith("'") and text[1:] == other)
                              or (ours[0][c] in BOOLEANS and other in {"true": ("TRUE", "SANT", "1"), "false": ("FALSE", "FALSKT", "0")}.get(text, ())))
                    if not ok:
                        fail(f"LibreOffice {sheet} row {r + 3} column {c + 1}: {text!r} vs {other!r}")
                    compared += 1
        print(f"LibreOffice: {len(tables)} sheets, {compared} cells compared with the CSV files")

if failures:
    print("\n".join(failures))
    sys.exit(1)
