"""``predict`` after ``asclogit`` (Stata's asclogit_p) and ``estat alternatives``:

    predict [type] newvar [if] [in] [, pr xb altwise]

pr (the default, with asclogit_p's note ``(option pr assumed; Pr(altvar))``): exp(xb) over its
sum in the case, over the if/in rows whose variables are known and whose alternative is one
of the fit's; unless ``altwise``, a case with such a row left out gets no probability
(asclogit_p's casewise markout).  xb: the linear prediction on each usable row (always
alternativewise).  The type must be double or float (r(198)).  Refused: stdp, scores, k(),
nooffset (asclogit without offset()).  ``estat mfx``: ``estat_mfx_asclogit``.
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.postestimation.predict import one_new_variable, rows_selected, store_prediction
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

_OPTIONS = [OptionSpec("pr", 2), OptionSpec("xb", 2), OptionSpec("stdp", 4), OptionSpec("scores", 2),
            OptionSpec("altwise", 7), OptionSpec("k", 1, takes_arg=True), OptionSpec("nooffset", 5)]


def linear_index(session, e, rows):
    """(xb on every row, the rows where it is known and the alternative is the fit's)."""
    from mlmcli.factor_variables import evaluate_recipes

    from mlmcli.commands.estimation.asclogit_data import alternative_index

    ds, m = session.data, e.model
    idx = alternative_index(session, e)
    ok = rows & (idx >= 0)
    n = ds.nobs
    b = m.posted[0].values[0]
    xb = np.zeros(n)
    at = 0
    with np.errstate(invalid="ignore"):
        for eq, labels, j in m.blocks:
            if j is not None and j == m.base:
                continue
            coef = b[at:at + len(labels)]
            at += len(labels)
            est = [c for c, lab in zip(coef, labels) if not (lab.base or lab.omitted)]
            if j is None:
                cols = evaluate_recipes(ds, m.as_recipes) if m.as_recipes else np.zeros((n, 0))
                part = cols @ np.array(est) if est else np.zeros(n)
            else:
                cols = evaluate_recipes(ds, m.cv_recipes) if m.cv_recipes else np.zeros((n, 0))
                k = cols.shape[1]
                part = (cols @ np.array(est[:k]) if k else np.zeros(n)) + (est[k] if m.constant else 0.0)
                part = np.where(idx == j, part, 0.0)
            xb = xb + part
    ok &= np.isfinite(xb)
    return xb, ok


def predict_asclogit(session, e, cmd) -> None:
    opts = resolve_options(cmd.options, _OPTIONS)
    for refused in ("stdp", "scores", "k", "nooffset"):
        if refused in opts:
            typed = refused + ("()" if refused == "k" else "")
            raise StataError(f"option {typed} not supported by mlmcli after asclogit", 198)
    chosen = [s for s in ("pr", "xb") if s in opts]
    if len(chosen) > 1:
        raise StataError("only one prediction type allowed; see asclogit postestimation for the prediction type "
                         "options", 198)
    vtype, name = one_new_variable(session, cmd)
    stat = chosen[0] if chosen else "pr"
    if not chosen:
        session.print(f"(option pr assumed; Pr({e.macros['altvar']}))")
    if vtype not in (None, "float", "double"):
        raise StataError("type must be double or float; the default is c(type) = float", 198)
    rows = rows_selected(session, cmd)
    xb, ok = linear_index(session, e, rows)
    if stat == "xb":
        return store_prediction(session, name, np.where(ok, xb, np.nan), vtype, "Linear prediction")
    from mlmcli.glm.choice_logit import case_probabilities

    case = session.data.numeric(e.macros["case"])
    ok &= ~np.isnan(case)
    if not opts.get("altwise"):  # a case losing a row of the if/in loses them all
        inside = rows & ~np.isnan(case)
        lost = set(case[inside & ~ok].tolist())
        ok &= ~np.isin(case, list(lost))
    values = np.full(len(xb), np.nan)
    if ok.any():
        codes = np.unique(case[ok], return_inverse=True)[1]
        values[ok] = case_probabilities(xb[ok], codes)
    store_prediction(session, name, values, vtype, f"Pr({e.macros['altvar']}|1 selected)")


def estat_asclogit(session, cmd) -> bool:
    """estat alternatives (asclogit_estat's table) and mfx; False: a common subcommand."""
    from mlmcli.render.choice_model import render_alternatives
    from mlmcli.results.choice_model import AlternativeSummaryRow, AlternativesSummary

    words = cmd.args.split()
    sub = words[0].split(",")[0]  # case counts, as estat's subcommands
    if sub == "mfx":
        from mlmcli.commands.postestimation.estat_mfx_asclogit import estat_mfx_asclogit

        estat_mfx_asclogit(session, cmd)
        return True
    if not (len(sub) >= 3 and "alternatives".startswith(sub)):
        return False
    if len(words) > 1 or cmd.options or cmd.if_exp or cmd.in_range:
        raise StataError("invalid syntax", 198)
    e = session.e
    st = e.matrices["stats"].values
    rows = tuple(AlternativeSummaryRow(i + 1, float(st[i, 0]), e.macros.get(f"alt{i + 1}", ""), float(st[i, 1]),
                                       float(st[i, 2]), float(st[i, 3])) for i in range(st.shape[0]))
    session.print(render_alternatives(AlternativesSummary(e.macros["altvar"], rows)))
    return True
