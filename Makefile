# werkboek: two commands do all set-up on a fresh machine.
#   make serve   venv + install + casebook initialised (demo when empty) + Voilà on 127.0.0.1:8866
#   make test    venv + install + a Chromium when the machine has none + ruff + the whole pytest
#                suite (which starts a PostgreSQL of its own when none answers; tests/postgres_fixture.py)
#   make test-hub  only the JupyterHub test (tests/browser/test_hub.py; `make test` runs it too)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.werkboek-installed
PORT ?= 8866

.PHONY: install serve test test-hub lint browser hub-proxy bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	# deduce builds its lookup cache on first use (about a minute): do it now, not in a page.
	$(BIN)/werkboek warmup
	touch $(STAMP)

serve: install
	$(BIN)/werkboek init
	$(BIN)/werkboek demo --if-empty
	$(BIN)/werkboek serve --port $(PORT) --no-browser

lint: install
	$(BIN)/ruff check werkboek tests benchmarks

# The browser tests use Debian's /usr/bin/chromium; without it, the Chromium that Playwright
# downloads. A machine that cannot download goes on: the test run's first lines say what it has.
browser: install
	test -x /usr/bin/chromium || $(BIN)/playwright install chromium \
	  || echo "Geen Chromium: installeer het pakket chromium (apt-get install chromium)."

# configurable-http-proxy (npm), the proxy in front of JupyterHub, into deploy/hub/node_modules
# (not committed); the hub test and deploy/hub/jupyterhub_config.py use it from there.
HUB_PROXY := deploy/hub/node_modules/.bin/configurable-http-proxy

hub-proxy: $(HUB_PROXY)

$(HUB_PROXY): deploy/hub/package.json deploy/hub/package-lock.json
	@node -e 'process.exit(Number(process.versions.node.split(".")[0]) < 20 ? 1 : 0)' || { \
	  echo "configurable-http-proxy vraagt Node.js 20 of nieuwer (nu: $$(node --version))."; exit 1; }
	cd deploy/hub && npm ci --no-audit --no-fund
	touch $(HUB_PROXY)

test: lint browser hub-proxy
	$(BIN)/python -m pytest

test-hub: lint browser hub-proxy
	$(BIN)/python -m pytest tests/browser/test_hub.py

bench: install
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python -m benchmarks.run_all

clean:
	rm -rf $(VENV) test-artifacts .pytest_cache deploy/hub/node_modules
