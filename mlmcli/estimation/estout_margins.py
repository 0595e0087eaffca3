"""``esttab`` / ``estout``'s ``margin[(u|c|p)]``: marginal effects instead of the coefficients,
where a model's e() holds them the way estout.ado's GetMarginals reads them:

- ``mfx`` results: e(Xmfx_type) (``dydx``, ``eyex`` ...), the effects in e(Xmfx_<type>), their
  standard errors in e(Xmfx_se_<type>), and with e(Xmfx_discrete) ``discrete`` the 0/1 list
  e(Xmfx_dummy) of the variables whose effect is a discrete change;
- ``dprobit``: e(dfdx), e(se_dfdx), e(dummy); ``dtobit`` (margin(u|c|p) required): e(dfdx_u)
  e(se_u) ...; ``truncreg, marginal``: e(dfdx) with e(V_dfdx).

An effect is found by the coefficient's name (its equation aside); a coefficient without one is
left empty.  The effect's standard error replaces the coefficient's, t, p and the interval are
computed from them.  A model whose e() holds none of these (mfx not run after it; mlm has no
dprobit) is refused by name (estout would show its raw coefficients): run ``mfx`` first, or use
``margins, post`` (tabulated as any estimates) or ``estadd margins`` and cells(margins_b margins_se).
"""
from __future__ import annotations

import math
import re

import numpy as np

from mlmcli.errors import StataError


def _row(m) -> list[float]:
    return np.asarray(m.values, float).ravel().tolist()


def marginal_effects(e, margin: str, name: str):
    """{coefficient name: (effect, se, dummy)} of model ``name``, or a refusal."""
    cmd = e.macros.get("cmd", "")
    mats = e.matrices
    effects = se = None
    dummy: list[str] = []
    kind = e.macros.get("Xmfx_type", "")
    if kind:
        effects, se = mats.get(f"Xmfx_{kind}"), mats.get(f"Xmfx_se_{kind}")
        if e.macros.get("Xmfx_discrete") == "discrete":
            dummy = e.macros.get("Xmfx_dummy", "").split()
    elif cmd == "dprobit":
        effects, se = mats.get("dfdx"), mats.get("se_dfdx")
        dummy = e.macros.get("dummy", "").split()
    elif cmd == "tobit" and margin in ("u", "c", "p"):
        effects, se = mats.get(f"dfdx_{margin}"), mats.get(f"se_{margin}")
        dummy = e.macros.get("dummy", "").split()
    elif cmd == "truncreg" and "dfdx" in mats and "V_dfdx" in mats:
        effects = mats["dfdx"]
        se = np.sqrt(np.maximum(np.diag(np.asarray(mats["V_dfdx"].values, float)), 0.0)).tolist()
    if effects is None:
        raise StataError(f"option margin: model {name} holds no marginal effects in e() (mfx's e(Xmfx_*), "
                         "dprobit's e(dfdx)): run mfx after the fit, or tabulate margins, post or estadd margins", 198)
    names = [c.rpartition(":")[2] for c in effects.colnames]
    b = _row(effects)
    s = se if isinstance(se, list) else (_row(se) if se is not None else [math.nan] * len(b))
    return {n: (b[k], s[k] if k < len(s) else math.nan, k < len(dummy) and dummy[k] == "1")
            for k, n in enumerate(names)}


def margin_option(text) -> str | None:
    """margin / margin(u|c|p): the kind ("margin" or u c p), None when not typed."""
    if text is None or text is False:
        return None
    if text is True or not str(text).strip():
        return "margin"
    kind = str(text).strip()
    if kind not in ("u", "c", "p"):
        raise StataError(f"margin({kind}) invalid", 198)
    return kind


def discrete_option(text, off: bool) -> tuple[str, str]:
    """(symbol, explanation) of discrete(): its first token and the rest (estout.ado), by default
    `` (d)`` and `` for discrete change of dummy variable from 0 to 1``; nodiscrete: none."""
    if off:
        return "", ""
    if not isinstance(text, str) or not text.strip():
        return " (d)", " for discrete change of dummy variable from 0 to 1"
    m = re.match(r'\s*(?:"([^"]*)"|(\S+))', text)  # gettoken: the first token, the rest as it is
    return (m.group(1) if m.group(1) is not None else m.group(2)), text[m.end():]
