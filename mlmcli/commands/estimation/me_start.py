"""``startvalues(svmethod)`` and ``startgrid[(gridspec)]`` of the me commands -> the engine's
``GLMMSpec.start_values``/``start_iterate``/``start_grid`` (``mlmcli.glmm.start_values``).

    startvalues(zero | constantonly | fixedonly[, iterate(#)] | ivloadings[, iterate(#)] | iterate(#))
    startgrid | startgrid(numlist) | startgrid(covspec) | startgrid(numlist covspec)

``covspec``: ``name[level]`` for the variance of a random effect (``_cons[school]``,
``x[school]``, ``_cons[family>subject]``: e(b)'s ``var(...)`` name without ``var()``).
startgrid() may be typed more than once, each with its own values.  ``ivloadings`` is
``fixedonly``: gsem's help defines it as fixedonly plus instrumental-variable starts for the
latent variables' loadings, "and still uses 1 for the variances", and every loading of an me
model is constrained to 1 -- there is nothing for it to compute.  Refused by name:
``startvalues(iv)`` (IV estimates of the random-effects variances from generalized residuals,
not published precisely enough to reproduce), a covariance ``name1[level]*name2[level]`` and
the residual variance ``e.depvar`` in startgrid() (the grid searches variances only).
"""
from __future__ import annotations

import re

from mlmcli.errors import StataError

REFUSED_METHODS = ("iv",)


def start_fields(opts: dict, spec, design) -> dict:
    """The GLMMSpec fields ``startvalues()`` and ``startgrid()`` set ({} when neither is typed)."""
    out = {}
    if "startvalues" in opts:
        out.update(_start_values(str(opts["startvalues"])))
    if "startgrid" in opts:
        typed = opts["startgrid"]
        typed = typed if isinstance(typed, list) else [typed]
        out["start_grid"] = tuple(_grid(t, spec, design) for t in typed)
    return out


def _start_values(text: str) -> dict:
    method, _, rest = text.partition(",")
    method = method.strip()
    iterate = None
    m = re.fullmatch(r"iter(?:a|at|ate)?\(\s*([^)]*)\)", method)
    if m:  # startvalues(iterate(#)): the default method's
        method, rest = "fixedonly", f"iterate({m.group(1)}) {rest}"
    if method in REFUSED_METHODS:
        raise StataError(f"option startvalues({method}) not supported by mlmcli: its random-effects "
                         "variances start at instrumental-variable estimates from the fixed-effects model's "
                         "generalized residuals, a computation Stata does not publish; startvalues(fixedonly) "
                         "(the default) and startgrid() are available", 198)
    if method == "ivloadings":  # no free loadings in an me model: fixedonly (module docstring)
        method = "fixedonly"
    if method not in ("zero", "constantonly", "fixedonly"):
        raise StataError(f"option startvalues({text.strip()}) invalid", 198)
    rest = rest.strip()
    if rest:
        m = re.fullmatch(r"iter(?:a|at|ate)?\(\s*(-?\d+)\s*\)", rest)
        if m is None or method != "fixedonly":
            raise StataError(f"option startvalues({text.strip()}) invalid", 198)
        iterate = int(m.group(1))
        if iterate < 0:
            raise StataError("iterate() must be a nonnegative integer", 198)
    return {"start_values": method, "start_iterate": iterate}


def _grid(typed, spec, design) -> tuple:
    """One startgrid(): (values, phi positions of the variances named or None for all)."""
    from mlmcli.commands.estimation.me_constraints import engine_model, re_layout
    from mlmcli.syntax.numlist import numlist

    if typed is True:
        return (), None
    words, names = [], []
    for word in str(typed).split():
        (names if "[" in word or word.startswith("e.") else words).append(word)
    values: tuple = ()
    if words:
        try:
            values = tuple(float(v) for v in numlist(" ".join(words)))
        except StataError:
            raise StataError(f"option startgrid({typed}) invalid", 198) from None
        if any(not v > 0 for v in values):
            raise StataError(f"option startgrid({typed}) invalid: variances must be positive", 198)
    if not names:
        return values, None
    layout = {item[0].split(":")[0][4:-1]: item for item in re_layout(engine_model(spec)) if item[2] == "var"}
    targets = []
    for name in names:
        if "*" in name or name.startswith("e."):
            raise StataError(f"option startgrid({typed}) not supported by mlmcli: {name} is not a variance "
                             "of a random effect (the grid searches variances only)", 198)
        item = layout.get(name)
        if item is None:
            raise StataError(f"option startgrid({typed}) invalid: {name} is not a random effect of the model",
                             198)
        targets.append(item[1])
    return values, tuple(dict.fromkeys(targets))
