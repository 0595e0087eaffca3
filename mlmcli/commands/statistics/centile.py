"""``centile [varlist] [if] [in] [, centile(numlist) cci normal meansd level(#)]`` ([R] centile;
centile.ado 2.3.2).

Each numeric variable's centiles over its own nonmissing values within if/in (string variables
are skipped without a word; no varlist is every variable), with binomial intervals
(interpolated, or the conservative order statistics with ``cci``) or the normal ones
(``normal``, ``meansd``): numbers from ``mlmcli.centile_intervals``.  r() holds the last
variable's r(N), r(c_#), r(lb_#), r(ub_#), with r(n_cent) and r(centiles); $S_1 ... $S_6 and
$S_7 ... as centile.ado leaves them.  ``centile(x)`` is the command and the group ``(x)``: a
group with no operator is its variables, as mlm's varlists read it (``counted_varlist``).
"""
from __future__ import annotations

import math
import re

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

CENTILE_OPTIONS = [OptionSpec("centile", 1, takes_arg=True), OptionSpec("cci", 2), OptionSpec("level", 1, takes_arg=True),
                   OptionSpec("meansd", 1), OptionSpec("normal", 1)]
_HEADINGS = {"binomial": "-- Binom. Interp. --", "cci": "-- Binomial Exact --",
             "normal": "-- Normal, based on observed centiles --", "meansd": "-- Normal, based on mean and std. dev.--"}
HELD_NOTE = " Lower (upper) confidence limit held at minimum (maximum) of sample"


def cmd_centile(session, cmd) -> None:
    from mlmcli.centile_intervals import centile_estimates
    from mlmcli.render.descriptive import render_centile_table
    from mlmcli.results.descriptive import CentileRow, CentileTable
    from mlmcli.sample import mark_sample
    from mlmcli.syntax.varlist import counted_varlist

    if cmd.weight is not None:
        raise StataError("weights not allowed", 101)
    opts = resolve_options(cmd.options, CENTILE_OPTIONS)
    level = confidence_level(opts, float(getattr(session, "level", 95.0)))
    centiles = _centiles(opts.get("centile"))
    # meansd outranks normal, which outranks cci (centile.ado's order of tests)
    method = ("meansd" if opts.get("meansd") else "normal" if opts.get("normal")
              else "cci" if opts.get("cci") else "binomial")
    ds = session.data
    names = counted_varlist(ds, cmd.args, 0, None, empty_ok=True) if cmd.args.strip() else list(ds.varnames)
    touse = mark_sample(session, cmd, [])
    rows, last, mark, anymark = [], None, "", False
    for name in names:
        if ds.is_string(name):
            continue
        x = ds.numeric(name)
        values = np.sort(x[touse & ~np.isnan(x)].astype(float))
        estimates = centile_estimates(values, centiles, level, method)
        for e in estimates:
            mark = "*" if e.held else ""
            anymark |= e.held
        rows.append(CentileRow(name, len(values), tuple((e.centile, e.estimate, e.lb, e.ub, "*" if e.held else "")
                                                        for e in estimates), _estimate_format(ds.format_of(name))))
        last = (len(values), estimates)
    note = (mark + HELD_NOTE) if anymark else ""
    session.print(render_centile_table(CentileTable(_HEADINGS[method], level, tuple(rows), note)))
    session.set_r(_returns(centiles, last))
    _set_globals(session, centiles, last)


def _centiles(text) -> list[float]:
    from mlmcli.syntax.numlist import numlist

    if text is None or not str(text).strip():
        return [50.0]

    def invalid() -> StataError:
        return StataError("option centile() incorrectly specified", 198)

    values = numlist(str(text), invalid=invalid)
    if any(v < 0 or v > 100 for v in values):
        raise StataError("centile() invalid -- invalid numlist has elements outside of allowed range", 125)
    return values


def _estimate_format(fmt: str) -> str:
    """centile.ado: %w.df gives %9.df, %w.dfc %9.dfc (their last two or three characters),
    any other format %9.0g."""
    fmt = fmt or ""
    if fmt.endswith("fc"):
        return "%9." + fmt[-3:]
    if fmt.endswith("f"):
        return "%9." + fmt[-2:]
    return "%9.0g"


def numlist_text(value: float) -> str:
    """A number as numlist writes it: 2.5, .5, 10."""
    text = f"{value:.15g}"
    return re.sub(r"^(-?)0\.", r"\1.", text)


def _finite(value: float) -> float:
    return value if math.isfinite(value) else math.nan


def _returns(centiles: list[float], last) -> dict:
    n, estimates = last if last is not None else (0, [])
    out: dict = {}
    for k, e in enumerate(estimates, 1):
        out[f"c_{k}"] = _finite(e.estimate)
        out[f"lb_{k}"] = _finite(e.lb)
        out[f"ub_{k}"] = _finite(e.ub)
    out.update({"N": float(n), "n_cent": float(len(centiles)),
                "centiles": " ".join(numlist_text(c) for c in centiles)})
    return out


def _set_globals(session, centiles: list[float], last) -> None:
    """$S_1 observations, $S_2 the number of centiles, $S_3 the last centile, $S_4-$S_6 its
    estimate and limits, $S_7 ... each centile's estimate (centile.ado's double save)."""
    from mlmcli.commands.program.macro_functions import macro_number as text

    if last is None:
        return
    n, estimates = last
    for k, e in enumerate(estimates):
        session.globals[f"S_{7 + k}"] = text(e.estimate)
    final = estimates[-1]
    session.globals.update({"S_1": str(n), "S_2": str(len(centiles)), "S_3": numlist_text(centiles[-1]),
                            "S_4": text(final.estimate), "S_5": text(final.lb), "S_6": text(final.ub)})
