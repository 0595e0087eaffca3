"""``xtmrho`` (SSC, version 2.0.1): the intraclass correlation of each level after ``xtmixed``
(and ``xtmelogit``/``xtmepoisson``).  A compatible implementation following the package's
ado-file.

Level l's variance u_l is the sum of exp(2 p) over its first random-effects equation's
ln-sd parameters ``lns<l>_1_<j>`` (covariances are left out, as in the ado-file); the total is
u_1 + ... + u_L plus the residual variance exp(2 lnsig_e) (pi^2/3 after xtmelogit and
xtmepoisson), and rho_l = u_l / total -- each level's own share, not the cumulative ICC
``estat icc`` reports for nested levels (the two agree for the outermost level).  After
xtmelogit the median odds ratio exp(sqrt(2 u_l) invnormal(.75)) is added; after xtmepoisson
only the median incidence-rate ratio is listed.  The results are added to e():
``e(var_e)``, ``e(var_sum)``, ``e(var_u<l>)``, ``e(rho<l>)``, ``e(mor<l>)``, ``e(mirr<l>)``.
Without a multilevel fit: "No Multi-Level-Command specified", r(123); after another multilevel
command (``mixed``, ``melogit``: their e(cmd) is not one the ado-file knows) nothing is shown.
"""
from __future__ import annotations

import math
import re

from mlmcli.errors import StataError

HELP = {"xtmrho": "xtmrho : intraclass correlations of the levels after xtmixed (community command)"}

_LNS = re.compile(r"^lns(\d+)_1_(\d+):_cons$")
_MULTILEVEL = ("xtmixed", "mixed", "xtmelogit", "xtmepoisson", "meqrlogit", "meqrpoisson", "melogit",
               "mepoisson", "meprobit", "meglm", "mecloglog", "meologit", "meoprobit", "menbreg", "mestreg",
               "metobit", "meintreg", "gsem")


def level_variances(names: list[str], b, levels: int) -> list[float]:
    """u_l for l = 1..levels: sum of exp(2 p) over the parameters lns<l>_1_<j>:_cons."""
    out = [0.0] * levels
    for name, value in zip(names, b):
        m = _LNS.match(name)
        if m and 1 <= int(m.group(1)) <= levels:
            out[int(m.group(1)) - 1] += _exp(2 * float(value))
    return out


def _exp(x: float) -> float:
    """Stata's exp(): past the largest double is missing (a variance from values near 1e150)."""
    return math.exp(x) if x < 709.78 else math.nan


def _ratio(a: float, b: float) -> float:
    return a / b if b and math.isfinite(b) else math.nan


def _shown(value: float) -> str:
    """The ado's display of a number: %-7.5f-like, missing as a dot."""
    return f"{value:<7.5f}" if math.isfinite(value) else f"{'.':<7}"


def cmd_xtmrho(session, cmd) -> None:
    from mlmcli.distributions import norm
    from mlmcli.estimation import active as estimates

    if cmd.args.strip() or cmd.options or cmd.if_exp or cmd.in_range:
        raise StataError("invalid syntax", 198)
    try:
        e = estimates.active(session)
    except StataError:
        e = None
    if e is None or e.cmd not in _MULTILEVEL:
        raise StataError("No Multi-Level-Command specified", 123)
    if e.cmd not in ("xtmixed", "xtmelogit", "xtmepoisson"):
        return
    coefs = e.coefficients()
    names, b = list(coefs.names), [float(v) for v in coefs.b]
    ivars = str(e.macros.get("ivars", "")).split()
    levels = len(ivars)
    u = level_variances(names, b, levels)
    if e.cmd == "xtmixed":
        if "lnsig_e:_cons" not in names:
            raise StataError("[lnsig_e]_cons not found", 111)
        var_e = _exp(2 * b[names.index("lnsig_e:_cons")])
        scalars = {"var_e": var_e}
    else:
        var_e = math.pi ** 2 / 3
        scalars = {}
    total = var_e + sum(u)
    scalars["var_sum"] = total
    q = float(norm.ppf(0.75))
    lines = ["", "Levels: " + " ".join(ivars)]
    lines += [""] if e.cmd == "xtmixed" else []
    for level, var_u in enumerate(u, start=1):
        scalars[f"var_u{level}"] = var_u
        median_ratio = _exp(math.sqrt(2 * var_u) * q) if math.isfinite(var_u) else math.nan
        rho = _ratio(var_u, total)
        if e.cmd == "xtmixed":
            scalars[f"rho{level}"] = rho
            lines += [f"level {level}", f"Intraclass correlation  (ICC):  rho{level} = {_shown(rho)}", "", ""]
        elif e.cmd == "xtmelogit":
            scalars.update({f"rho{level}": rho, f"mor{level}": median_ratio})
            lines += ["", f"level {level}:", f"Intraclass correlation  (ICC):  rho{level} = {_shown(rho)}",
                      f"Median Odds Ratio (MOR):        mor{level} = {_shown(median_ratio)}"]
        else:
            scalars[f"mirr{level}"] = median_ratio
            lines += ["", f"level {level}:",
                      f"Median Incidence Rate Ratio (MIRR):        mirr{level} = {_shown(median_ratio)}"]
    for name, value in scalars.items():
        e.scalars[name] = value
    session.print("\n".join(lines))
