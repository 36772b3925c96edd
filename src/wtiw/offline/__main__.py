"""`python -m wtiw.offline SITE_DIR ZIP`: zip a built offline site (see package.py)."""

import sys

from wtiw.offline.package import main

raise SystemExit(main(sys.argv[1:]))
