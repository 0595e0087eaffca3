"""mlmcli: a Stata-syntax-compatible interpreter for multilevel (linear mixed) models."""

__version__ = "0.1.0"

import sys as _sys

# Room for mlmcli.limits.NESTING levels of do-files, programs and { } blocks (about 12
# Python frames each) under whatever the host stacks (a Jupyter kernel, pytest); set
# once on import, never lowered.
if _sys.getrecursionlimit() < 3000:
    _sys.setrecursionlimit(3000)
