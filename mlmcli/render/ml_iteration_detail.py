"""maximize's display options in an iteration log ([R] maximize): ``trace`` (the parameter
vector at each iteration), ``gradient`` (the gradient vector), ``hessian`` (the negative
Hessian), ``showstep`` (the steps tried within an iteration) and ``showtolerance`` (the values
ml compares with tolerance(), ltolerance() and nrtolerance()).

[R] maximize names what each shows but prints no example, so the layout is mlm's, in Stata's
idiom: with trace, gradient or hessian every iteration is a block under a dashed rule,

```
----------------------------------------------------------------------------------
Iteration 1:
Parameter vector:
             eq1:         eq1:         eq1:
              x1           x2        _cons
r1     .69914245   -.45307121    .36125283
                                                  log likelihood = -40.219185
Gradient vector (length = 2.9381004):
...
Negative Hessian matrix:
...
```
the matrices as ``matrix list`` lays them out (the Hessian's lower triangle); showstep's lines
follow the iteration they leave, one per step length tried (``step 1:``, ``step .5:``, ...,
labelled in 15 columns as the iteration lines), and showtolerance's values stand under the
line of the iteration they lead to.
"""
from __future__ import annotations

import numpy as np

from mlmcli.render.listings import render_matrix_list
from mlmcli.render.numfmt import format_number
from mlmcli.results.postestimation import MatrixListing

# the display options, as ml's settings name them (trace_b: ``ml trace`` is the evaluator's trace)
DETAIL_OPTIONS = ("trace_b", "gradient", "hessian", "showstep", "showtolerance")
_RULE = "-" * 78


def display_trace(opts: dict) -> dict:
    """Resolved options with maximize's ``trace`` (the parameter vector in the log) as
    ``trace_b``: ml's settings' ``trace`` is ``ml trace on``'s (the evaluator under set trace on)."""
    opts = dict(opts)
    if opts.get("trace"):
        opts["trace_b"] = opts["trace"]
    opts.pop("trace", None)
    return opts


def shown_details(settings: dict) -> frozenset:
    """Which display options ``settings`` (ml's resolved options) turn on."""
    return frozenset(name for name in DETAIL_OPTIONS if settings.get(name))


def _value(v: float) -> str:
    return "-<inf>".rjust(10) if not np.isfinite(v) else format_number(v, "%10.0g")


def _vector(title: str, names, values, linesize: int) -> list[str]:
    listing = MatrixListing("", np.asarray(values, float)[None, :], ("r1",), tuple(names), fmt="%10.0g",
                            header=False, blank=False, linesize=linesize)
    return [title] + render_matrix_list(listing).split("\n")


def detail_block(step, detail, names, crit: str, shown: frozenset, linesize: int = 80) -> list[str]:
    """The lines of iteration ``step`` (an IterationStep) with its ``detail`` (IterationDetail
    or None: the iteration repeats a cycle, its line alone)."""
    matrices = shown & {"trace_b", "gradient", "hessian"}
    if detail is None or not matrices:
        lines = [_iteration(step, crit)]
    else:
        lines = [_RULE, f"Iteration {step.iteration}:" + (f"  {step.note}" if step.note else "")]
        if "trace_b" in shown:
            lines += _vector("Parameter vector:", names, detail.b, linesize)
        lines.append(" " * 50 + f"{crit} = {_value(step.loglik)}")
        if "gradient" in shown:
            g = np.asarray(detail.gradient, float)
            length = format_number(float(np.sqrt(g @ g)), "%9.0g").strip()
            lines += _vector(f"Gradient vector (length = {length}):", names, g, linesize)
        if "hessian" in shown:
            listing = MatrixListing("", np.asarray(detail.neg_hessian, float), tuple(names), tuple(names),
                                    symmetric=True, fmt="%10.0g", header=False, blank=False, linesize=linesize)
            lines += ["Negative Hessian matrix:"] + render_matrix_list(listing).split("\n")
    if detail is not None and "showtolerance" in shown and detail.criteria is not None:
        dx, dl, nr = detail.criteria
        nr_text = "." if not np.isfinite(nr) else format_number(nr, "%9.0g").strip()
        lines.append(f"  (tolerance = {format_number(dx, '%9.0g').strip()}, ltolerance = "
                     f"{format_number(dl, '%9.0g').strip()}, nrtolerance = {nr_text})")
    if detail is not None and "showstep" in shown:
        lines += [f"  step {format_number(t, '%9.0g').strip()}:".ljust(15) + f"{crit} = {_value(f)}"
                  for t, f in detail.tries]
    return lines


def _iteration(step, crit: str) -> str:
    from mlmcli.render.iteration_log import iteration_line

    return iteration_line(step.iteration, step.loglik, crit, step.note)
