# Two commands: `make run` serves the app on the committed sample data, `make test` runs every test.
# Both set everything up first: the virtualenv, the pinned packages and the warehouse.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed-requirements
PORT ?= 8501

.PHONY: run test test-calendar setup warehouse bench sample regions export brief digest audit

run: warehouse
	$(BIN)/python -m streamlit run app.py --server.port $(PORT)

# Four workers on two cores: a browser test spends much of its time waiting for a page to settle, and four keep
# the cores busy (six were slower: 1,323 s against 877 to 1,034 s). The sample warehouse and its two servers are
# made once for all workers (tests/support/shared.py); each test file is one unit of work, so that its module
# fixtures are made once, but tests/conftest.py shares out the long files test by test; units are handed out in the
# order tests/conftest.py gives them (browser tests first). The 30 slowest are listed at the end, where the suite's time
# goes (issue 24).
test: warehouse
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -n 4 --dist loadgroup --no-loadscope-reorder --durations=30

# The tests that depend on the day (marked `calendar`; tests/test_clock.py finds any left unmarked and scans the
# code for wall-clock reads), for a second run under another date (`faketime -f '+2y' make test-calendar`).
test-calendar: warehouse
	$(BIN)/python -m pytest -m "calendar and not browser" -p no:cacheprovider -n auto --maxprocesses 4 --dist loadfile

setup: $(INSTALLED)

$(INSTALLED): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11 or newer is needed (PYTHON=$(PYTHON))"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(INSTALLED)

# Rebuilt from data/ when missing or older than its sources (never over manually loaded data).
warehouse: setup
	$(BIN)/python -m smartisland.load --if-stale

# A size that finishes in minutes here (the warehouse at scale 5, the loader at 1M rows); the issue's sizes:
# BENCH_ARGS="--scale 100 --usage 5000000 --xlsx-rows 1000000" (docs/performance.md).
BENCH_ARGS ?= --scale 5 --sessions 1000000 --usage 1000000 --xlsx-rows 200000
bench: warehouse
	$(BIN)/python -m smartisland.tools.bench $(BENCH_ARGS)

sample: setup
	$(BIN)/python -m smartisland.tools.sample

# PROVINCE=NN (default: SMARTISLAND_PROVINCE, else the default province) and OUT=DIR (default: its reference/).
regions: setup
	$(BIN)/python scripts/build_regions.py $(if $(PROVINCE),--province $(PROVINCE)) $(if $(OUT),--out-dir $(OUT))

# The public static site in site/ (both languages, every public page, SVG charts, feeds, open data), for any web
# server or CDN (deploy/nginx/site.conf; docs/deploying.md).
export: warehouse
	$(BIN)/python -m smartisland.publishing.export site

# The Governor's one-page brief, PDF and PNG in both languages: AS_OF=YYYY-MM-DD (a month end of the last 24
# months; default the latest) and OUT=DIR (default briefs/).
brief: warehouse
	$(BIN)/python -m smartisland.reporting.brief $(if $(AS_OF),--as-of $(AS_OF)) $(if $(OUT),--out $(OUT))

# The team's e-mail digest (settings in .streamlit/secrets.toml, [digest]); DRY_RUN=1 writes the .eml files instead.
digest: warehouse
	$(BIN)/python -m smartisland.reporting.digest $(if $(DRY_RUN),--dry-run) $(if $(OUT),--out $(OUT))

# Lighthouse 12.2.3 (mobile) on every static page, served by nginx, and on the app's public Transparency page as the
# baseline; writes docs/performance-public.md and the summary in docs/performance.md (a benchmark, not a test: about
# half an hour).
audit: warehouse
	$(BIN)/python -m smartisland.tools.audit
