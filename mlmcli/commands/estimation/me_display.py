"""The me commands' table (melogit ... meglm): their display options read into
render_glmm's keywords, and the fixed rows under noomitted/noemptycells/nofvlabel (mixed's
and menl's too).  Apart from me.py so that svy's replay (survey_me_replay) shows the table
without importing the command modules that replay through it."""
from __future__ import annotations

import dataclasses

from mlmcli.commands.estimation.me_syntax import eform_heading


def _display_kwargs(session, command: str, opts: dict) -> dict:
    from mlmcli.commands.estimation.common import display_formats_with_notes, factor_display_defaults, label_options

    heading = eform_heading(command, opts)
    return dict(linesize=session.linesize, eform=heading is not None, eform_label=heading,
                metric="sd" if opts.get("stddeviations") else "variance",
                noheader=bool(opts.get("noheader")), nogroup=bool(opts.get("nogroup")),
                notable=bool(opts.get("notable")), nolrtest=bool(opts.get("nolrtest")),
                baselevels=factor_display_defaults(opts)["baselevels"],
                **display_formats_with_notes(session, opts),
                vsquish=bool(opts.get("vsquish")), nolstretch=bool(opts.get("nolstretch")),
                nocnsreport=bool(opts.get("nocnsreport")), **label_options(opts))


def display(session, command: str, result, opts: dict) -> None:
    from mlmcli.render.glmm_display import render_glmm

    # noomitted, noemptycells, nofvlabel; the level texts of the data in memory as drawn
    result = dataclasses.replace(result, fixed=filter_fixed_rows(result.fixed, opts),
                                 fixed_eform=filter_fixed_rows(result.fixed_eform, opts))
    legend = None
    if opts.get("coeflegend") and session.e is not None and "b" in session.e.matrices:
        legend = tuple(session.e.stata_matrix("b").colnames)  # the _b[] names (glmm.stored_results; version 15's /:)
    session.print(render_glmm(result, legend=legend, **_display_kwargs(session, command, opts)))


def filter_fixed_rows(rows, opts: dict, empty_cells=()):
    """``noomitted``, ``noemptycells`` and ``nofvlabel`` applied to coefficient rows (mixed,
    the me commands, menl)."""
    from mlmcli.commands.estimation.common import factor_display_defaults, shows_level_values
    from mlmcli.commands.estimation.level_labels import command_level_texts, relabel_rows
    from mlmcli.render.coef_table import numeric_level

    shown = factor_display_defaults(opts)
    if shown["noomitted"]:
        rows = tuple(r for r in rows if not r.omitted)
    if shown["noemptycells"]:
        empty = set(empty_cells)
        rows = tuple(r for r in rows if r.name not in empty)
    rows = tuple(relabel_rows(rows, command_level_texts()))  # the labels of the data as drawn
    if shows_level_values(opts):  # nofvlabel, set fvlabel off
        rows = tuple(dataclasses.replace(r, level=numeric_level(r.name)) if r.level is not None else r
                     for r in rows)
    return rows
