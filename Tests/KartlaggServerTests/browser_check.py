"""kartlagg-server in a real browser (`make check-server`, which CI runs): the four scenarios
of issue 26, in headless Chromium through Debian's chromium-driver and PyPI's selenium, with
axe-core (the axe.min.js of PyPI's axe-playwright-python, as `make check-a11y`) over every page
the server renders, at 1366 px and at 390 px (where no page may scroll sideways).

    python3 browser_check.py BIN_DIR AXE_JS [--screenshots DIR]

For each width it makes a workspace (`kartlagg init`), four accounts (`kartlagg-server user
add`), starts `kartlagg-server` on a free loopback port, runs the scenarios and stops it:

1. Torsås's uploader uploads an export with a bad row, sees the problem at its line, uploads
   the fixed file and imports it;
2. the coordinator opens the round (before 1), sees Torsås on the board and publishes;
3. Kalmar's uploader sees nothing of Torsås's upload and cannot open the board; a reader reads
   the published county and Torsås pages;
4. axe-core: 0 violations on every page rendered, at both widths.
"""
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PASSWORD = "ett-langt-losenord"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXAMPLE = os.path.join(ROOT, "Surveys", "examples", "torsas.csv")

failures = []
checked = []


def check(condition, what):
    checked.append(what)
    if not condition:
        failures.append(what)
        print("FAIL:", what)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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


class Run:
    def __init__(self, bins, axe, width, shots):
        self.bins, self.axe, self.width, self.shots = bins, axe, width, shots
        self.pages = 0

    def audit(self, browser, what):
        """axe-core over the page the browser shows; at 390 px, no sideways scroll."""
        self.pages += 1
        self.act(browser, lambda: browser.execute_script(self.axe))
        result = browser.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: {type: 'tag', values: %s}, resultTypes: ['violations']})"
            ".then(r => done({violations: r.violations})).catch(e => done({error: String(e)}));" % json.dumps(TAGS))
        if "error" in result:
            check(False, f"{what} at {self.width} px: axe failed: {result['error']}")
            return
        for v in result["violations"]:
            check(False, f"{what} at {self.width} px: {v['id']}: {v['help']} ({len(v['nodes'])} nodes)")
        if self.width < 500:
            wide = browser.execute_script(
                "const r = document.documentElement; return r.scrollWidth > r.clientWidth + 1 ? r.scrollWidth : 0;")
            check(not wide, f"{what} at {self.width} px: the page is {wide} px wide")

    def shot(self, browser, name):
        if self.shots:
            os.makedirs(self.shots, exist_ok=True)
            browser.save_screenshot(os.path.join(self.shots, f"{name}-{self.width}.png"))

    def login(self, browser, name):
        browser.delete_all_cookies()
        browser.get(self.base + "/logga-in")
        self.audit(browser, "login page")
        self.type(browser, "namn", name)
        self.type(browser, "losenord", PASSWORD)
        self.submit(browser, "main button[type=submit]")

    def act(self, browser, action):
        """An action on the page once it has loaded, tried again if the page was still being
        replaced (Chromium's "node does not belong to the document")."""
        for attempt in range(5):
            try:
                WebDriverWait(browser, 60).until(
                    lambda b: b.execute_script("return document.readyState") == "complete")
                return action()
            except WebDriverException:
                if attempt == 4:
                    raise
                time.sleep(0.5)

    def type(self, browser, element_id, text, clear=False):
        def action():
            element = browser.find_element(By.ID, element_id)
            if clear:
                element.clear()
            element.send_keys(text)
        self.act(browser, action)

    def submit(self, browser, selector):
        """Clicks a form's button and waits for the page that answers.

        The old page is marked with a window property and the wait is for a loaded document
        without it. Selenium's staleness_of asks about an element of the old page, and Chromium
        answers that with an error ("node does not belong to the document") rather than a stale
        element when the new page arrives between the two halves of its check; CI failed on that.
        """
        self.act(browser, lambda: browser.execute_script("window.kartlaggOldPage = true;"))
        self.act(browser, lambda: browser.find_element(By.CSS_SELECTOR, selector).click())

        def answered(b):
            try:
                return b.execute_script(
                    "return window.kartlaggOldPage === undefined && document.readyState === 'complete'")
            except WebDriverException:
                return False  # between two documents
        WebDriverWait(browser, 60).until(answered)

    def text(self, browser):
        """The main landmark's text, once the page has loaded."""
        for attempt in range(5):
            try:
                WebDriverWait(browser, 60).until(
                    lambda b: b.execute_script("return document.readyState") == "complete")
                return browser.find_element(By.TAG_NAME, "main").text
            except Exception:
                if attempt == 4:
                    raise
                time.sleep(0.5)

    def run(self):
        work = tempfile.mkdtemp(prefix="kartlagg-browser-")
        workspace = os.path.join(work, "ws")
        kartlagg = os.path.join(self.bins, "kartlagg")
        server = os.path.join(self.bins, "kartlagg-server")
        subprocess.run([kartlagg, "init", workspace], check=True, stdout=subprocess.DEVNULL)
        for name, role, extra in [("samordnare", "coordinator", []), ("torsas", "uploader", ["--municipality", "Torsås"]),
                                  ("kalmar", "uploader", ["--municipality", "Kalmar"]), ("lasare", "reader", [])]:
            subprocess.run([server, "user", "add", name, "--role", role, "--workspace", workspace] + extra,
                           input=PASSWORD + "\n", text=True, check=True, stdout=subprocess.DEVNULL)
        # The export with a bad row: its first respondent (line 2) a field short.
        lines = open(EXAMPLE, encoding="utf-8").read().split("\n")
        lines[1] = lines[1][:lines[1].rindex(",")]
        bad = os.path.join(work, "torsas.csv")
        open(bad, "w", encoding="utf-8").write("\n".join(lines))
        port = free_port()
        self.base = f"http://127.0.0.1:{port}"
        process = subprocess.Popen([server, "--workspace", workspace, "--port", str(port)],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        browser = None
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(self.base + "/logga-in", timeout=1)
                    break
                except Exception:
                    time.sleep(0.1)
            browser = driver(self.width)
            browser.set_script_timeout(120)
            # 2 (first half): the coordinator opens the round.
            self.login(browser, "samordnare")
            check("/tavla" in browser.current_url, f"the coordinator signs in: {browser.current_url} {self.text(browser)[:300]}")
            self.audit(browser, "board, no round")
            self.type(browser, "omgang", "2026", clear=True)
            self.submit(browser, "form[action='/tavla/oppna'] button")
            check("Öppen omgång: 2026" in self.text(browser), "the round opens")
            # 1: Torsås uploads a bad row, sees it at its line, uploads the fixed file, imports it.
            self.login(browser, "torsas")
            self.audit(browser, "upload page")
            self.type(browser, "fil", bad)
            self.submit(browser, "form[action='/ladda-upp'] button")
            page = self.text(browser)
            check("1 avvisade" in page and "raden har 127 fält men rubrikraden 128" in page, "the bad row's problem")
            rows = self.act(browser, lambda: [r.text for r in browser.find_elements(By.CSS_SELECTOR, "table tbody tr")])
            check(any(r.startswith("2 ") for r in rows), f"the bad row at line 2: {rows[:2]}")
            self.audit(browser, "check result with a rejected row")
            self.shot(browser, "server-check")
            browser.get(self.base + "/ladda-upp")
            self.type(browser, "fil", EXAMPLE)
            self.submit(browser, "form[action='/ladda-upp'] button")
            check("15 godtagna, 0 avvisade" in self.text(browser), "the fixed file checks clean")
            self.audit(browser, "check result, clean")
            self.submit(browser, "form[action$='/importera'] button")
            check("torsas.csv är importerad till omgång 2026" in self.text(browser), "the import")
            self.audit(browser, "upload page after import")
            # 2: the coordinator sees Torsås on the board and publishes.
            self.login(browser, "samordnare")
            check("torsas.csv" in self.text(browser) and "Torsås" in self.text(browser), "Torsås on the board")
            self.shot(browser, "server-board")
            self.submit(browser, "form[action='/tavla/publicera'] button")
            check("Omgång 2026 är publicerad" in self.text(browser), "the publication")
            self.audit(browser, "board after publishing")
            browser.get(self.base + "/logg")
            check("publish" in self.text(browser), "the audit log says publish")
            self.audit(browser, "audit log")
            # The audit log's pages: 250 entries more, 200 a page, the next linked.
            with sqlite3.connect(os.path.join(workspace, "kartlagg.sqlite")) as db:
                db.executemany("INSERT INTO server_audit (at, user_name, action, detail) VALUES (?, ?, ?, ?)",
                               [("2026-12-01T08:00:00Z", "samordnare", "test", f"nr {i}") for i in range(250)])
            browser.get(self.base + "/logg")
            check("Nästa 200 äldre poster" in self.text(browser), "the audit log's next page is linked")
            self.act(browser, lambda: browser.find_element(By.PARTIAL_LINK_TEXT, "Nästa 200 äldre poster").click())
            check("Till de nyaste posterna" in self.text(browser), "the audit log's second page")
            self.audit(browser, "audit log, second page")
            self.shot(browser, "server-audit-page-2")
            # The next round with 2026's Torsås file again and one late respondent: the
            # upload is imported, publishing is refused and says why (docs/statistics.md,
            # "Respondents shared by two rounds").
            browser.get(self.base + "/tavla")
            self.submit(browser, "form[action='/tavla/stang'] button")
            self.type(browser, "omgang", "2027", clear=True)
            self.submit(browser, "form[action='/tavla/oppna'] button")
            again = os.path.join(work, "torsas-igen.csv")
            source = open(EXAMPLE, encoding="utf-8").read().rstrip("\n").split("\n")
            late = source[1].split(",")
            late[0] = "SEN-1"
            open(again, "w", encoding="utf-8").write("\n".join(source + [",".join(late)]) + "\n")
            self.login(browser, "torsas")
            self.type(browser, "fil", again)
            self.submit(browser, "form[action='/ladda-upp'] button")
            self.submit(browser, "form[action$='/importera'] button")
            check("är importerad till omgång 2027" in self.text(browser), "the repeated file is imported")
            check("gemensamt" not in self.text(browser), "the upload says nothing of 2026")
            self.login(browser, "samordnare")
            browser.get(self.base + "/tavla")
            self.submit(browser, "form[action='/tavla/publicera'] button")
            check("15 svarande gemensamt med omgång 2026 (som den publicerades " in self.text(browser)
                  and "kunde svaren från 1 svarande i Torsås räknas fram" in self.text(browser),
                  f"publishing 2027 is refused: {self.text(browser)[:600]}")
            self.audit(browser, "board, publishing refused")
            self.shot(browser, "server-publish-refused")
            # 3: Kalmar sees nothing of Torsås's, not the board; a reader reads the reports.
            self.login(browser, "kalmar")
            check("torsas" not in browser.page_source.lower(), "Kalmar's page shows nothing of Torsås")
            browser.get(self.base + "/tavla")
            check("Det här får ditt konto inte se eller göra" in self.text(browser), "Kalmar is refused the board")
            self.audit(browser, "refusal page")
            self.login(browser, "lasare")
            self.audit(browser, "reports list")
            self.act(browser, lambda: browser.find_element(By.LINK_TEXT, "Länets rapport").click())
            check("Kalmar" in browser.title or len(browser.page_source) > 100000, "the county's report")
            browser.get(self.base + "/rapporter")
            self.act(browser, lambda: browser.find_element(By.LINK_TEXT, "Torsås").click())
            check("Torsås" in browser.title, f"Torsås's report: {browser.title}")
        finally:
            if browser:
                browser.quit()
            process.terminate()
            process.wait(timeout=20)
            shutil.rmtree(work, ignore_errors=True)


def main():
    bins, axe_path = sys.argv[1], sys.argv[2]
    shots = sys.argv[sys.argv.index("--screenshots") + 1] if "--screenshots" in sys.argv else None
    axe = open(axe_path, encoding="utf-8").read()
    pages = 0
    for width in (1366, 390):
        run = Run(bins, axe, width, shots)
        run.run()
        pages += run.pages
    print(f"kartlagg-server in Chromium: {pages} page views checked by axe-core at 1366 and 390 px")
    print(f"{len(checked) - len(failures)} passed, {len(failures)} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
