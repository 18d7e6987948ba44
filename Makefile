# One entry point for every check: `make check` (the README's test command).
PYTHON ?= python3
# A virtual environment that sees the installed packages but holds Typer at the lowest
# version pyproject.toml allows: the CLI must work there too.
FLOOR_VENV ?= /tmp/dictee-plancher

.PHONY: check lint types test test-fast test-floor docs-check

check: lint types docs-check test

lint:
	$(PYTHON) -m ruff check dictee tests benchmarks tools

types:
	$(PYTHON) -m mypy dictee

docs-check:
	$(PYTHON) tools/verifier_docs.py

test:
	$(PYTHON) -m pytest

# The inner loop (under a minute): no LibreOffice, no browser, nothing marked slow.
test-fast:
	$(PYTHON) -m pytest -m "not slow and not pdf and not browser" -x

test-floor:
	$(PYTHON) -m venv --system-site-packages $(FLOOR_VENV)
	$(FLOOR_VENV)/bin/python -m pip install -q "$$($(PYTHON) tools/plancher.py typer)"
	$(FLOOR_VENV)/bin/python -m pytest -q -p no:cacheprovider tests/test_cli_cas.py tests/test_kit_errors.py
