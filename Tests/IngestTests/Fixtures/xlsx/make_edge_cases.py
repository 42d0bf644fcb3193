"""Writes the small workbooks of XLSXTests, part by part with Python's zipfile, so that
each holds exactly the case its test names (no tool in between decides the XML):

    python3 make_edge_cases.py OUT_DIR            (all of them)
    python3 make_edge_cases.py OUT_DIR dates      (dates.xlsx only)

cells.xlsx      one sheet "Blad1" of every cell kind: shared string with rich-text runs and
                a phonetic guide, inline string, numbers 3 and 3.0 and 2.5, boolean, error,
                a date and a date-time in date styles, a formula's string result, and cells
                the writer skipped (B1, then D1) and a skipped row (row 3 absent)
wide.xlsx       a header to column ZZB (702 columns) and a bad answer in columns Z, AZ, ZZ
forms-untouched.xlsx  a Microsoft Forms workbook as Forms writes it (x:-prefixed
                elements, every text a shared string, the anonymous form's empty Email and
                Name cells value-less shared-string cells: <x:c r="E2" s="0" t="s" />); the
                reference reading by openpyxl is forms-untouched.openpyxl.txt beside it
forms.xlsx      a Microsoft Forms export: Id, Start time, Completion time, Email, Name, then
                the county survey's question texts, answers as scale labels
bomb.xlsx       a sheet of 300 MB of spaces that packs to about 300 kB (ratio ≈ 1000)
malformed.xlsx  a sheet whose XML breaks off inside a tag
limits.xlsx     one cell at XFD1048576, the last cell the format allows
beyond.xlsx     a cell at row 1 048 577
badshared.xlsx  a cell referring to shared string 7 of 1
truncated.xlsx  cells.xlsx cut to half its bytes
encrypted.xlsx  an OLE compound file header, as Excel writes a password-protected workbook
old.xls         an OLE compound file header, as an Excel 97–2003 workbook
dates.xlsx      numbers in a date style (s="1", numFmt 14) that are no date ISO 8601 can
                write: 1e15, -1e15, 2e14 (beyond where days × 86 400 fits in 64 bits),
                2958466 (10000-01-01), -693594 (0000-12-31), NaN, INF, -inf; beside them
                2958465 (9999-12-31), -693593 (0001-01-01) and 46279 (2026-09-14)
"""
import os
import sys
import zipfile

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
</Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
</Relationships>"""
STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd\\ hh:mm:ss"/></numFmts>
<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs>
</styleSheet>"""
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def workbook(sheet_name="Blad1"):
    return f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook {NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="{sheet_name}" sheetId="1" r:id="rId1"/></sheets></workbook>"""


def write(path, sheet, shared=None, sheet_name="Blad1", compression=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", compression) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("xl/workbook.xml", workbook(sheet_name))
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        z.writestr("xl/styles.xml", STYLES)
        if shared is not None:
            items = "".join(f"<si>{s}</si>" for s in shared)
            z.writestr("xl/sharedStrings.xml", f'<sst {NS} count="{len(shared)}">{items}</sst>')
        z.writestr("xl/worksheets/sheet1.xml", sheet)


def sheet(rows):
    return f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}><sheetData>{rows}</sheetData></worksheet>'


def letters(i):
    s = ""
    n = i + 1
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def inline(ref, text):
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def main(out):
    os.makedirs(out, exist_ok=True)
    # Every cell kind. Row 1: A shared rich text, (B skipped), C inline, (no D: E next).
    shared = ['<r><t>Stämmer </t></r><r><rPr><b/></rPr><t xml:space="preserve">delvis</t></r><rPh sb="0" eb="1"><t>X</t></rPh>']
    rows = (
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>inline &amp; &lt;text&gt;</t></is></c>'
        '<c r="E1"><v>3</v></c><c r="F1"><v>3.0</v></c><c r="G1"><v>2.5</v></c></row>'
        '<row r="2"><c r="A2" t="b"><v>1</v></c><c r="B2" t="b"><v>0</v></c><c r="C2" t="e"><v>#N/A</v></c>'
        '<c r="D2" s="1"><v>46279</v></c><c r="E2" s="2"><v>46279.4326967593</v></c>'
        '<c r="F2" t="str"><f>A1&amp;"!"</f><v>Stämmer delvis!</v></c><c r="G2" t="s"><v>0</v></c></row>'
        '<row r="4"><c r="B4"><v>-7</v></c><c r="C4" t="inlineStr"><is><t>två\nrader, "citat"</t></is></c></row>'
    )
    write(os.path.join(out, "cells.xlsx"), sheet(rows), shared)

    # 702 header columns; row 2 has "x" under Z (25), AZ (51) and ZZ (701).
    header = "".join(inline(f"{letters(i)}1", f"k{i}") for i in range(702))
    bad = "".join(inline(f"{letters(i)}2", "x") for i in (25, 51, 701))
    write(os.path.join(out, "wide.xlsx"), sheet(f'<row r="1">{header}</row><row r="2">{bad}</row>'))

    # A zip bomb: 300 MB of spaces inside the sheet element.
    with zipfile.ZipFile(os.path.join(out, "bomb.xlsx"), "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("xl/workbook.xml", workbook())
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(f'<worksheet {NS}><sheetData>'.encode())
            block = b" " * (1 << 20)
            for _ in range(300):
                f.write(block)
            f.write(b"</sheetData></worksheet>")

    write(os.path.join(out, "malformed.xlsx"), f'<worksheet {NS}><sheetData><row r="1"><c r="A1"')
    write(os.path.join(out, "limits.xlsx"), sheet('<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>sista</t></is></c></row>'))
    write(os.path.join(out, "beyond.xlsx"), sheet('<row r="1048577"><c r="A1048577"><v>1</v></c></row>'))
    write(os.path.join(out, "badshared.xlsx"), sheet('<row r="1"><c r="A1" t="s"><v>7</v></c></row>'), ["<t>a</t>"])
    whole = open(os.path.join(out, "cells.xlsx"), "rb").read()
    open(os.path.join(out, "truncated.xlsx"), "wb").write(whole[: len(whole) // 2])
    ole = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504)
    open(os.path.join(out, "encrypted.xlsx"), "wb").write(ole)
    open(os.path.join(out, "old.xls"), "wb").write(ole)

    forms(out)
    forms_untouched(out)
    dates(out)


def dates(out):
    """Row 1 a header, row 2 the date-styled numbers of dates.xlsx, as written."""
    values = ["1E+15", "-1E+15", "2E+14", "2958466", "-693594", "NaN", "INF", "-inf", "2958465", "-693593", "46279"]
    header = "".join(inline(f"{letters(i)}1", f"d{i}") for i in range(len(values)))
    cells = "".join(f'<c r="{letters(i)}2" s="1"><v>{v}</v></c>' for i, v in enumerate(values))
    write(os.path.join(out, "dates.xlsx"), sheet(f'<row r="1">{header}</row><row r="2">{cells}</row>'))


def forms(out):
    """A Microsoft Forms export of three respondents of the county survey."""
    from openpyxl import Workbook
    import datetime
    book = Workbook()
    s = book.active
    s.title = "Sheet1"
    questions = [
        "Vilken kommun arbetar du i, eller gäller ditt svar hela länet?",
        "Vilken organisation arbetar du i?",
        "På vilken nivå arbetar du?",
    ]
    s.append(["Id", "Start time", "Completion time", "Email", "Name"] + questions)
    start = datetime.datetime(2026, 9, 14, 10, 23, 5)
    for i, (kommun, org, niva) in enumerate(
        [("Torsås", "Kommunen", "Mikronivå"), ("Torsås", "Region", "Enhetschef"), ("Kalmar", "Privat", "Ledning")],
        start=1,
    ):
        s.append([i, start, start + datetime.timedelta(minutes=9), "anonymous", "", kommun, org, niva])
    book.save(os.path.join(out, "forms.xlsx"))


def forms_untouched(out):
    """Three respondents of the county survey as Microsoft Forms writes its workbook."""
    x = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    questions = [
        "Vilken kommun arbetar du i, eller gäller ditt svar hela länet?",
        "Vilken organisation arbetar du i?",
        "På vilken nivå arbetar du?",
    ]
    header = ["Id", "Start time", "Completion time", "Email", "Name"] + questions
    answers = [("Torsås", "Kommunen", "Mikronivå"), ("Torsås", "Region", "Enhetschef"), ("Kalmar", "Privat", "Ledning")]
    strings = []

    def shared(text):
        if text not in strings:
            strings.append(text)
        return strings.index(text)

    rows = "<x:row r=\"1\">" + "".join(
        f'<x:c r="{letters(i)}1" t="s"><x:v>{shared(h)}</x:v></x:c>' for i, h in enumerate(header)) + "</x:row>"
    for n, (kommun, org, niva) in enumerate(answers, start=1):
        r = n + 1
        rows += (
            f'<x:row r="{r}"><x:c r="A{r}" s="0"><x:v>{n}</x:v></x:c>'
            f'<x:c r="B{r}" s="2"><x:v>{46279 + n / 10}</x:v></x:c><x:c r="C{r}" s="2"><x:v>{46279 + n / 10 + 0.01}</x:v></x:c>'
            f'<x:c r="D{r}" s="0" t="s" /><x:c r="E{r}" s="0" t="s" />'
            + "".join(f'<x:c r="{letters(5 + i)}{r}" s="0" t="s"><x:v>{shared(v)}</x:v></x:c>'
                      for i, v in enumerate((kommun, org, niva)))
            + "</x:row>")
    xml = f'<?xml version="1.0" encoding="utf-8"?><x:worksheet {x}><x:sheetData>{rows}</x:sheetData></x:worksheet>'
    items = "".join(f"<x:si><x:t>{t}</x:t></x:si>" for t in strings)
    path = os.path.join(out, "forms-untouched.xlsx")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES.replace(
            "</Types>", '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'))
        z.writestr("_rels/.rels", RELS)
        z.writestr("xl/workbook.xml", workbook("Sheet1"))
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.replace(
            "</Relationships>", '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'))
        z.writestr("xl/styles.xml", STYLES)
        z.writestr("xl/sharedStrings.xml", f'<x:sst {x} count="{len(strings)}">{items}</x:sst>')
        z.writestr("xl/worksheets/sheet1.xml", xml)


if __name__ == "__main__":
    if sys.argv[2:] == ["dates"]:
        dates(sys.argv[1])
    elif sys.argv[2:] == ["forms-untouched"]:
        forms_untouched(sys.argv[1])
    else:
        main(sys.argv[1])
