"""``python -m fsbp_constructs``: the same as the ``fsbp-check`` command."""

from .cli import main

raise SystemExit(main())
