"""Checks printed pages (`make check-layout`, after `make report`): each page is printed
to A4 by headless Chromium, rasterised by poppler's pdftoppm, and no page but the first
(the summary, a part of its own) and the last may be less than a third full.

    python3 check_print.py Reports/index.html Reports/kommun/torsas.html …
"""
import glob
import os
import subprocess
import sys
import tempfile

from PIL import Image

failures = []
for path in sys.argv[1:]:
    with tempfile.TemporaryDirectory() as tmp:
        pdf = os.path.join(tmp, "page.pdf")
        subprocess.run(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
             f"--print-to-pdf={pdf}", "file://" + os.path.abspath(path)],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        subprocess.run(["pdftoppm", "-r", "30", "-gray", pdf, os.path.join(tmp, "p")], check=True)
        fills = []
        for page in sorted(glob.glob(os.path.join(tmp, "p-*.pgm"))):
            image = Image.open(page)
            width, height = image.size
            pixels = image.load()
            # Between the running header (top 7 %) and the bottom margin (6 %).
            top, bottom = int(height * 0.07), height - int(height * 0.06)
            last = top
            for y in range(top, bottom):
                if any(pixels[x, y] < 200 for x in range(0, width, 2)):
                    last = y
            fills.append((last - top) / (bottom - top))
        print(f"{path}: {len(fills)} pages, filled " + " ".join(f"{f:.0%}" for f in fills))
        for i, fill in enumerate(fills[1:-1], start=2):
            if fill < 1 / 3:
                failures.append(f"{path}: printed page {i} is {fill:.0%} full")
if failures:
    print("\n".join(failures))
    sys.exit(1)
