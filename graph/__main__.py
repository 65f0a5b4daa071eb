"""``python -m graph`` is the ``kg`` command."""

import sys

from graph.cli import main

sys.exit(main())
