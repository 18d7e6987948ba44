# One entry point for every check: `make check` (the README's test command).
PYTHON ?= python3
# A side environment holding Typer at the lowest version pyproject.toml allows, and
# seeing every other package of the current one (a .pth file, added after the install so
# that pip never touches the current environment): the CLI must work there too.
FLOOR_VENV ?= /tmp/dictee-plancher

.PHONY: check lint types test test-fast test-floor docs-check

check: lint types docs-check test

lint:
	$(PYTHON) -m ruff check dictee tests benchmarks tools

types:
	$(PYTHON) -m mypy dictee

docs-check:
	$(PYTHON) tools/verifier_docs.py
	$(PYTHON) tools/espacer_docs.py

test:
	$(PYTHON) -m pytest --durations=15

# The inner loop (under a minute): no LibreOffice, no browser, nothing marked slow.
test-fast:
	$(PYTHON) -m pytest -m "not slow and not pdf and not browser" -x

test-floor:
	rm -rf $(FLOOR_VENV)
	$(PYTHON) -m venv $(FLOOR_VENV)
	$(FLOOR_VENV)/bin/python -m pip install -q "$$($(PYTHON) tools/plancher.py typer)" \
	  "$$($(PYTHON) tools/plancher.py rich)"
	$(PYTHON) -c "import site; print(*site.getsitepackages(), sep='\n')" \
	  > "$$($(FLOOR_VENV)/bin/python -c 'import sysconfig; print(sysconfig.get_path("purelib"))')/courant.pth"
	$(FLOOR_VENV)/bin/python -c "import importlib.metadata as m, typer; print('Typer', typer.__version__, 'rich', m.version('rich'))"
	$(FLOOR_VENV)/bin/python -m pytest -q -p no:cacheprovider tests/test_cli_cas.py tests/test_cli_french.py \
	  tests/test_cli_output.py
