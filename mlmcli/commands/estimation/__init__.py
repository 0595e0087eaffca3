"""Estimation commands: one module per command (``mixed``/``xtmixed``, ``regress``).

Each parses its syntax, marks the sample, builds its engine's input, fits, stores
``e()`` (an ``mlmcli.estimation.EstimationResults`` whose ``model`` is the engine's
fit object) and prints through a renderer.  Postestimation commands never import
these modules: they work through ``mlmcli.estimation``.  See ARCHITECTURE.md,
"How to add an estimation command".
"""
