# kartlagg — the commands a new user runs (see README.md).
#
#   make report    the main job: reads Surveys/examples, writes Reports/
#   make test      installs what a fresh Debian machine lacks, then runs every test
#   make bench     the benchmark: every stage against the bare libcsv floor
#   make examples  rebuilds Surveys/examples/ from its generator (byte-identical)
#
# Nothing is fetched but Debian's libcsv-dev (and the Swift packages SwiftPM resolves).

SWIFT ?= swift
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: deps test build report bench examples clean

# libcsv-dev: Debian's libcsv with its header; installed only when missing, with one
# `apt-get update` first.
deps:
	@if [ -f /usr/include/csv.h ]; then :; \
	elif command -v apt-get >/dev/null 2>&1; then \
	  echo "kartlagg: installing libcsv-dev (the CSV parser kartlagg is built on)"; \
	  $(SUDO) apt-get update && $(SUDO) apt-get install -y libcsv-dev; \
	else \
	  echo "kartlagg: libcsv's header (csv.h) is missing; install libcsv (Debian/Ubuntu: libcsv-dev)" >&2; exit 1; \
	fi

build: deps
	$(SWIFT) build

test: deps
	$(SWIFT) test

# The examples hold deliberate bad rows, so kartlagg exits 2 (rows rejected, reports
# written); that is this target's success. Exit 1 (no report) fails it.
report: deps
	$(SWIFT) build -c release --product kartlagg
	@bin=$$($(SWIFT) build -c release --show-bin-path); \
	$$bin/kartlagg report --survey Surveys/kalmar-primarvard.yaml Surveys/examples --out Reports; \
	status=$$?; \
	if [ $$status -eq 0 ] || [ $$status -eq 2 ]; then \
	  echo "kartlagg: reports in $$(pwd)/Reports (CSV summaries in Reports/csv, codebook in Reports/codebook.html)"; \
	else exit $$status; fi

Benchmarks/floor/csvfloor: Benchmarks/floor/csvfloor.c | deps
	cc -O2 -Wall -o $@ $< -lcsv

bench: deps Benchmarks/floor/csvfloor
	$(SWIFT) build -c release --product kartlagg-bench
	python3 Benchmarks/run.py $(BENCH_ARGS)

examples: deps
	$(SWIFT) build --product kartlagg-examples
	$(SWIFT) run --skip-build kartlagg-examples Surveys/kalmar-primarvard.yaml Surveys/examples

clean:
	rm -rf .build Benchmarks/data Benchmarks/floor/csvfloor
