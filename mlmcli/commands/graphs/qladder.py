"""``qladder varname [if] [in] [, grid marker_options rlopts() graph_combine_options]``: a
quantile-normal plot (mlm's own ``qnorm``) of each transformation of the ladder of powers the
data's sign allows, combined with the note "Quantile-Normal plots by transformation", as
Stata's qladder.ado (1.3.2) draws them: the transformations and their domains are gladder's
(``statistics.normality.GLADDER_RUNGS``); each qnorm is drawn with ``ytitle("") xtitle("")
note("")``, the combined graph has ``b1title()`` the variable's label (or name).

Options: ``grid``, ``rlopts()``, qnorm's marker options and the axis options (``ylabel()`` ...:
``statistics.normality.to_each_rung``) go to every qnorm, ``scheme()`` to every graph; the rest
are ``graph combine``'s (titles, ``rows()``, ``name()`` ...).  qladder.ado
refuses ``plot()``/``addplot()``.
"""
from __future__ import annotations

from mlmcli.ast import Command
from mlmcli.errors import StataError


def _to_qnorm(option) -> bool:
    """Whether a typed option is one of each qnorm's (grid, rlopts(), marker options)."""
    from mlmcli.graphs import plot_options as popt
    from mlmcli.syntax.options import OptionSpec

    from mlmcli.commands.statistics.normality import to_each_rung

    specs = [OptionSpec("grid", 1), OptionSpec("rlopts", 4, True)] + popt.MARKER_SPECS
    return any(s.matches(option.name) for s in specs) or to_each_rung(option)


def cmd_qladder(session, cmd: Command) -> None:
    from mlmcli.commands.graphs.ready_series import refuse_by_prefix, sample_rows
    from mlmcli.commands.statistics.normality import draw_ladder, ladder_data, option_text
    from mlmcli.syntax.options import OptionSpec

    refuse_by_prefix(cmd, "qladder")
    for option in cmd.options:
        name = option.name
        if name in ("plot", "addplot"):
            raise StataError(f"option {name}() not allowed", 198)
    name, rows, allowed = ladder_data(session, cmd, sample_rows)
    scheme = [o for o in cmd.options if o.name == "scheme"]
    each = " ".join(option_text(o) for o in cmd.options if _to_qnorm(o) or o in scheme)
    combine = " ".join(option_text(o) for o in cmd.options if not _to_qnorm(o))
    grid = any(OptionSpec("grid", 1).matches(o.name) for o in cmd.options)
    title = session.data.var_labels.get(name) or name
    notes = '`"Quantile-Normal plots by transformation"\''
    if grid:
        notes += ' `"Grid lines are 5,10,25,50,75,90, and 95 percentiles"\''
    draw_ladder(session, "qladder", name, rows, allowed,
                lambda var, graph, subtitle: f'quietly qnorm {var} if __qladder_touse, ytitle("") xtitle("") '
                f'nodraw name({graph}, replace) subtitle({subtitle}) {each} note("")',
                lambda graphs: f'graph combine {" ".join(graphs)}, l1title("") b1title(`"{title}"\') '
                f'note({notes}) {combine}')
