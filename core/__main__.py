"""``python -m core``: the command line (``core.cli``)."""

import sys

from core.cli import main

sys.exit(main())
