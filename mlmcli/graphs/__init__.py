"""Graphs: Stata's ``twoway`` plots, ``graph export`` and ``estat caterpillar``.

Pipeline, one direction:

- ``syntax``: the text of a ``twoway`` command -> ``PlotCall``s + graph options
  (pure string work);
- ``fits``: the numbers behind ``lfit``/``lfitci`` (pure numpy);
- ``build``: plot calls + data arrays -> a ``Graph`` (``spec``: pure data);
- ``caterpillar``: empirical Bayes predictions -> a ``Graph``;
- ``draw``: a ``Graph`` -> a PNG/SVG/PDF file with matplotlib (Agg backend,
  imported only when a file is written).

The command handlers live in ``mlmcli.commands.graphs.twoway``.
"""
