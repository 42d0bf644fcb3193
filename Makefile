# kartlagg — the commands a new user runs (see README.md).
#
#   make report    the main job: reads Surveys/examples, writes Reports/ (index.html first)
#   make server    builds kartlagg-server, the county's collection point (docs/server.md)
#   make install   kartlagg and kartlagg-server in /usr/local/bin, with a systemd unit and an example reverse proxy
#   make check-server the server in Chromium: issue 26's four scenarios, axe-core at 1366 and 390 px (CI runs it)
#   make check-api    the server's JSON API fuzzed by schemathesis against openapi.yaml, per role: no 5xx (CI runs it)
#   make screenshots  renders the first screen of the 2028 example report (county, Torsås, Högsby) with headless Chromium
#   make test      installs what a fresh Debian machine lacks, checks the formatting, then runs every test
#                  (the tests tagged `threads` under Thread Sanitizer first)
#   make check-a11y   axe-core (WCAG 2.2 A and AA) over every generated page, at 1366 px and 390 px (CI runs it)
#   make format    formats the Swift sources in place (swift-format, with .swift-format)
#   make bench     the benchmark: every stage against the bare libcsv floor
#   make examples  rebuilds Surveys/examples/ and Surveys/rounds/ from their generator (byte-identical)
#   make geo       re-projects SCB's municipal boundaries into Sources/Reporting/Resources/kommuner.txt
#
# Nothing is fetched but the Debian packages `make deps` lists (libcsv-dev, libexpat1-dev,
# libreadstat-dev, libxlsxwriter-dev, libssl-dev, libsqlite3-dev), Python's packages for
# the tests and checks, and the Swift packages SwiftPM resolves.

SWIFT ?= swift
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: server check-server check-api install bench-server deps html5lib format format-check test test-thread check-layout check-a11y check-excel browser bench-workbooks bench-store build report screenshots bench examples geo clean

SWIFT_SOURCES := Sources Tests Tools Benchmarks

# What a fresh Debian machine lacks to build kartlagg, each installed only when its header
# is missing, with one `apt-get update` first: libcsv-dev (the CSV parser kartlagg is built
# on), libexpat1-dev (the XML parser of its .xlsx reader), libreadstat-dev (SPSS .sav and
# .zsav), libxlsxwriter-dev (its Excel workbook of the summaries), libssl-dev (SHA-256 in
# the store of rounds), libsqlite3-dev (sqlite3.h, which GRDB, the store's SQLite
# library, compiles against) and zlib1g-dev (zlib, which the server's CompressNIO links to
# send the published pages compressed).
deps:
	@missing=""; [ -f /usr/include/csv.h ] || missing="libcsv-dev"; \
	[ -f /usr/include/expat.h ] || missing="$$missing libexpat1-dev"; \
	[ -f /usr/include/xlsxwriter.h ] || missing="$$missing libxlsxwriter-dev"; \
	[ -f /usr/include/readstat.h ] || missing="$$missing libreadstat-dev"; \
	[ -f /usr/include/openssl/evp.h ] || missing="$$missing libssl-dev"; \
	[ -f /usr/include/sqlite3.h ] || missing="$$missing libsqlite3-dev"; \
	[ -f /usr/include/zlib.h ] || missing="$$missing zlib1g-dev"; \
	if [ -z "$$missing" ]; then :; \
	elif command -v apt-get >/dev/null 2>&1; then \
	  echo "kartlagg: installing$$missing (the C libraries kartlagg is built on)"; \
	  $(SUDO) apt-get update && $(SUDO) apt-get install -y $$missing; \
	else \
	  echo "kartlagg: missing headers; install $$missing (Debian/Ubuntu package names)" >&2; exit 1; \
	fi

# html5lib and PyYAML (PyPI) for the tests that parse every generated HTML page and that
# load the survey definitions as YAML 1.1 tools do, and openpyxl for the test that fills
# in the template workbook as a spreadsheet would; pip first, Debian's packages if pip
# may not install here.
html5lib:
	@python3 -c 'import html5lib, yaml, openpyxl' 2>/dev/null || { \
	  echo "kartlagg: installing html5lib, PyYAML and openpyxl (the tests parse the reports and the surveys, and fill in the template, with them)"; \
	  python3 -m pip install --quiet html5lib pyyaml openpyxl 2>/dev/null \
	  || python3 -m pip install --quiet --break-system-packages html5lib pyyaml openpyxl 2>/dev/null \
	  || { $(SUDO) apt-get update && $(SUDO) apt-get install -y python3-html5lib python3-yaml python3-openpyxl; }; }

build: deps
	$(SWIFT) build

# kartlagg-server (docs/server.md), the county's collection point: a product of its own, so
# that `make report` builds no web framework. Prints where the program is.
server: deps
	$(SWIFT) build --product kartlagg-server
	@echo "kartlagg-server: $$($(SWIFT) build --product kartlagg-server --show-bin-path)/kartlagg-server --workspace DIR (docs/server.md)"

# swift-format ships with the Swift toolchain; strict: any finding fails the build.
format:
	$(SWIFT) format --recursive --in-place $(SWIFT_SOURCES)

format-check:
	$(SWIFT) format lint --strict --recursive $(SWIFT_SOURCES)

# The concurrent paths under Thread Sanitizer, in a build folder of their own: the tests
# tagged `.threads` (Tests/TestSupport: the pipelined read, files read concurrently, the
# analysis on every core, a workbook's sheet streamed from its own thread, the store, the
# server's engine threads).
# Swift Testing's --filter matches names, not tags, so the names are read from the tag in
# the sources: a test is added to this run by tagging it, not by listing it here. Each is
# matched whole (`/name(`), so that an untagged test whose name begins with a tagged one's
# (randomShapesWithBlankMunicipalities) is not run too. The server is left out of this
# build (KARTLAGG_WITHOUT_SERVER, Package.swift): SwiftNIO and Hummingbird under the
# sanitizer would take most of CI's time; the engine it calls is in it.
THREAD_TESTS = $(shell python3 -c "import re, glob; print('|'.join('/' + m + r'\x28' for m in sorted({m for f in glob.glob('Tests/**/*.swift', recursive=True) for m in re.findall(r'\.tags\(\.threads\)[^{]*?func\s+(\w+)', open(f).read(), re.S)})))")

test-thread: deps
	KARTLAGG_WITHOUT_SERVER=1 $(SWIFT) test --sanitize=thread --scratch-path .build-tsan --filter '$(THREAD_TESTS)'

test: deps html5lib format-check test-thread
	$(SWIFT) test

# The examples hold deliberate bad rows, so kartlagg exits 2 (rows rejected, reports
# written); that is this target's success. Exit 1 (no report) fails it.
report: deps
	$(SWIFT) build -c release --product kartlagg
	@bin=$$($(SWIFT) build -c release --show-bin-path); \
	$$bin/kartlagg report --survey Surveys/kalmar-primarvard.yaml Surveys/examples --out Reports; \
	status=$$?; \
	if [ $$status -eq 0 ] || [ $$status -eq 2 ]; then \
	  echo "kartlagg: the county report is $$(pwd)/Reports/index.html"; \
	else exit $$status; fi

# Headless Chromium renders the first screen of the 2028 follow-up report of the three
# example rounds (a store of Surveys/examples as 2026 and Surveys/rounds/2027, 2028): the
# county's, Torsås's and Högsby's, on a laptop (1366 px), on a phone (390 px), and printed
# to A4 (PDF, its first two pages as PNG), in Reports/screenshots/.
CHROMIUM := chromium --headless --no-sandbox --disable-gpu --hide-scrollbars
SHOTS := Reports/screenshots
screenshots: deps
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update && $(SUDO) apt-get install -y chromium; }
	@command -v pdftoppm >/dev/null 2>&1 || { $(SUDO) apt-get update && $(SUDO) apt-get install -y poppler-utils; }
	$(SWIFT) build -c release --product kartlagg
	@bin=$$($(SWIFT) build -c release --show-bin-path)/kartlagg; store=$(SHOTS)/.store; \
	rm -rf $$store $(SHOTS)/2028 $(SHOTS)/2028-arbetsfiler; mkdir -p $(SHOTS); \
	$$bin init $$store >/dev/null && \
	$$bin import --survey Surveys/kalmar-primarvard.yaml --store $$store/kartlagg.sqlite --round 2026 --period "september–oktober 2026" Surveys/examples >/dev/null; \
	for round in 2027 2028; do \
	  $$bin import --survey Surveys/kalmar-primarvard.yaml --store $$store/kartlagg.sqlite --round $$round --period "september–oktober $$round" Surveys/rounds/$$round >/dev/null || exit 1; \
	done; \
	$$bin report --survey Surveys/kalmar-primarvard.yaml --store $$store/kartlagg.sqlite --round 2028 --out $(SHOTS)/2028 >/dev/null || exit 1; \
	for page in index:lanet kommun/torsas:torsas kommun/hogsby:hogsby; do \
	  file=$${page%%:*}; name=$${page##*:}; \
	  $(CHROMIUM) --window-size=1366,900 --screenshot=$(SHOTS)/$$name-1366.png $(SHOTS)/2028/$$file.html 2>/dev/null; \
	  $(CHROMIUM) --window-size=390,844 --screenshot=$(SHOTS)/$$name-390.png $(SHOTS)/2028/$$file.html 2>/dev/null; \
	  $(CHROMIUM) --no-pdf-header-footer --print-to-pdf=$(SHOTS)/$$name.pdf $(SHOTS)/2028/$$file.html 2>/dev/null; \
	  pdftoppm -r 60 -png -f 1 -l 2 $(SHOTS)/$$name.pdf $(SHOTS)/$$name-print; \
	done
	@echo "kartlagg: screenshots in $(SHOTS)/ (1366 px, 390 px, and printed A4 pages) of $(SHOTS)/2028/"

# The pages as a phone shows them (make report first): no sideways page scroll at 390 px,
# chart text at least 10 px. Needs Debian's chromium and chromium-driver and PyPI's selenium.
# Debian's chromium and chromium-driver, and PyPI's selenium, for the checks that open
# the pages in a browser.
browser:
	@command -v chromedriver >/dev/null 2>&1 || { echo "kartlagg: installing chromium and chromium-driver (the page checks open the reports in a browser)"; $(SUDO) apt-get update && $(SUDO) apt-get install -y chromium chromium-driver; }
	@python3 -c 'import selenium' 2>/dev/null || python3 -m pip install --quiet selenium 2>/dev/null || python3 -m pip install --quiet --break-system-packages selenium

check-layout: browser
	python3 Tests/ReportingTests/check_layout.py Reports/index.html Reports/kommun/*.html Reports/codebook.html
	@command -v pdftoppm >/dev/null 2>&1 || { $(SUDO) apt-get update && $(SUDO) apt-get install -y poppler-utils; }
	@python3 -c 'import PIL' 2>/dev/null || python3 -m pip install --quiet pillow 2>/dev/null || python3 -m pip install --quiet --break-system-packages pillow
	python3 Tests/ReportingTests/check_print.py Reports/index.html Reports/kommun/torsas.html Reports/kommun/kalmar.html

# axe-core from PyPI's axe-playwright-python (its axe.min.js; Playwright itself is not
# needed, so --no-deps), run by selenium over a fresh report of the examples, and over the
# follow-up report of Surveys/rounds/2028 from a store of three rounds.
A11Y_OUT := .build/a11y/Reports

# Both programs in $(PREFIX)/bin (release builds), the systemd unit in /etc/systemd/system/
# and the example reverse-proxy configuration beside it in $(PREFIX)/share/kartlagg/
# (docs/server.md, "Installing").
# The Swift runtime is linked into both programs (--static-swift-stdlib; ldd lists no Swift
# library), so that they run after the toolchain is upgraded or removed; their own build
# folder keeps `make bench`'s release build as it is.
PREFIX ?= /usr/local
INSTALL_BUILD := $(SWIFT) build -c release --static-swift-stdlib --scratch-path .build-install
install: deps
	$(INSTALL_BUILD) --product kartlagg
	$(INSTALL_BUILD) --product kartlagg-server
	@bin=$$($(INSTALL_BUILD) --show-bin-path); \
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/kartlagg $(DESTDIR)/etc/systemd/system && \
	install -m 755 $$bin/kartlagg $$bin/kartlagg-server $(DESTDIR)$(PREFIX)/bin/ && \
	install -m 644 Tools/server/kartlagg-server.service $(DESTDIR)/etc/systemd/system/ && \
	install -m 644 Tools/server/nginx-kartlagg.conf $(DESTDIR)$(PREFIX)/share/kartlagg/ && \
	echo "kartlagg: installed $(DESTDIR)$(PREFIX)/bin/kartlagg and kartlagg-server, $(DESTDIR)/etc/systemd/system/kartlagg-server.service, $(DESTDIR)$(PREFIX)/share/kartlagg/nginx-kartlagg.conf (docs/server.md)"

# kartlagg-server in a real browser: the script makes a workspace and accounts, starts the
# server on a free loopback port for each width, runs issue 26's four scenarios (upload with
# a bad row, fix and import; the board and publishing; another municipality and a reader)
# with axe-core over every page the server renders, and stops it. Screenshots of the check and
# the board go to .build/server-shots/ (README's are copied from there).
check-server: deps browser
	@python3 -c 'import importlib.util, sys; sys.exit(importlib.util.find_spec("axe_playwright_python") is None)' 2>/dev/null \
	  || python3 -m pip install --quiet --no-deps axe-playwright-python==0.1.8 2>/dev/null \
	  || python3 -m pip install --quiet --no-deps --break-system-packages axe-playwright-python==0.1.8
	$(SWIFT) build --product kartlagg
	$(SWIFT) build --product kartlagg-server
	python3 Tests/KartlaggServerTests/browser_check.py "$$($(SWIFT) build --show-bin-path)" \
	  "$$(python3 -c 'import importlib.util, os; print(os.path.join(os.path.dirname(importlib.util.find_spec("axe_playwright_python").origin), "axe.min.js"))')" \
	  --screenshots .build/server-shots

# kartlagg-server's JSON API (docs/server.md, "The API") fuzzed by schemathesis (PyPI, pinned)
# against openapi.yaml: a workspace with the examples, one API token per role, a run per role
# and one without a token, each bounded by --examples cases per route (about three minutes
# in all on CI's machine); any 5xx, or an answer unlike its schema, fails.
SCHEMATHESIS := schemathesis==4.32.5
API_EXAMPLES ?= 30
check-api: deps
	@python3 -c 'import schemathesis' 2>/dev/null \
	  || python3 -m pip install --quiet $(SCHEMATHESIS) 2>/dev/null \
	  || python3 -m pip install --quiet --break-system-packages $(SCHEMATHESIS)
	$(SWIFT) build --product kartlagg
	$(SWIFT) build --product kartlagg-server
	python3 Tests/KartlaggServerTests/api_check.py "$$($(SWIFT) build --show-bin-path)" --examples $(API_EXAMPLES)

# kartlagg.xlsx against the CSV files of the same report: openpyxl (PyPI) always, and
# LibreOffice Calc headless too where it is installed (Debian libreoffice-calc).
check-excel: deps
	@python3 -c 'import openpyxl' 2>/dev/null || python3 -m pip install --quiet openpyxl 2>/dev/null || python3 -m pip install --quiet --break-system-packages openpyxl
	$(SWIFT) build --product kartlagg
	@rm -rf $(A11Y_OUT) $(A11Y_OUT)-arbetsfiler; bin=$$($(SWIFT) build --show-bin-path); \
	$$bin/kartlagg report --survey Surveys/kalmar-primarvard.yaml Surveys/examples --out $(A11Y_OUT) >/dev/null; \
	status=$$?; [ $$status -eq 0 ] || [ $$status -eq 2 ] || exit $$status
	python3 Tests/ReportingTests/check_xlsx.py $(A11Y_OUT)/csv $$(command -v soffice >/dev/null 2>&1 && echo --libreoffice)

check-a11y: deps browser
	@python3 -c 'import importlib.util, sys; sys.exit(importlib.util.find_spec("axe_playwright_python") is None)' 2>/dev/null \
	  || python3 -m pip install --quiet --no-deps axe-playwright-python==0.1.8 2>/dev/null \
	  || python3 -m pip install --quiet --no-deps --break-system-packages axe-playwright-python==0.1.8
	$(SWIFT) build --product kartlagg
	@rm -rf $(A11Y_OUT) $(A11Y_OUT)-arbetsfiler; bin=$$($(SWIFT) build --show-bin-path); \
	$$bin/kartlagg report --survey Surveys/kalmar-primarvard.yaml Surveys/examples --out $(A11Y_OUT) >/dev/null; \
	status=$$?; [ $$status -eq 0 ] || [ $$status -eq 2 ] || exit $$status; \
	store=$(A11Y_OUT)-store; rm -rf $$store $(A11Y_OUT)-2028 $(A11Y_OUT)-2028-arbetsfiler; mkdir -p $$store; \
	$$bin/kartlagg init $$store >/dev/null && \
	$$bin/kartlagg import --survey Surveys/kalmar-primarvard.yaml --store $$store/kartlagg.sqlite --round 2026 --period "september–oktober 2026" Surveys/examples >/dev/null; \
	for round in 2027 2028; do \
	  $$bin/kartlagg import --survey Surveys/kalmar-primarvard.yaml --store $$store/kartlagg.sqlite --round $$round --period "september–oktober $$round" Surveys/rounds/$$round >/dev/null || exit 1; \
	done; \
	$$bin/kartlagg report --survey Surveys/kalmar-primarvard.yaml --store $$store/kartlagg.sqlite --round 2028 --out $(A11Y_OUT)-2028 >/dev/null || exit 1
	@command -v pdfinfo >/dev/null 2>&1 || { $(SUDO) apt-get update && $(SUDO) apt-get install -y poppler-utils; }
	python3 Tests/ReportingTests/check_a11y.py \
	  "$$(python3 -c 'import importlib.util, os; print(os.path.join(os.path.dirname(importlib.util.find_spec("axe_playwright_python").origin), "axe.min.js"))')" \
	  $(A11Y_OUT)/index.html $(A11Y_OUT)/kommun/*.html $(A11Y_OUT)/codebook.html $(A11Y_OUT)/questionnaire.html \
	  $(A11Y_OUT)-2028/index.html $(A11Y_OUT)-2028/kommun/torsas.html $(A11Y_OUT)-2028/kommun/hogsby.html

Benchmarks/floor/csvfloor: Benchmarks/floor/csvfloor.c Benchmarks/floor/resources.h | deps
	cc -O2 -Wall -o $@ $< -lcsv

Benchmarks/floor/csvagg: Benchmarks/floor/csvagg.c Benchmarks/floor/resources.h | deps
	cc -O2 -Wall -o $@ $< -lcsv

bench: deps Benchmarks/floor/csvfloor Benchmarks/floor/csvagg
	$(SWIFT) build -c release --product kartlagg-bench
	$(SWIFT) build -c release --product kartlagg
	python3 Benchmarks/run.py $(BENCH_ARGS)
	$(MAKE) bench-workbooks
	$(MAKE) bench-store

# The store of rounds: a round of a 10-round store reported, and a 1 000 000-respondent
# import against ingest + analysis (Benchmarks/store.py).
bench-store: deps
	$(SWIFT) build -c release --product kartlagg
	$(SWIFT) build -c release --product kartlagg-bench
	python3 Benchmarks/store.py $(STORE_BENCH_ARGS)

# kartlagg-server under load (Benchmarks/server_load.py, results in Benchmarks/RESULTS-server.md):
# thirteen concurrent uploads of 1 000 respondents, checked and imported, while fifty readers
# read published pages (Python's threads, then wrk's connections if wrk is installed);
# release builds, loopback only.
bench-server: deps
	$(SWIFT) build -c release --product kartlagg
	$(SWIFT) build -c release --product kartlagg-server
	$(SWIFT) build -c release --product kartlagg-bench
	python3 Benchmarks/server_load.py "$$($(SWIFT) build -c release --show-bin-path)" $(SERVER_BENCH_ARGS)
	@if command -v wrk >/dev/null 2>&1; then \
	  python3 Benchmarks/server_load.py "$$($(SWIFT) build -c release --show-bin-path)" --wrk 15 $(SERVER_BENCH_ARGS); \
	else echo "kartlagg: wrk is not installed (Debian's wrk); the run with wrk's readers is left out"; fi

# Workbooks: .xlsx ingest against pandas.read_excel (openpyxl) at 10 000 and 100 000
# respondents (Benchmarks/workbooks.py; pandas and openpyxl from PyPI).
bench-workbooks: deps
	@python3 -c 'import pandas, openpyxl' 2>/dev/null || python3 -m pip install --quiet pandas openpyxl 2>/dev/null || python3 -m pip install --quiet --break-system-packages pandas openpyxl
	$(SWIFT) build -c release --product kartlagg-bench
	python3 Benchmarks/workbooks.py $(WORKBOOK_BENCH_ARGS)

examples: deps
	$(SWIFT) build --product kartlagg-examples
	$(SWIFT) run --skip-build kartlagg-examples Surveys/kalmar-primarvard.yaml Surveys/examples
	mkdir -p Surveys/rounds/2027 Surveys/rounds/2028
	$(SWIFT) run --skip-build kartlagg-examples Surveys/kalmar-primarvard.yaml Surveys/rounds/2027 --round 2
	$(SWIFT) run --skip-build kartlagg-examples Surveys/kalmar-primarvard.yaml Surveys/rounds/2028 --round 3

# The maps' geometry: SCB's municipal boundaries (GeoJSON, WGS 84; GEO_SOURCE, by default
# the shared folder beside the repository) projected to SWEREF 99 TM by Tools/project-geo
# (pyproj and shapely from PyPI), byte-identical on every run.
GEO_SOURCE ?= ../shared/geo/kommuner.geojson
geo:
	@python3 -c 'import pyproj, shapely' 2>/dev/null || python3 -m pip install --quiet pyproj 'shapely>=2.1' 2>/dev/null || python3 -m pip install --quiet --break-system-packages pyproj 'shapely>=2.1'
	python3 Tools/project-geo/project_geo.py $(GEO_SOURCE) Sources/Reporting/Resources/kommuner.txt

clean:
	rm -rf .build Benchmarks/data Benchmarks/floor/csvfloor Benchmarks/floor/csvagg
