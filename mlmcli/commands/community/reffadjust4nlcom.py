"""``reffadjust4nlcom`` (Tom Palmer and Corrie Macdonald-Wallis, ``ssc install
reffadjust4nlcom``): the regression of one random effect on others at a level of a
mixed model, as ``nlcom`` expressions.  A compatible implementation written from the
package's help and ado-file (version 1.1.0) for estimates of ``mixed``/``xtmixed`` (and
``meqrlogit``/``meqrpoisson``/``xtmelogit``/``xtmepoisson`` where mlm has them):

    reffadjust4nlcom y x1 [x2 [x3 [x4]]], eqn(levelvar) [sublevel(#) sf(numlist)]

With Sigma the random-effects covariance matrix at that level, the coefficients are
beta = Sigma_xx^-1 Sigma_xy, each written in terms of the estimated log standard
deviations ``[lns..]_cons`` and transformed correlations ``[atr..]_cons``:
var(x) = exp(2 [lns_x]_cons), cov(a,b) = tanh([atr_ab]_cons) exp([lns_a]_cons + [lns_b]_cons).
Nothing is shown; ``r(beta_x1)`` ... hold the expressions (``nlcom `r(beta_x1)'``).
With two or three names the texts are the package's; with four or five (the package
writes out the cofactors) they come from Cramer's rule, the same numbers.  MLwiN
(``runmlwin``) results and the ``mcmcsum`` option are not available.
"""
from __future__ import annotations

import re

from mlmcli.errors import StataError
from mlmcli.estimation.active import active
from mlmcli.syntax.options import OptionSpec, required_text_option, resolve_options

HELP = {"reffadjust4nlcom": "reffadjust4nlcom y x1 [x2 x3 x4], eqn(levelvar) [sublevel(#) sf(numlist)]"}

COMMANDS = ("mixed", "xtmixed", "meqrlogit", "meqrpoisson", "xtmelogit", "xtmepoisson")


def _strtoname(text: str) -> str:
    name = re.sub(r"[^A-Za-z0-9_]", "_", text)
    return ("_" + name if name[:1].isdigit() else name)[:32]


def _level(e, eqn: str, sublevel: int | None):
    """(level number among the distinct level variables, its position in e(ivars))."""
    ivars = str(e.macros.get("ivars", "")).split()
    distinct = list(dict.fromkeys(ivars))
    if eqn not in distinct:
        raise StataError(f"Equation name {eqn} not valid\nEquation name in eqn() option may be one of: "
                         f"{' '.join(distinct)}", 322)
    level = distinct.index(eqn) + 1
    repeats = ivars.count(eqn)
    if repeats == 1 and sublevel is not None:
        raise StataError(f"{eqn} is not repeated in e(ivars), sublevel option not allowed.", 197)
    if repeats > 1 and sublevel is None:
        raise StataError(f"{eqn} is repeated in e(ivars), please specify sublevel option.", 197)
    extra = len(ivars) - len(distinct)
    position = level if extra == 0 else level + (sublevel - 1 if sublevel is not None else extra)
    return level, position


def cmd_reffadjust4nlcom(session, cmd) -> None:
    from mlmcli.syntax.numlist import numlist

    opts = resolve_options(cmd.options, [OptionSpec("eqn", takes_arg=True), OptionSpec("sf", takes_arg=True),
                                         OptionSpec("sublevel", 3, takes_arg=True), OptionSpec("mcmcsum")])
    names = cmd.args.split()
    if not 2 <= len(names) <= 5:
        raise StataError("too few names specified" if len(names) < 2 else "too many names specified", 198)
    eqn = required_text_option(opts, "eqn")
    e = active(session)
    command = str(e.macros.get("cmd", ""))
    if command not in COMMANDS:
        raise StataError("reffadjust4nlcom works for estimates returned by mixed, xtmixed, meqrlogit, meqrpoisson, "
                         "xtmelogit or xtmepoisson (runmlwin is not available in mlm).", 322)
    if opts.get("mcmcsum"):
        raise StataError(f"Option mcmcsum only allowed with estimation results from runmlwin.\n"
                         f"Your estimation results are from {command} .", 197)
    for i, a in enumerate(names):
        if a in names[i + 1:]:
            raise StataError(f"{a} is repeated in the namelist.", 197)
    if e.scalars.get("converged", 1) != 1:
        raise StataError(f"{command} model did not converge.", 322)
    sublevel = None
    if "sublevel" in opts:
        values = numlist(str(opts["sublevel"]))
        if len(values) != 1 or values[0] != int(values[0]) or values[0] < 1:
            raise StataError("option sublevel() incorrectly specified", 198)
        sublevel = int(values[0])
    level, position = _level(e, eqn, sublevel)
    vartypes = str(e.macros.get("vartypes", "")).split()
    vartype = vartypes[position - 1] if position <= len(vartypes) else ""
    if vartype in ("Identity", "Independent"):
        raise StataError(f"In {command} option cov({vartype}) not allowed; only exchangeable and unstructured "
                         "allowed.", 322)
    redim = [int(k) for k in str(e.macros.get("redim", "")).split()]
    revars = str(e.macros.get("revars", "")).split()
    start = sum(redim[:position - 1])
    level_vars = revars[start:start + redim[position - 1]]
    where = f" sublevel {sublevel or 1}" if str(e.macros.get("ivars", "")).split().count(eqn) > 1 else ""
    for a in names:
        if a not in level_vars:
            raise StataError(f"{a} not one of the random effect variables at: level {eqn}{where}.", 197)
    pos = {a: level_vars.index(a) + 1 for a in names}
    tag = f"{level}_{sublevel or 1}"
    equations = {eq for eq, _ in (c.split(":", 1) if ":" in c else ("", c) for c in e.matrices["V"].colnames)}

    def need(eq: str) -> str:
        if eq not in equations:
            raise StataError(f"No column named {eq}:_cons in e(V).", 322)
        return eq

    if vartype == "Exchangeable":
        lns = need(f"lns{tag}_1")
        # the package names the common correlation atr#_#_1_1; take the level's one that e(V) has
        atr = next((q for q in (f"atr{tag}_1_1", f"atr{tag}_1_2") if q in equations), None) or need(f"atr{tag}_1_1")

        def var(a):
            return f"exp(2*[{lns}]_cons)"

        def cov(a, b):
            return f"tanh([{atr}]_cons)*exp(2*[{lns}]_cons)"
    elif vartype == "Unstructured":
        def var(a):
            return f"exp(2*[{need(f'lns{tag}_{pos[a]}')}]_cons)"

        def cov(a, b):
            lo, hi = sorted((pos[a], pos[b]))
            atr, lns_lo, lns_hi = need(f"atr{tag}_{lo}_{hi}"), need(f"lns{tag}_{lo}"), need(f"lns{tag}_{hi}")
            return f"tanh([{atr}]_cons)*exp([{lns_lo}]_cons + [{lns_hi}]_cons)"
    else:
        raise StataError(f"In {command} the covariance structure at level {eqn} is not exchangeable or unstructured.",
                         322)
    y, xs = names[0], names[1:]
    scale = [""] * len(xs)
    if "sf" in opts:
        factors = numlist(str(opts["sf"]))
        if len(factors) != len(xs):
            raise StataError("sf(numlist) not the same length as no. covariates", 197)
        scale = [f"{_number(f)}*" for f in factors]
    r = {}
    for name, text in zip(xs, _betas(y, xs, var, cov)):
        r[_strtoname(f"beta_{name}")] = scale[xs.index(name)] + text
    session.set_r(r)


def _number(value: float) -> str:
    from mlmcli.commands.program.macros import macro_number
    return macro_number(value)


def _betas(y: str, xs: list[str], var, cov) -> list[str]:
    """The texts of Sigma_xx^-1 Sigma_xy, one per x."""
    if len(xs) == 1:
        return [f"{cov(y, xs[0])}/{var(xs[0])}"]
    if len(xs) == 2:
        x1, x2 = xs
        v1, v2, c12 = var(x1), var(x2), cov(x1, x2)
        cy1, cy2 = cov(y, x1), cov(y, x2)
        den = f"({v1}*{v2} - ({c12})^2)"
        return [f"({v2}*{cy1} - {c12}*{cy2})/{den}", f"({v1}*{cy2} - {c12}*{cy1})/{den}"]
    sxx = [[var(a) if a == b else cov(a, b) for b in xs] for a in xs]
    sxy = [cov(y, a) for a in xs]
    det = _determinant(sxx)
    out = []
    for i in range(len(xs)):
        replaced = [[sxy[r] if c == i else sxx[r][c] for c in range(len(xs))] for r in range(len(xs))]
        out.append(f"({_determinant(replaced)})/({det})")
    return out


def _determinant(m: list[list[str]]) -> str:
    """Laplace expansion along the first row, as text."""
    if len(m) == 1:
        return m[0][0]
    terms = []
    for j in range(len(m)):
        minor = [row[:j] + row[j + 1:] for row in m[1:]]
        sign = "" if j % 2 == 0 else "-"
        terms.append(f"{sign}{m[0][j]}*({_determinant(minor)})")
    return " + ".join(terms).replace("+ -", "- ")
