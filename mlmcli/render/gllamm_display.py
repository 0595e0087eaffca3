"""``gllamm``'s output: its own layout, not the me commands'.

Source: gllamm 2.3.20 (Rabe-Hesketh, Skrondal & Pickles; SSC, ``gllamm.ado``: programs
``Replay`` and ``disprand``), e.g. (MLMUS ch. 10, toenail data; blank lines as gllamm prints
them; numbers with ``display``'s default format)::

    number of level 1 units = 1908
    number of level 2 units = 294

    Condition Number = 23.0763

    gllamm model

    log likelihood = -625.38558

    ------------------------------------------------------------------------------
         outcome |      Coef.   Std. Err.      z    P>|z|     [95% Conf. Interval]
    -------------+----------------------------------------------------------------
       treatment |  -.1608934   .5802058    -0.28   0.782    -1.298076    .9762891
    ...
    ------------------------------------------------------------------------------


    Variances and covariances of random effects
    ------------------------------------------------------------------------------


    ***level 2 (patient)

        var(1): 16.084107 (3.0626848)
    ------------------------------------------------------------------------------

A published log with this layout: Statalist, 7 May 2012, "gllamm for binary outcome"
(``number of level 1 units = 12552`` ... ``var(1): .2054349 (.03404487)``).  Random slopes add
``    cov(2,1): c (se) cor(2,1): r`` and a blank line before each further ``var(i)``; a
Gaussian model first prints ``Variance at level 1``.  The iteration log: ml's ``Iteration k:
  log likelihood = ...`` (ordinary quadrature), or with ``adapt`` gllamm's ``Running adaptive
quadrature`` loop (``Iteration k:    log likelihood = ...``) and ``Adaptive quadrature has
converged, running Newton-Raphson`` before ml's final iterations.
"""
from __future__ import annotations

from mlmcli.render.coef_table import render_coef_table
from mlmcli.render.numfmt import format_number
from mlmcli.results.gllamm import GllammResult, IterationLine

RULE = "-" * 78


def number(value: float) -> str:
    """A number as ``display`` shows it without a format (%10.0g, trimmed)."""
    return format_number(value, "%10.0g").strip()


def render_gllamm_log(lines: tuple[IterationLine, ...], adapt: bool, *, stopped_at: int | None = None) -> str:
    """The iteration log; ``stopped_at``: the iteration limit the fit stopped at without
    converging -- with ``adapt`` gllamm's loop ends in ``Adaptive quadrature did not converge in
    # iterations`` (``has not converged`` for iterate(0)) and no Newton-Raphson follows; without
    it ml's log ends in ``convergence not achieved``."""
    out: list[str] = []
    adaptive = [ln for ln in lines if ln.kind == "adaptive"]
    ml = [ln for ln in lines if ln.kind == "ml"]
    if adapt and adaptive:
        out += ["", "Running adaptive quadrature"]
        out += [f"Iteration {ln.iteration}:    log likelihood = {format_number(ln.loglik, '%10.0g')}"
                for ln in adaptive]
        if stopped_at is not None:
            return "\n".join(out + [adapt_stop_message(stopped_at)])
        out += ["", "", "Adaptive quadrature has converged, running Newton-Raphson"]
    if ml and not out:  # ml's log opens with a blank line
        out.append("")
    out += [f"Iteration {ln.iteration}:   log likelihood = {format_number(ln.loglik, '%10.0g')}  "
            for ln in ml]
    if stopped_at is not None and ml:
        out.append("convergence not achieved")
    return "\n".join(out)


def adapt_stop_message(limit: int) -> str:
    """gllamm's words when its adaptive loop reaches iterate() (gllamm.ado)."""
    if limit == 0:
        return "Adaptive quadrature has not converged"
    return f"Adaptive quadrature did not converge in {limit} iterations"


def _random_part(result: GllammResult) -> list[str]:
    out: list[str] = [""]
    if result.level1_variance is not None:
        var, se = result.level1_variance
        out += ["Variance at level 1", RULE, "", f"  {number(var)} ({number(se)})"]
    if not result.random:
        return out
    out += ["", "Variances and covariances of random effects", RULE, ""]
    for block in result.random:
        out += ["", f"***level {block.level} ({block.cluster})"]
        for e in block.entries:
            if e.i == e.j:
                out += ["", f"    var({e.i}): {number(e.value)} ({number(e.se)})"]
            elif e.fixed_zero:
                out.append(f"    cov({e.i},{e.j}): fixed at 0")
            else:
                out.append(f"    cov({e.i},{e.j}): {number(e.value)} ({number(e.se)})"
                           f" cor({e.i},{e.j}): {number(e.correlation)}")
    out += [RULE, "", ""]
    return out


def render_gllamm(result: GllammResult, *, eform: bool = False, linesize: int = 80) -> str:
    """Everything ``gllamm`` prints after its iteration log (also its replay)."""
    out = [""]
    out += [f"number of level {k} units = {number(n)}" for k, n in enumerate(result.units, start=1)]
    out.append("")
    out.append("Condition Number could not be computed" if result.condition_number is None
               else f"Condition Number = {number(result.condition_number)}")
    out += ["", "gllamm model", "", f"log likelihood = {number(result.loglik)}", ""]
    if result.vce_note:
        out.append(result.vce_note)
    if result.fixed or result.equations:
        rows = result.fixed_eform if eform else result.fixed
        label = "exp(b)" if eform else "Coef."
        if result.equations:
            eqs = ([(result.depvar, rows)] if rows else []) + list(result.equations)
            # several equations (ordinal thresholds _cut11 ...): ml display's table, equation
            # names as row headings and an empty top-left heading
            out.append(render_coef_table(None, "", equations=eqs, level=result.level,
                                         linesize=linesize, coef_label=label, eform=eform))
        else:
            out.append(render_coef_table(rows, result.depvar, level=result.level, linesize=linesize,
                                         coef_label=label, eform=eform))
    else:
        out.append("No fixed effects")
    out += _random_part(result)
    return "\n".join(out)
