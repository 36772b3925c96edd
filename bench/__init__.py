"""Benchmark scripts: they print figures; they are not tests and never fail on a number."""
