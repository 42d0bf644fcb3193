"""Checks Reports/csv/kartlagg.xlsx against the CSV files beside it (`make check-excel`,
which CI runs): every sheet read by openpyxl (PyPI) holds the same cells as its CSV file,
numbers as numbers, text as text. A number agrees with the CSV's (which reads back as the
same double) to 16 significant digits: libxlsxwriter stores doubles with printf's %.16G,
one digit more than Excel itself keeps (15), so a relative difference up to 1e-15 is the
library's rounding, not an error. With `--libreoffice`, LibreOffice Calc headless (Debian
libreoffice-calc) also converts every sheet to CSV; Calc writes a number with 15 significant digits, or with
20 decimals when it is small (1.99e-11 as 0.00000000001991732467), so its numbers are
compared to a relative 1e-9, or 1e-20 absolute (its last decimal).

    python3 check_xlsx.py Reports/csv [--libreoffice]
"""
import csv
import glob
import os
import subprocess
import sys
import tempfile

from openpyxl import load_workbook

folder = sys.argv[1]
failures = []
book = load_workbook(os.path.join(folder, "kartlagg.xlsx"), read_only=True)
sheets = [name for name in book.sheetnames if name not in ("Läs mig", "Read me")]


def same(csv_text, value, sheet, r, c):
    if csv_text == "":
        ok = value is None
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        x, y = float(csv_text), float(value)
        ok = abs(x - y) <= 1e-15 * max(abs(x), abs(y))
    else:
        # The CSV's formula guard puts ' before a text that a spreadsheet would run.
        ok = csv_text == value or (csv_text.startswith("'") and csv_text[1:] == value)
    if not ok and len(failures) < 20:
        failures.append(f"{sheet} row {r + 1} column {c + 1}: CSV {csv_text!r}, workbook {value!r}")
    return ok


cells = 0
for sheet in sheets:
    rows = list(csv.reader(open(os.path.join(folder, sheet + ".csv"), encoding="utf-8", newline="")))
    got = [list(row) for row in book[sheet].iter_rows(values_only=True)]
    if len(got) != len(rows):
        failures.append(f"{sheet}: {len(got)} rows in the workbook, {len(rows)} in the CSV")
        continue
    for r, (a, b) in enumerate(zip(rows, got)):
        b = b + [None] * (len(a) - len(b))
        for c, text in enumerate(a):
            same(text, b[c], sheet, r, c)
            cells += 1
print(f"openpyxl: {len(sheets)} sheets, {cells} cells compared with the CSV files")

if "--libreoffice" in sys.argv:
    with tempfile.TemporaryDirectory() as tmp:
        # Every sheet to its own CSV (the last token, -1), numbers as stored (full precision).
        subprocess.run(
            ["soffice", "--headless", "--convert-to",
             "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
             "--outdir", tmp, os.path.join(folder, "kartlagg.xlsx")],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        compared = 0
        for sheet in sheets:
            converted = glob.glob(os.path.join(tmp, f"kartlagg-{sheet}.csv"))
            if not converted:
                failures.append(f"LibreOffice wrote no CSV for sheet {sheet}")
                continue
            theirs = list(csv.reader(open(converted[0], encoding="utf-8", newline="")))
            ours = list(csv.reader(open(os.path.join(folder, sheet + ".csv"), encoding="utf-8", newline="")))
            for r, (a, b) in enumerate(zip(ours, theirs)):
                for c, text in enumerate(a):
                    other = b[c] if c < len(b) else ""
                    try:
                        x, y = float(text), float(other)
                        ok = abs(x - y) <= max(1e-9 * max(abs(x), abs(y)), 1e-20)
                    except ValueError:
                        ok = text == other or (text.startswith("'") and text[1:] == other)
                    if not ok and len(failures) < 40:
                        failures.append(f"LibreOffice {sheet} row {r + 1} column {c + 1}: {text!r} vs {other!r}")
                    compared += 1
        print(f"LibreOffice: {len(sheets)} sheets, {compared} cells compared with the CSV files")

if failures:
    print("\n".join(failures))
    sys.exit(1)
