# One entry point for every check: `make check` (the README's test command).
PYTHON ?= python3

.PHONY: check lint types test docs-check

check: lint types docs-check test

lint:
	$(PYTHON) -m ruff check dictee tests benchmarks tools

types:
	$(PYTHON) -m mypy dictee

docs-check:
	$(PYTHON) tools/verifier_docs.py

test:
	$(PYTHON) -m pytest
