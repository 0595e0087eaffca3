"""``tebalance summarize [varlist] [, baseline]`` after ``teffects ipw|ipwra|aipw`` (Stata 14's
tebalance.ado, _tebalance_summarize.ado): the covariates' standardized differences and variance
ratios, raw and inverse-probability weighted (``mlmcli.treatment_effects.balance``); r(table)
and r(size).  The default covariates are the treatment model's.  After ``teffects ra``:
"tebalance is not allowed after teffects ra" r(322).  ``density`` is in
``commands/graphs/tebalance_density``; ``overid`` in ``tebalance_overid``; ``box`` and a
multivalued treatment are refused (decisions: docs/teffects.md).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

HELP = {"tebalance": "tebalance summarize [varlist] [, baseline] : covariate balance after teffects ipw, ipwra, aipw"}


def cmd_tebalance(session, cmd) -> None:
    from mlmcli.syntax.options import split_options

    e = session.e
    if e is None or e.cmd != "teffects":
        raise StataError("teffects or stteffects estimation results not found", 322)
    if e.macros.get("subcmd") == "ra":
        raise StataError("tebalance is not allowed after teffects ra", 322)
    if e.model is None:  # nnmatch: its matched-sample balance is not implemented
        raise StataError(f"tebalance after teffects {e.macros.get('subcmd', '')} is not implemented in mlmcli", 199)
    text, options, _ = split_options(cmd.args)
    words = text.split(None, 1)
    proc = words[0] if words else ""
    n = len(proc)
    if n and "summarize"[:min(9, max(n, 3))] == proc:
        return _summarize(session, e, words[1] if len(words) > 1 else "", options)
    if n and "density"[:min(7, max(n, 3))] == proc:
        from mlmcli.commands.graphs.tebalance_density import tebalance_density

        return tebalance_density(session, e, words[1] if len(words) > 1 else "", options)
    if n and "overid"[:min(6, max(n, 4))] == proc:
        from mlmcli.commands.postestimation.tebalance_overid import tebalance_overid

        return tebalance_overid(session, e, words[1] if len(words) > 1 else "", options)
    for name, k in (("box", 3),):
        if n and name[:min(len(name), max(n, k))] == proc:
            raise StataError(f"tebalance {name} is not implemented in mlmcli", 199)
    raise StataError(f"tebalance {proc} is invalid", 198)


def _summarize(session, e, varlist: str, options) -> None:
    from mlmcli.factor_variables import build_design, parse_terms
    from mlmcli.render.treatment_effects_balance import render_balance_summary
    from mlmcli.results.matrix import Matrix
    from mlmcli.results.treatment_effects import BalanceRow, BalanceSummary
    from mlmcli.treatment_effects import models
    from mlmcli.treatment_effects.balance import balance_table, balance_weights

    opts = resolve_options(options, [OptionSpec("baseline", 4)])
    m = e.model
    if len(m.levels) > 2:
        raise StataError("tebalance summarize with a multivalued treatment is not supported by mlmcli", 198)
    data = session.data
    sample = e.sample_mask(data)
    t_X = m.columns(m.t_design, data)[sample]
    probs = models.level_probabilities(m.tmodel, t_X @ m.gamma)
    t_all = data.numeric(m.tvar)[sample]
    code = {m.levels[j]: c for c, j in enumerate(m.order)}
    codes = np.array([code[v] for v in t_all])
    if e.macros.get("wtype") == "fweight":
        from mlmcli.commands.estimation.common import evaluate_weight

        fw = np.asarray(evaluate_weight(session, e.macros["wexp"].lstrip("=").strip()), float)[sample]
    else:
        fw = np.ones(len(codes))
    treated = code[e.scalars["treated"]]
    ipw = balance_weights(probs, codes, treated, e.macros["stat"] == "atet", fw)
    if varlist.strip():
        design = build_design(data, parse_terms(data, varlist), sample, constant=False)
    else:
        design = m.t_design
    labels = [lab for lab in design.labels if lab.name != "_cons" and not (lab.base or lab.omitted)]
    cols = [j for j, lab in enumerate(x for x in design.labels if not (x.base or x.omitted)) if lab.name != "_cons"]
    X = m.columns(design, data)[sample][:, cols] if design is not m.t_design else t_X[:, cols]
    table, sizes = balance_table(X, codes, treated, fw, ipw, baseline=bool(opts.get("baseline")))
    rows, term = [], None
    for lab, values in zip(labels, table):
        if lab.term is not None and lab.level is not None and "#" not in lab.term:
            if lab.term != term:
                if rows:
                    rows.append(BalanceRow("", kind="blank"))
                rows.append(BalanceRow(lab.term[:15], kind="heading"))
                term = lab.term
            rows.append(BalanceRow(lab.level[:14], tuple(values), kind="level"))
            continue
        if term is not None:
            rows.append(BalanceRow("", kind="blank"))
            term = None
        rows.append(BalanceRow(lab.name, tuple(values)))
    result = BalanceSummary(tuple(map(tuple, sizes)), tuple(rows), baseline=bool(opts.get("baseline")))
    session.print(render_balance_summary(result))
    tech = "Weighted"
    cnames = (("means:Control", "means:Treated", "variance:Control", "variance:Treated") if opts.get("baseline")
              else ("std_diff:Raw", f"std_diff:{tech}", "ratio:Raw", f"ratio:{tech}"))
    session.set_r({"table": Matrix(table, tuple(lab.name for lab in labels), cnames),
                 "size": Matrix(sizes, ("Number of obs", "Treated obs", "Control obs"), ("Raw", tech))})
