"""`python -m specdsl.cli`: how the VS Code extension starts the server with a chosen interpreter."""

from . import main

raise SystemExit(main())
