"""``python -m explorer``: the same as the ``softmax-explorer`` command."""

from .app import main

raise SystemExit(main())
