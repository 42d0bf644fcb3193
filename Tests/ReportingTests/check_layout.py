"""Checks generated pages as a phone shows them (`make check-layout`, after `make report`):
at a 390 px wide window, no page scrolls sideways (wide tables and charts scroll in their
own box), and no chart text is drawn smaller than 10 px. Headless Chromium through
Debian's chromium-driver and PyPI's selenium.

    python3 check_layout.py Reports/index.html Reports/kommun/torsas.html …
"""
import os
import sys

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

options = Options()
for argument in ("--headless=new", "--no-sandbox"):
    options.add_argument(argument)
# A phone's viewport, exactly (a headless window has a minimum width above 390 px).
options.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": 390, "height": 844, "pixelRatio": 1}})
options.binary_location = "/usr/bin/chromium"
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
failures = []
try:
    for path in sys.argv[1:]:
        driver.get("file://" + os.path.abspath(path))
        scroll, client = driver.execute_script(
            "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if scroll > client:
            failures.append(f"{path}: the page is {scroll} px wide in a {client} px window")
        smallest = driver.execute_script("""
            let min = 1e9;
            for (const t of document.querySelectorAll('svg[viewBox] text')) {
              const svg = t.ownerSVGElement, box = svg.getBoundingClientRect();
              if (box.width === 0) continue;
              const px = parseFloat(getComputedStyle(t).fontSize) * box.width / svg.viewBox.baseVal.width;
              min = Math.min(min, px);
            }
            return min;""")
        if smallest < 10:
            failures.append(f"{path}: chart text drawn at {smallest:.1f} px")
        print(f"{path}: {scroll} px in {client} px; smallest chart text {min(smallest, 999):.1f} px")
finally:
    driver.quit()
if failures:
    print("\n".join(failures))
    sys.exit(1)
