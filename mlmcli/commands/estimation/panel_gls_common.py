"""What xtpcse and xtgls share: the replay (the command alone redisplays its estimates) and the
coefficient rows of the posted b and V."""
from __future__ import annotations

import numpy as np

from mlmcli.commands.estimation.common import display_option_specs
from mlmcli.syntax.options import OptionSpec, resolve_options


def replay_request(session, cmd, name: str):
    """(e, display options) when ``cmd`` is a bare replay of ``name``, else None."""
    from mlmcli.errors import StataError

    if cmd.args.strip() or cmd.weight is not None or cmd.if_exp or cmd.in_range:
        return None
    e = session.e
    if e is None or e.cmd != name:  # the ado's replay(): error 301
        raise StataError("last estimates not found", 301)
    return e, resolve_options(cmd.options, [OptionSpec("level", 1, takes_arg=True), *display_option_specs()])


def posted_rows(e, level: float):
    """The table rows of e(b) and e(V) (base and omitted cells kept as labels)."""
    from mlmcli.postest.coefficient_rows import rows_from_estimates

    labels = e.design.labels if e.design is not None else _labels_of_b(e)
    idx = [j for j, lab in enumerate(labels) if not (lab.base or lab.omitted)]
    bv, V = e.matrices["b"].values.ravel(), e.matrices["V"].values
    return rows_from_estimates(labels, bv[idx], V[np.ix_(idx, idx)], level, None)


def fit_options(cmd, specs) -> dict:
    """The options of a fit; weights refused (r(101)): the ados' aweights/iweights are not
    implemented here, a decision of this implementation."""
    from mlmcli.errors import StataError

    opts = resolve_options(cmd.options, specs)
    if cmd.weight is not None:
        raise StataError("weights not allowed", 101)
    return opts


def _labels_of_b(e):
    """Results read by ``estimates use`` keep no design: e(b)'s names, base (``b.``) and
    omitted (``o.``) cells marked as the names mark them."""
    from mlmcli.mixed.spec import CoefLabel

    labels = []
    for name in e.matrices["b"].colnames:
        ops = [part.split(".", 1)[0] for part in name.split("#") if "." in part]
        labels.append(CoefLabel(name, base=any(op.endswith("b") and op[:-1].isdigit() for op in ops),
                                omitted=any(op.startswith("o") for op in ops)))
    return labels
