"""Graphs: Stata 13's twoway plots, histograms and densities, bar/box/dot charts, combined
graphs, in the look of its schemes (s2color by default), drawn with matplotlib (Agg).

Pipeline, one direction:

- ``syntax``: the text of a ``twoway`` command -> ``PlotCall``s + options (pure string work);
- ``graph_options`` (with ``axis_options``, ``legend_options``, ``look_options``) / ``plot_options``:
  typed options -> ``Graph`` / ``Series`` fields
  (Stata's option names and minimal abbreviations, through ``mlmcli.syntax.options``);
- ``fits`` (lfit/qfit and their bands) and ``smoothers`` (kernels, kernel density,
  histogram bins, lowess, local polynomials): the numbers, pure numpy, with Stata's formulas;
- ``build`` (twoway) + ``plots`` (each plot type's options and variables; its series from
  ``data_plots`` or ``fitted_plots``, made of ``series_parts``), ``categorical`` (bar, dot
  and box charts), ``caterpillar``: data -> a ``Graph`` (``spec``: pure data);
- ``draw`` + ``artists``: a ``Graph`` -> a matplotlib Figure / PNG, SVG, PDF file
  (matplotlib imported only there, inside the functions);
- ``storage``: ``graph save``/``graph use`` files (the spec as JSON); ``recordings``: the edits of
  a Graph Editor recording ``play()`` applies.
- more twoway plot types, each with its numbers and series: ``smooth_plots`` (``mband``,
  ``mspline`` from ``median_bands``; ``fpfit``/``fpfitci`` from ``mlmcli.fractional_polynomials``;
  ``dot``), ``paired_plots`` (``pcspike`` ... ``pcarrowi``), ``contour`` (``contour``,
  ``contourline``; ``contour_ramp``/``contour_ramp_draw``/``contour_ramp_place``: the
  colour-ramp legend, its z axis options and its placement (under ``by()`` one legend for the
  trellis, ``by(..., clegend(on))``), with ``clock_places``' clock and
  compass tables that the frame uses for titles and the legend),
  ``time_series`` (``tsline``/``tsrline`` as line/rline against tsset's time);
  ``matrix`` (``graph matrix``: framed cells with their own ranges) and ``pie`` (``graph pie``).

The command handlers live in ``mlmcli.commands.graphs`` (``twoway``; ``histogram``,
``kdensity``, ``quantile_plots``, ``lowess``, ``lpoly`` sharing ``ready_series``; ``categorical``,
``manage``, ``caterpillar``; ``matrix``, ``pie``, ``panel_lines`` (xtline); ``current`` keeps the
graphs in memory).

The stable API for code that draws its own graphs (``marginsplot``, ``estat caterpillar``)
-------------------------------------------------------------------------------------------
Build the spec, then hand it to the graph memory; nothing else is needed::

    from mlmcli.graphs.axis_spec import Axis
    from mlmcli.graphs.spec import Graph, Panel, RefLine, Series, TextBox
    from mlmcli.commands.graphs.current import keep_graph      # command layer only

    line = Series("connected", x, margins, label="Predicted", style=1)     # p1 look
    band = Series("rcap", x, lower, upper, label="95% CI", style=1, legend=False)
    graph = Graph(panels=(Panel((band, line)),), title="Adjusted predictions",
                  xtitle="Education", ytitle="Linear prediction", yaxis=Axis(grid=True),
                  ylines=(0.0,), name="Graph")
    keep_graph(session, graph)        # current graph; export/save/combine/display work on it

- ``Series(kind, x, y, y2=None, ...)`` kinds: ``scatter``, ``line``, ``connected``,
  ``area`` (y..y2), ``bar`` (to y from y2 or ``base``), ``rspike``/``rcap`` (y..y2),
  ``box``, ``pointci``; ``style`` picks colour/symbol/pattern from the scheme (p1, p2 ...;
  0 = the grey CI band); ``color``, ``marker`` (Stata msymbol code), ``marker_size``,
  ``line_width``, ``pattern`` (Stata linepattern), ``labels`` override the look.
- ``Panel(series, title=...)``; several panels make a trellis (``cols`` on the Graph).
- ``Graph`` fields are documented in ``spec``; all have defaults.  Fields are only ever
  added, never renamed, so code written against this API keeps working.
- To apply a command's typed graph options (``title()``, ``legend()``, ``xlabel()`` …) the
  way twoway does: ``graph_options.resolve_graph_options(options)`` then
  ``graph_options.common_fields(resolved, notes)`` -> Graph keyword arguments.
- ``draw.make_figure(graph)`` returns the matplotlib Figure; ``export.export(graph, path)``
  writes it.
"""
