"""varstable's and vecstable's ``graph`` ([TS] varstable, vecstable; _vec_grcroots.ado 1.0.3 of the
Stata 16 tree): the eigenvalues of the companion matrix against the unit circle --

    twoway (function y = sqrt(1-x*x), range(-1 1) lstyle(refline) subtitle("Roots of the companion
           matrix") legend(off) ytitle("Imaginary") xtitle("Real") xlabel(-1 -.5 0 .5 1, nogrid)
           ylabel(-1 -.5 0 .5 1, nogrid) rlopts aspect(1)) (function y = -1*sqrt(1-x*x), range(-1 1)
           lstyle(refline) rlopts) (scatteri Im Re (6) "label" ..., pstyle(p1) note() options)
           || plot || addplot

dlabel labels each root with its distance from the unit circle, modlabel with its modulus
(%5.3f of the value rounded to .001); vecstable's note says how many unit moduli the VECM imposes.
The ado's scatteri points are a scatter of scratch columns here (the same points and labels).
Refused by name: pgrid() (_vec_pgridplots' polar grid).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec

GRAPH_SPECS = [OptionSpec("graph", 2), OptionSpec("dlabel", 1), OptionSpec("modlabel", 3),
               OptionSpec("rlopts", 3, True), OptionSpec("plot", 4, True), OptionSpec("addplot", 7, True),
               OptionSpec("pgrid", 5, True)]


def check_graph_options(opts, rest, name: str) -> None:
    """Options that need graph, and those the command refuses."""
    if opts.get("pgrid") is not None:
        raise StataError(f"option pgrid() of {name} is not implemented in mlmcli", 198)
    if not opts.get("graph"):
        for key in ("dlabel", "modlabel", "rlopts", "plot", "addplot"):
            if opts.get(key) not in (None, False):
                raise StataError(f"option {key} requires the graph option", 198)  # decided: _vec_ckgraph's gist
        if rest:
            raise StataError(f"option {rest[0].name} not allowed", 198)
    if opts.get("dlabel") and opts.get("modlabel"):
        raise StataError("dlabel and modlabel may not both be specified", 198)


def draw_roots(session, cmd, values: np.ndarray, moduli: np.ndarray, opts, rest, unit_moduli: int | None = None):
    import pandas as pd

    from mlmcli.commands.graphs.irf_plots import draw_on
    from mlmcli.commands.statistics.normality import option_text
    from mlmcli.dataset import Dataset
    from mlmcli.render.numfmt import format_number

    notes = []
    if unit_moduli is not None:
        notes.append(f'"The VECM specification imposes {unit_moduli} unit {"moduli" if unit_moduli > 1 else "modulus"}"')
    def stata_round(x):  # round(x, .001) = .001 floor(x/.001 + .5): never a negative zero
        return 0.001 * np.floor(x / 0.001 + 0.5) + 0.0

    labels = [""] * len(values)
    if opts.get("dlabel"):
        labels = [format_number(stata_round(1 - m), "%5.3f").strip() for m in moduli]
        notes.append('"Points labeled with their distances from the unit circle"')
    elif opts.get("modlabel"):
        labels = [format_number(stata_round(m), "%5.3f").strip() for m in moduli]
        notes.append('"Points labeled with their moduli"')
    data = Dataset(df=pd.DataFrame({"__root_re": values.real, "__root_im": values.imag,
                                    "__root_lab": labels}), types={"__root_re": "double", "__root_im": "double",
                                                                   "__root_lab": "str32"})
    rl = str(opts.get("rlopts") or "")
    circle = "range(-1 1) lstyle(refline)"
    note = f"note({' '.join(notes)})" if notes else ""
    mark = "mlabel(__root_lab) mlabposition(6)" if opts.get("dlabel") or opts.get("modlabel") else ""
    text = (f'(function y = sqrt(1-x*x), {circle} subtitle("Roots of the companion matrix") legend(off) '
            f'ytitle("Imaginary") xtitle("Real") xlabel(-1 -.5 0 .5 1, nogrid) ylabel(-1 -.5 0 .5 1, nogrid) '
            f'{rl} aspect(1)) (function y = -1*sqrt(1-x*x), {circle} {rl}) '
            f'(scatter __root_im __root_re, pstyle(p1) {mark} {note} {" ".join(option_text(o) for o in rest)})')
    for key in ("plot", "addplot"):
        if opts.get(key):
            text += f" || {opts[key]}"
    draw_on(session, cmd, data, text)
