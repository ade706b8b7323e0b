# Quick start: `make run` (build the graph and HTML from the bundled sample) and `make test`.
VENV   ?= .venv
PY     := $(VENV)/bin/python
GOVKG  := $(VENV)/bin/govkg
STAMP  := $(VENV)/.installed

.PHONY: run test test-fast install browser neo4j-build bench bench-encoder bench-html bench-neo4j clean

$(STAMP): pyproject.toml
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

run: install
	$(GOVKG) build --out out

browser:
	bash scripts/install_browser.sh

neo4j-build:
	bash scripts/neo4j/build.sh

test: install browser neo4j-build
	$(VENV)/bin/lint-imports
	bash scripts/test.sh
	bash scripts/check_wheel.sh

# the fast tier: no slow, Neo4j or browser tests; under a minute
test-fast: install
	$(VENV)/bin/lint-imports
	$(PY) -m pytest -q -m "not slow and not neo4j and not browser"

bench: install
	$(PY) scripts/bench.py

bench-encoder: install
	$(PY) scripts/bench_encoder.py

bench-html: install browser
	$(PY) scripts/bench_html.py
	$(PY) scripts/bench_html.py --corpus 10,1000

bench-neo4j: install neo4j-build
	$(GOVKG) neo4j start && $(PY) scripts/bench_neo4j.py; $(GOVKG) neo4j stop

clean:
	rm -rf out .neo4j build *.egg-info
