"""Writes the example exports (Surveys/examples/*.csv) as workbooks, as other tools do, for
the tests that read them back (CopiedExportTests, WorkbookTests, XLSXTests): kartlagg must
read the same respondents, and give the same items.csv, as from the CSV files.

    python3 make_xlsx.py openpyxl OUT_DIR     # openpyxl 3.1.5 (PyPI)
    python3 make_xlsx.py libreoffice OUT_DIR  # LibreOffice Calc headless (Debian libreoffice-calc)

openpyxl: every cell that reads as a whole number is stored as a number (a third of them
as 3.0, a float, as some tools do), the rest as shared strings; empty cells are left out
(so the reader must place the others by their `r` reference).
LibreOffice converts each CSV as Calc opens it, with the file's encoding and delimiter.
"""
import csv
import io
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = os.path.join(HERE, "..", "..", "..", "..", "Surveys", "examples")


def decoded(path):
    raw = open(path, "rb").read()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise SystemExit(f"{path}: unknown encoding")


def delimiter(text):
    head = text.split("\n", 5)
    counts = {d: sum(line.count(d) for line in head) for d in ",;\t"}
    return max(counts, key=counts.get)


def with_openpyxl(out):
    from openpyxl import Workbook
    from openpyxl.cell.rich_text import CellRichText
    for name in sorted(os.listdir(EXAMPLES)):
        if not name.endswith(".csv"):
            continue
        text, _ = decoded(os.path.join(EXAMPLES, name))
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter(text)))
        book = Workbook()
        sheet = book.active
        sheet.title = "Svar"
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value == "":
                    continue
                if value.lstrip("-").isdigit() and len(value) < 10 and not value.startswith("0"):
                    number = int(value)
                    sheet.cell(row=r, column=c, value=float(number) if (r + c) % 3 == 0 else number)
                else:
                    sheet.cell(row=r, column=c, value=value)
        book.save(os.path.join(out, name[:-4] + ".xlsx"))


def with_libreoffice(out):
    for name in sorted(os.listdir(EXAMPLES)):
        if not name.endswith(".csv"):
            continue
        path = os.path.join(EXAMPLES, name)
        text, encoding = decoded(path)
        d = str(ord(delimiter(text)))
        charset = "76" if encoding == "utf-8-sig" else "1"  # UTF-8, or Windows-1252
        # Field separator, text delimiter ("), character set, first line 1, every column
        # as text (type 2) so that codes like "0880" keep their zero.
        columns = "/".join(f"{i}/2" for i in range(1, 200))
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML",
             f"--infilter=CSV:{d},34,{charset},1,{columns}", "--outdir", out, path],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


if __name__ == "__main__":
    tool, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    {"openpyxl": with_openpyxl, "libreoffice": with_libreoffice}[tool](out)
