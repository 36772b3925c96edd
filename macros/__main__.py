"""Run the editors' command line: ``python -m macros check [FILE]``."""

import sys

from macros.cli import main

sys.exit(main())
