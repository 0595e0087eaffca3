"""The labels mtable gives a margins run (SPost13's _rm_margins_names.ado 1.0.0): from r(predict_label)
and r(expression), the ``Expression:`` title (with the outcome's number for one margins run,
without it for several) and the estimate's column name (``Pr(y)``, ``Pr(y=2)``, ``mu``, ``rate``,
``xb``, ``E(y|y>0)``, ``Margin``; ``d_`` before it for dy/dx)."""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class MarginsNames:
    title_num: str
    title_nonum: str
    est_num: str
    est_nonum: str
    isdydx: bool
    xvars: tuple[str, ...]


def margins_names(r: dict, depvar: str, cmd: str) -> MarginsNames:
    expr = str(r.get("expression", "") or "")
    label = str(r.get("predict_label", "") or "")
    isdydx = r.get("derivatives") == "dy/dx"
    title_nonum = title_num = f"{label}, {expr}"
    lbl_nonum = lbl_num = "Margin"
    cleaned = expr.replace("predict(", "")[:-1]
    nonumber = re.sub(r"[0-9]+", "", cleaned, count=1)
    nonumber = re.sub(r"[0-9]+", "", nonumber, count=1)
    eq = label.find("=")
    predict_nonum = label if eq < 0 else label[:eq] + ")"
    is_pr, is_prab = nonumber == "pr()", nonumber == "pr(,)"
    eqeq, has_pr = "==" in label, "Pr(" in label
    only, pr_only = expr == "predict()", expr == "predict(pr)"
    outcome = "predict(outcome(" in expr or only
    if "Predicted incidence rate" in predict_nonum:
        title_nonum = title_num = title_nonum.replace("Predicted incidence rate", "Incidence rate")
        lbl_nonum = lbl_num = "rate"
    elif predict_nonum == "Linear prediction" or expr == "predict(xb)":
        lbl_nonum = lbl_num = "xb"
    elif predict_nonum == "Predicted number of events":
        title_nonum = title_num = f"{label}, {expr}".replace("events", depvar)
        lbl_nonum = lbl_num = "mu"
    elif cleaned == "cm":
        title_nonum = title_num = title_nonum.replace("mean of n >", f"mean of {depvar} >")
        gt = predict_nonum.replace("Conditional mean of n > ll(", "").replace(")", "")
        lbl_nonum = lbl_num = f"E(y|y>{gt})"
    elif is_pr:
        title_nonum = re.sub(r"[0-9]+\)", ")", re.sub(r"=[0-9]+", "", title_num, count=1), count=1)
        eqval = label[label.find("=") + 1:label.find(")")]
        lbl_nonum, lbl_num = "Pr(y)", f"Pr(y={eqval})"
    elif is_prab:
        lbl_nonum = lbl_num = cleaned.replace("pr", "Pr").replace(",", "<=y<=")
    elif has_pr and (only or pr_only) and not eqeq:
        lbl_nonum = lbl_num = "Pr(y)"
    if has_pr and outcome and eqeq:
        title_nonum = f"{predict_nonum}, predict({nonumber})"
        i = label.find("==")
        lbl_nonum, lbl_num = "Pr(y)", f"Pr(y={label[i + 2:label.find(')')]})"
    elif cmd in ("zip", "zinb") and cleaned in ("pr", "pr(0)"):
        word = "always" if cleaned == "pr" else "any"
        title_nonum = title_num = title_nonum.replace("=0", f" = {word} 0")
        lbl_nonum = lbl_num = "PrAll0" if cleaned == "pr" else "PrAny0"
    if isdydx:
        title_nonum = f"Marginal effect of {title_nonum}"
    prefix = "d_" if isdydx else ""
    return MarginsNames(title_num, title_nonum.strip(), prefix + lbl_num, prefix + lbl_nonum, isdydx,
                        tuple(str(r.get("xvars", "") or "").split()))
