"""Reproducible performance runs; `make bench` runs them all and records the results."""
