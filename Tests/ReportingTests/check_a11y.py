"""Runs axe-core over generated pages (`make check-a11y`, which CI runs): every page must
have 0 violations of the WCAG 2.0, 2.1 and 2.2 A and AA rules. Headless Chromium through
Debian's chromium-driver and PyPI's selenium; axe-core itself is the axe.min.js that
PyPI's axe-playwright-python ships (installed without Playwright: only the script is used).

    python3 check_a11y.py AXE_JS page.html …

Each page is checked at a laptop's width and at a phone's (390 px), since the layout
changes between them. At 390 px it also checks what a phone must show without scrolling
sideways: the page itself, and every box in the brief and the first comparison
(`#i-korthet`, `#overblick`, `#jamforelse`; issue 22: "nothing in the brief or the first
comparison scrolls sideways"; the questionnaire, a form for paper, is left out). Printed (Chromium's own PDF, pages counted by poppler's
pdfinfo), a municipality's report has no more pages than its county's.
"""
import base64
import json
import os
import subprocess
import sys
import tempfile

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def driver(width):
    options = Options()
    for argument in ("--headless=new", "--no-sandbox"):
        options.add_argument(argument)
    if width < 500:
        options.add_experimental_option(
            "mobileEmulation", {"deviceMetrics": {"width": width, "height": 844, "pixelRatio": 1}})
    else:
        options.add_argument(f"--window-size={width},900")
    options.binary_location = "/usr/bin/chromium"
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def main():
    axe = open(sys.argv[1], encoding="utf-8").read()
    pages = sys.argv[2:]
    failures = 0
    for width in (1366, 390):
        browser = driver(width)
        browser.set_script_timeout(120)
        try:
            for path in pages:
                browser.get("file://" + os.path.abspath(path))
                browser.execute_script(axe)
                result = browser.execute_async_script(
                    "const done = arguments[arguments.length - 1];"
                    "axe.run(document, {runOnly: {type: 'tag', values: %s}, resultTypes: ['violations']})"
                    ".then(r => done({version: axe.version, violations: r.violations}))"
                    ".catch(e => done({error: String(e)}));" % json.dumps(TAGS))
                if "error" in result:
                    print(f"{path} at {width} px: axe failed: {result['error']}")
                    failures += 1
                    continue
                # The reports' pages; the printable questionnaire is a paper form whose answer
                # grid may scroll on a phone.
                if width < 500 and not path.endswith("questionnaire.html"):
                    wide = browser.execute_script("""
                      const out = [];
                      const root = document.documentElement;
                      if (root.scrollWidth > root.clientWidth + 1)
                        out.push('the page is ' + root.scrollWidth + ' px wide');
                      for (const part of document.querySelectorAll('#i-korthet, #overblick, #jamforelse'))
                        for (const e of [part, ...part.querySelectorAll('*')]) {
                          const x = getComputedStyle(e).overflowX;
                          if ((x === 'auto' || x === 'scroll') && e.scrollWidth > e.clientWidth + 1)
                            out.push('#' + part.id + ' ' + e.tagName.toLowerCase() + ' scrolls: ' + e.scrollWidth + ' px in ' + e.clientWidth);
                        }
                      return out;""")
                    for problem in wide:
                        failures += 1
                        print(f"  {path} at {width} px: {problem}")
                violations = result["violations"]
                print(f"{path} at {width} px: axe-core {result['version']}, {len(violations)} violations")
                for v in violations:
                    failures += 1
                    print(f"  {v['id']} ({v['impact']}): {v['help']}")
                    for node in v["nodes"][:5]:
                        print(f"    {' '.join(node['target'])}: {node['failureSummary'].splitlines()[-1].strip()}")
        finally:
            browser.quit()
    # A municipality's report prints no longer than the county's of the same run.
    browser = driver(1366)
    try:
        counts = {}
        for path in pages:
            browser.get("file://" + os.path.abspath(path))
            pdf = browser.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "displayHeaderFooter": False})
            with tempfile.NamedTemporaryFile(suffix=".pdf") as out:
                out.write(base64.b64decode(pdf["data"]))
                out.flush()
                info = subprocess.run(["pdfinfo", out.name], capture_output=True, text=True, check=True).stdout
            counts[path] = int(next(l.split()[1] for l in info.splitlines() if l.startswith("Pages:")))
        for path, n in counts.items():
            folder, name = os.path.split(path)
            if os.path.basename(folder) != "kommun":
                continue
            county = counts.get(os.path.join(os.path.dirname(folder), "index.html"))
            if county is not None and n > county:
                failures += 1
                print(f"  {path} prints {n} pages, more than its county's {county}")
        print("printed pages: " + ", ".join(f"{p} {n}" for p, n in counts.items()))
    finally:
        browser.quit()
    if failures:
        print(f"{failures} accessibility violations")
        sys.exit(1)


main()
