"""Run every benchmark in turn: `make bench` or `python -m bench [NAME ...]`."""

from __future__ import annotations

import importlib
import sys

# Each module has a main() that prints its own table. Add new benchmarks here.
BENCHMARKS = ("guide", "site")


def main(names: list[str]) -> int:
    """Run the named benchmarks (all by default) and return an exit status."""
    for name in names or BENCHMARKS:
        try:
            module = importlib.import_module(f"bench.{name}")
        except ModuleNotFoundError:
            print(f"bench: no benchmark named {name!r} yet; skipped")
            continue
        module.main()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
