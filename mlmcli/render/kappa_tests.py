"""kap and kappa as kap.ado and kappa.ado print them:

```
             Expected
Agreement   Agreement     Kappa   Std. Err.         Z      Prob>Z
-----------------------------------------------------------------
  63.53%      30.82%     0.4728     0.0694       6.81      0.0000
```
"""
from __future__ import annotations

from mlmcli.render.numfmt import format_number


def _f(v: float, fmt: str) -> str:
    return format_number(v, fmt)


def render_kap(r: dict) -> str:
    """``r``: N, prop_o, prop_e, kappa, se, z, p (classic_tests.kappa.two_raters)."""
    return "\n".join([" " * 13 + "Expected", "Agreement   Agreement     Kappa   Std. Err.         Z      Prob>Z",
                      "-" * 65,
                      _f(r["prop_o"] * 100, "%7.2f") + "%" + _f(r["prop_e"] * 100, "%11.2f") + "%"
                      + _f(r["kappa"], "%11.4f") + _f(r["se"], "%11.4f") + _f(r["z"], "%11.2f")
                      + _f(r["p"], "%12.4f")])


def render_weights(weights) -> str:
    return "\n".join(["Ratings weighted by:"] + ["".join(_f(w, "%9.4f") for w in row) for row in weights])


def render_two_outcomes(kappa: float, z: float, p: float) -> str:
    return "\n".join(["", "Two-outcomes, multiple raters:", "", " " * 9 + "Kappa        Z        Prob>Z",
                      " " * 8 + "-" * 29, _f(kappa, "%14.4f") + _f(z, "%11.2f") + _f(p, "%12.4f")])


def render_outcomes(labels, per, kappa: float, z: float, p: float, equal: bool) -> str:
    """``per``: (kappa, z, Prob>Z) of each outcome against the others."""
    rule = "-" * 17 + "+" + "-" * 31
    out = ["", "         Outcome |    Kappa          Z     Prob>Z", rule]
    for label, (k, zj, pj) in zip(labels, per):
        out.append(label.rjust(16) + " |" + _f(k, "%10.4f") + _f(zj, "%11.2f") + _f(pj, "%10.4f"))
    out += [rule, "        combined |" + _f(kappa, "%10.4f") + _f(z, "%11.2f") + _f(p, "%10.4f")]
    if not equal:
        out += ["", "Note: Number of ratings per subject vary; cannot calculate test", "      statistics."]
    return "\n".join(out)
