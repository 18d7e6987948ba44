# One entry point for every check: `make check` (the README's test command).
PYTHON ?= python3

.PHONY: check lint test docs-check

check: lint docs-check test

lint:
	$(PYTHON) -m ruff check dictee tests benchmarks tools

docs-check:
	$(PYTHON) tools/verifier_docs.py

test:
	$(PYTHON) -m pytest
