"""Run the editors' command line: ``python -m wtiw check [FILE]``."""

import sys

from wtiw.cli import main

sys.exit(main())
