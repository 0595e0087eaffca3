"""A Jupyter kernel for mlm: notebook cells of Stata commands, Stata's text, graphs inline.

Built on ``ipykernel``'s ``Kernel`` base class (the optional extra ``mlmcli[jupyter]``):

- ``cell``: runs one cell's text through the same ``Runner``/``Session`` as ``mlm``
  (state kept across cells) and turns what it prints, the graphs it draws and the
  error that stops it into front-end messages (pure of ipykernel, so testable alone);
- ``graph_output``: a drawn ``Graph`` as a display bundle (PNG, and SVG when small);
- ``completion``: what ``Tab`` offers (commands, variables, macros, files) and what
  ``Shift-Tab`` shows (a command's help);
- ``kernel``: the ``MlmKernel`` class (``python -m mlmcli.kernel`` starts it);
- ``install``: the kernelspec ``mlm --install-kernel`` writes.

This module imports nothing heavy: ``mlm --install-kernel`` reads the names below.
"""
from __future__ import annotations

KERNEL_NAME = "mlm"
DISPLAY_NAME = "Stata syntax (mlm)"
