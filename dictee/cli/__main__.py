"""`python -m dictee.cli …` runs the command line (used by benchmarks)."""

from dictee.cli.app import main

main()
