"""The `dictee` command line: a thin French layer over the core."""
