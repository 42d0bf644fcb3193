# Counts the example exports (Surveys/examples) with Python's csv module, independently of
# kartlagg, for Tests/IngestTests/ExampleExportTests.swift. Run from the repository root.
import csv, io, glob, os
labels = {"Stämmer inte alls": 1, "Stämmer dåligt": 2, "Stämmer delvis": 3, "Stämmer ganska bra": 4, "Stämmer helt": 5,
          "Inte alls viktigt": 1, "Mindre viktigt": 2, "Ganska viktigt": 3, "Viktigt": 4, "Mycket viktigt": 5}
noanswer = {"", "Vet ej", "-1", "-99"}
orgs = {"Region Kalmar län", "Region", "Kommun", "Kommunen", "Privat utförare", "Privat", "Brukarrepresentant", "Brukare"}
known = {"Borgholm", "Emmaboda kommun", "Hultsfred", "Högsby kn", "Kalmar", "MÖNSTERÅS", "Morbylanga",
         "Nybro kommun", "Oskarshamns kommun", "0834", "Västervik", "Vimmerby", "Hela länet"}
for path in sorted(glob.glob("Surveys/examples/*.csv")):
    name = os.path.basename(path)[:-4]
    text = open(path, "rb").read().decode("cp1252" if name == "nybro" else "utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";" if name == "nybro" else ",", strict=True))
    first = {"nybro": 3, "vimmerby": 3}.get(name, 1)          # header rows end here (1-based row)
    header = rows[first - 1 if name != "vimmerby" else 1]      # the row with names or question texts
    data = [r for r in rows[first:] if any(c.strip() for c in r)]
    mcol = 8 if name == "vimmerby" else 1
    idcol = {"vimmerby": 7, "vastervik": None}.get(name, 0)
    scale = [j for j, h in enumerate(header) if j > mcol + 2 and ("fritext" not in h and h != "hsv_skriftlig")
             and not h.startswith(("Vad ", "Vilka ", "Hur kan", "Finns en", "Vilken", "Har du", "Vem ", "Hur ser", "Hur vill", "Beskriv", "Finns det"))]
    seen, rejected, problems, answered, total, blank = set(), 0, 0, 0, 0, 0
    for r in data:
        # A blank municipality is a respondent of "okänd kommun"; a misspelled one is rejected.
        if r[mcol].strip() and r[mcol] not in known: rejected += 1; continue
        if idcol is not None:
            if r[idcol] in seen: rejected += 1; continue
            seen.add(r[idcol])
        if not r[mcol].strip(): blank += 1
        if r[mcol + 1] not in orgs: problems += 1
        for j in scale:
            c = r[j]
            if c in noanswer: continue
            v = labels[c] if c in labels else float(c)
            if v in (1, 2, 3, 4, 5): answered += 1; total += int(v)
            else: problems += 1
    print(f"{name}: read={len(data)} accepted={len(data) - rejected} rejected={rejected} problems={problems} answered={answered} sum={total} scalecols={len(scale)} blank_municipality={blank}")
