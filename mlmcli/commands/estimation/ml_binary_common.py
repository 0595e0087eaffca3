"""What fracreg, hetprob, betareg and scobit share: their sample (variables, cluster, weights),
a binary outcome's check, logit's/probit's constant-only start, e(b)/e(V) over several
equations, the weight macros, and a display at the level typed on replay."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError

NOT_VARY = ("outcome does not vary; remember:\n" + " " * 34 + "0 = negative outcome,\n" + " " * 8
            + "all other nonmissing values = positive outcome")


def model_sample(session, cmd, variables, clustvar):
    """(e(sample) before the model's own checks, weights on every row or None, weight kind):
    listwise deletion over ``variables``, the cluster variable (strings allowed) and the weight;
    aweights are refused (r(101))."""
    from mlmcli.commands.estimation.limited_dependent import model_weights
    from mlmcli.sample import mark_sample

    touse = np.asarray(mark_sample(session, cmd, list(dict.fromkeys(v for v in variables if v))), dtype=bool)
    if clustvar:
        touse &= np.asarray(mark_sample(session, cmd, [clustvar], strok=True), dtype=bool)
    w, kind = model_weights(session, cmd, touse, aweights=False)
    if not touse.any():
        raise StataError("no observations", 2000)
    return touse, w, kind


def binary_outcome(ds, depvar: str, touse) -> np.ndarray:
    """depvar != 0 over the sample; an outcome that does not vary is hetprob's/scobit's r(2000)."""
    y = (ds.numeric(depvar)[touse] != 0).astype(float)
    if y.all() or not y.any():
        raise StataError(NOT_VARY, 2000)
    return y


def constant_only_start(design, y, weights, link: str) -> np.ndarray:
    """Zeros but the constant at G^-1(mean y): the constant-only fit, logit's and probit's
    Iteration 0."""
    start = np.zeros(design.X.shape[1])
    est = [lab for lab in design.labels if not (lab.base or lab.omitted)]
    cons = [j for j, lab in enumerate(est) if lab.name == "_cons"]
    if cons:
        ybar = float(np.clip(np.average(y, weights=weights), 1e-10, 1 - 1e-10))
        if link == "logit":
            start[cons[0]] = np.log(ybar / (1 - ybar))
        else:
            from mlmcli.distributions import norm

            start[cons[0]] = float(norm.ppf(ybar))
    return start


def posted(blocks, theta, V):
    """e(b) and e(V) over equations ``blocks`` ((equation name, coefficient labels) ...) from the
    estimable parameters ``theta`` and their ``V``: names ``eq:name``, zeros for base and omitted
    coefficients -> (names, e(b), e(V))."""
    from mlmcli.results.matrix import Matrix

    names, est = [], []
    for eq, labels in blocks:
        for lab in labels:
            if not (lab.base or lab.omitted):
                est.append(len(names))
            names.append(f"{eq}:{lab.name}")
    k = len(names)
    b, full = np.zeros(k), np.zeros((k, k))
    b[est], full[np.ix_(est, est)] = theta, V
    names = tuple(names)
    return names, Matrix(b[None, :], ("y1",), names), Matrix(full, names, names)


def weight_macros(macros: dict, cmd, kind) -> None:
    if kind:
        macros["wtype"] = kind
        macros["wexp"] = "= " + cmd.weight.exp


def show(session, e, opts, result_at, render, **render_options) -> None:
    """Print ``render(result)``: e.result, or ``result_at(e, level)`` at another level()."""
    from mlmcli.commands.estimation.common import table_options_with_notes
    from mlmcli.syntax.options import confidence_level

    r = e.result
    level = confidence_level(opts, r.level)
    if level != r.level:
        r = result_at(e, level)
    table = render_options.pop("table", None)
    table = table if table is not None else table_options_with_notes(session, opts)
    session.print(render(r, linesize=session.linesize, options=table, **render_options))


def attach(session, e, model, fit, level, result_at, **kept):
    """e's fit object ``model`` (posted e(b)/e(V), the fit's theta and V, and ``kept`` as its
    attributes: labels, iteration log ...), e.result at ``level`` and e(sample)."""
    model.posted = (e.matrices["b"], e.matrices["V"])
    model.full_V, model.theta = fit.V, fit.theta
    for name, value in kept.items():
        setattr(model, name, value)
    e.model = model
    e.result = result_at(e, level)
    e.stamp_sample(session.data)
    return e
