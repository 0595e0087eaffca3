"""What the multi-equation ML commands of one family (biprobit, gnbreg, ivprobit, ivtobit) share:
e(b) and e(V) laid out by equation with base/omitted columns as zeros, the coefficient rows of
each equation back from them, and the replay of the last results.
"""
from __future__ import annotations

import numpy as np


def full_estimates(labels_per_equation, theta, V, tail=()):
    """(names, b, V) over every column: ``labels_per_equation`` = ((equation name or None,
    labels), ...), estimable columns from ``theta``/``V`` in order, then the ``tail`` names
    (ancillary ``eq:_cons`` parameters)."""
    names, pos = [], []
    for eq, labels in labels_per_equation:
        for lab in labels:
            if not (lab.base or lab.omitted):
                pos.append(len(names))
            names.append(f"{eq}:{lab.name}" if eq else lab.name)
    for name in tail:
        pos.append(len(names))
        names.append(name)
    b, full = np.zeros(len(names)), np.zeros((len(names), len(names)))
    b[pos] = theta
    full[np.ix_(pos, pos)] = V
    return names, b, full


def matrices(names, b, V) -> dict:
    """e(b) and e(V) as Matrix objects."""
    from mlmcli.results.matrix import Matrix

    return {"b": Matrix(b[None, :], ("y1",), tuple(names)), "V": Matrix(V, tuple(names), tuple(names))}


def equation_rows(labels_per_equation, b, V, level):
    """((name, rows), ...) of the equations at the head of e(b), each over its estimable columns."""
    from mlmcli.postest.coefficient_rows import rows_from_estimates

    out, start = [], 0
    for name, labels in labels_per_equation:
        idx = [start + j for j, lab in enumerate(labels) if not (lab.base or lab.omitted)]
        out.append((name, rows_from_estimates(labels, b[idx], V[np.ix_(idx, idx)], level)))
        start += len(labels)
    return tuple(out)


def replayed(session, cmd, commands, render_results, extra_options=()) -> bool:
    """The command typed alone (display options): the last results of one of ``commands``
    shown again by ``render_results``; False when it is a fit."""
    from mlmcli.commands.estimation.common import display_option_specs, table_options_with_notes
    from mlmcli.estimation.active import replay_results
    from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

    if cmd.args.strip() or cmd.weight is not None or cmd.if_exp or cmd.in_range:
        return False
    e = replay_results(session, tuple(commands))
    opts = resolve_options(cmd.options, [OptionSpec("level", 1, takes_arg=True), *extra_options,
                                         *display_option_specs()])
    session.print(render_results(e, log=False, options=table_options_with_notes(session, opts),
                                 level=confidence_level(opts, e.result.level), linesize=session.linesize))
    return True


def fit_with_variance(model, start, w, control: dict):
    """Newton-Raphson on ``model`` (loglik, grad_hess, scores) from ``start``: a LikelihoodFit
    with the OIM inverse or, ``robust``/``cluster`` in ``control``, the sandwich."""
    from mlmcli.glm.zero_inflated import LikelihoodFit, maximize_with_variance

    control = dict(control)
    robust, cluster, frequency = control.pop("robust", False), control.pop("cluster", None), control.pop("frequency", False)
    if cluster is not None and len(np.unique(cluster)) < 2:  # the sandwich's G/(G-1); decision without evidence
        from mlmcli.errors import StataError
        raise StataError("insufficient observations", 2001)
    res, V = maximize_with_variance(model, start, w, control, robust=robust, cluster=cluster, frequency=frequency)
    return LikelihoodFit(res.x, V, res.f, res.converged, res.limit_reached, res.steps)
