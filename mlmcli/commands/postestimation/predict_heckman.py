"""``predict`` after ``heckman`` (heckma_p):

    predict [type] newvar [if] [in] [, xb ycond yexpected nshazard mills psel xbsel stdp stdpsel stdf nooffset]

With x b the outcome index, z g the selection index, rho and sigma (ML: from athrho and ln sigma;
two-step: e(rho), e(sigma)): ``xb`` (the default, "(option xb assumed; fitted values)",
"Fitted values"; typed: "Linear prediction"), ``ycond`` x b + rho sigma phi(z g)/Phi(z g)
"E(y|Zg>0)", ``yexpected`` x b Phi(z g) + rho sigma phi(z g) "E(y*|Pr(sel))", ``nshazard``/``mills``
phi(z g)/Phi(z g) "Mills' ratio", ``psel`` Phi(z g) "Pr(sel)", ``xbsel`` "Linear prediction of sel",
``stdp``, ``stdpsel`` "S.E. of prediction of sel", ``stdf`` sqrt(stdp^2 + sigma^2) "S.E. of the
forecast" (labels as heckma_p's).  pr(a,b), e(a,b), ystar(a,b), d1()/d2() and scores are refused.
"""
from __future__ import annotations

import numpy as np
from scipy import special

from mlmcli.commands.postestimation.predict import one_new_variable, rows_selected, store_prediction
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

_STATS = ("xb", "ycond", "yexpected", "nshazard", "mills", "psel", "xbsel", "stdp", "stdpsel", "stdf")
_OPTS = [OptionSpec("xb", 2), OptionSpec("ycond", 2), OptionSpec("yexpected", 2), OptionSpec("nshazard", 2),
         OptionSpec("mills", 1), OptionSpec("psel", 2), OptionSpec("xbsel", 3), OptionSpec("stdp", 4),
         OptionSpec("stdpsel", 5), OptionSpec("stdf", 4), OptionSpec("nooffset", 5)]
_REFUSED = ("pr", "e", "ystar", "d1", "d2", "scores", "scoresel", "constant", "selconst")


def predict_heckman(session, e, cmd) -> None:
    for option in cmd.options:
        if option.name in _REFUSED:
            raise StataError(f"option {option.name} not supported by mlmcli after heckman", 198)
    opts = resolve_options(cmd.options, _OPTS)
    chosen = [s for s in _STATS if s in opts]
    if "nshazard" in chosen and "mills" in chosen:
        session.print("options nshazard and mills are synonyms, mills ignored.")
        chosen.remove("mills")
    if len(chosen) > 1:
        raise StataError("invalid syntax", 198)  # heckma_p's error 198 for two statistics
    stat = chosen[0] if chosen else "xb"
    vtype, name = one_new_variable(session, cmd)
    rows = rows_selected(session, cmd)
    model, data = e.model, session.data
    offset = not opts.get("nooffset")
    dep = e.macros["depvar"].split()
    sel = dep[1] if len(dep) > 1 else "select"
    if stat == "xb":
        if not chosen:
            session.print("(option xb assumed; fitted values)")
        values, label = model.index(data, 1, offset), "Linear prediction" if chosen else "Fitted values"
    elif stat == "stdp":
        values, label = model.index_se(data, 1), "S.E. of the prediction"
    elif stat == "stdf":
        values, label = np.sqrt(model.index_se(data, 1) ** 2 + model.sigma ** 2), "S.E. of the forecast"
    elif stat == "stdpsel":
        values, label = model.index_se(data, 2), f"S.E. of prediction of {sel}"
    elif stat == "xbsel":
        values, label = model.index(data, 2, offset), f"Linear prediction of {sel}"
    else:
        zg = model.index(data, 2, offset)
        with np.errstate(invalid="ignore", over="ignore"):
            pdf, cdf = np.exp(-0.5 * zg * zg) / np.sqrt(2 * np.pi), special.ndtr(zg)
            mills = np.exp(-0.5 * zg * zg - 0.5 * np.log(2 * np.pi) - special.log_ndtr(zg))
        lam = model.rho * model.sigma
        if stat == "psel":
            values, label = cdf, f"Pr({sel})"
        elif stat in ("mills", "nshazard"):
            values, label = mills, "Mills' ratio"
        else:
            xb = model.index(data, 1, offset)
            if stat == "ycond":
                values, label = xb + lam * mills, f"E({dep[0]}|Zg>0)"
            else:
                values, label = xb * cdf + lam * pdf, f"E({dep[0]}*|Pr({sel}))"
    store_prediction(session, name, np.where(rows, values, np.nan), vtype, label)
