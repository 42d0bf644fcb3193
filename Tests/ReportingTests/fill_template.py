"""Fills in kartlagg's template workbook as a person in a spreadsheet would, with openpyxl
(PyPI), for the template's round trip (SurveyDocumentsTests.templateWorkbookRoundTrip).

The answer sheet is the one the workbook's defined name `kartlagg_answers` points at. Each
column's answers are the entries of its drop-down list (its data validation's list, read
from the sheet the formula names); a column without a list is free text. Respondent r
(0-based) answers column c with entry (r * 7 + c) mod (entries + 1) of the list, the last
of those meaning "left empty" (the municipality is never empty), so that 40 respondents
choose every entry of every list. The first column, when it has no list, is the
respondent id: R1, R2 …; a free-text
column "svar r c" or nothing. The filled workbook is saved through openpyxl (which writes
the whole workbook anew, as a spreadsheet program does), and what was put in each cell is
written to a CSV file, header = the column names of row 2, one row per respondent.

    python3 fill_template.py mall.xlsx ifylld.xlsx ifyllt.csv [respondents]
"""
import csv
import re
import sys

from openpyxl import load_workbook
from openpyxl.utils import range_boundaries

source, target, expected = sys.argv[1:4]
respondents = int(sys.argv[4]) if len(sys.argv) > 4 else 40
book = load_workbook(source)
(sheet_name, _), = book.defined_names["kartlagg_answers"].destinations
ws = book[sheet_name]
codes = [c.value for c in ws[2]]

lists = {}
for validation in ws.data_validations.dataValidation:
    assert validation.type == "list", validation.type
    m = re.fullmatch(r"=?'?(.+?)'?!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)", validation.formula1)
    assert m, validation.formula1
    entries = [row[0].value for row in book[m.group(1)][f"{m.group(2)}{m.group(3)}:{m.group(4)}{m.group(5)}"]]
    for cells in str(validation.sqref).split():
        low, top, high, bottom = range_boundaries(cells)
        assert top == 3 and bottom >= 2 + respondents, cells
        for c in range(low, high + 1):
            lists[c - 1] = entries

# The first column with a list is the municipality; a first column without one, the id.
municipality_column = min(lists)
rows = []
for r in range(respondents):
    row = []
    for c, code in enumerate(codes):
        if c == 0 and c not in lists:
            value = f"R{r + 1}"
        elif c in lists:
            entries = lists[c]
            k = (r * 7 + c) % (len(entries) + (0 if c == municipality_column else 1))
            value = entries[k] if k < len(entries) else None
        else:
            value = f"svar {r} {c}" if (r + c) % 3 else None
        ws.cell(row=3 + r, column=c + 1, value=value)
        row.append("" if value is None else value)
    rows.append(row)
book.save(target)
with open(expected, "w", encoding="utf-8", newline="") as f:
    out = csv.writer(f)
    out.writerow(codes)
    out.writerows(rows)
print(f"{respondents} respondents, {len(codes)} columns, {len(lists)} with a list "
      f"({sum(len(set(v)) for v in lists.values())} entries) written to {target}")
