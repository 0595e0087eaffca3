"""Stored results as expression values: ``_b[x]``, ``_se[eq:x]``, ``[eq]x`` from e(b) and
e(V) (SE = sqrt(V_jj)), ``e(name)``, ``r(name)``, ``scalar(name)``, ``e(sample)`` on the current
rows; ``c(name)`` is read in ``system_values``.
"""
from __future__ import annotations

import math

from mlmcli.errors import StataError
from mlmcli.expr import values as V
from mlmcli.expr.system_values import c_value


def scalar_value(v):
    """A stored scalar as an expression value (a string stays a string; +-inf is missing)."""
    if isinstance(v, str):
        return v
    try:
        x = float(v)
    except (TypeError, ValueError):
        raise StataError("type mismatch", 109) from None
    return V.MISSING if math.isinf(x) else x  # a stored .a … .z stays itself


def coefficient_token(session, token: str) -> float:
    """The value of a ``_b[x]`` / ``_se[eq:x]`` / ``[eq]_b[x]`` / ``[eq]x`` token."""
    from mlmcli.syntax.coefnames import slash_equation

    eq = None
    if token.startswith("["):
        eq, _, token = token[1:].partition("]")
        eq = eq.strip()
        if "[" not in token:  # [eq]x: the coefficient of x in equation eq
            return coefficient(session, eq, token.strip())
    kind, _, inner = token.partition("[")
    inner = inner[:-1].strip()
    if ":" in inner and eq is None:
        eq, _, inner = inner.partition(":")
        eq, inner = eq.strip(), inner.strip()
    ancillary = slash_equation(eq, inner)  # _b[/sigma_u] is [sigma_u]_b[_cons]
    if ancillary is not None:
        return coefficient(session, ancillary, "_cons", kind == "_se")
    if eq == "/" and inner:
        # Stata 15's names of the me commands' variance parameters, _b[/:var(_cons[id])], are
        # Stata 13's [var(_cons[id])]_cons, which _b[/var(_cons[id])] reaches in both
        e = session.e
        if e is not None and "b" in e.matrices and f"/:{inner}" in e.matrices["b"].colnames:
            return coefficient(session, "/", inner, kind == "_se")  # posted with Stata 14's names (mestreg)
        try:
            return coefficient(session, inner, "_cons", kind == "_se")
        except StataError as err:
            if err.rc != 111:
                raise
            raise StataError(f"[/:{inner}] not found", 111) from None
    return coefficient(session, eq, inner, kind == "_se")


def coefficient(session, eq: str | None, name: str, want_se: bool = False) -> float:
    """A coefficient (or its standard error) from ``e(b)``/``e(V)`` by Stata's naming rules.

    Without an equation, ``_b[x]`` means ``x`` in the first equation.
    """
    e = session.e
    if e is None or "b" not in e.matrices:
        raise StataError("last estimates not found", 301)
    b = e.stata_matrix("b") if hasattr(e, "stata_matrix") else e.matrices["b"]  # version 15's stripe
    cols = list(b.colnames)
    target = f"{eq}:{name}" if eq else name
    label = f"[{target}]"
    j = _find_coef(cols, eq, name)
    if j is None:  # _b[/ln_p] on mestreg's /:ln_p, _b[lnalpha:_cons] on a /:lnalpha (and back)
        from mlmcli.syntax.coefnames import free_parameter_alias
        alias = free_parameter_alias(target)
        j = cols.index(alias) if alias in cols else None
    if j is None and session.data.varabbrev:
        j = _abbreviated_coef(cols, eq, name)
    if j is None:
        raise StataError(f"{label} not found", 111)
    if not want_se:
        import numpy as np
        return V.clean(float(np.asarray(b.values).reshape(-1)[j]))
    vmat = e.stata_matrix("V") if hasattr(e, "stata_matrix") else e.matrices.get("V")
    if vmat is None:
        raise StataError(f"{label} not found", 111)
    import numpy as np
    var = float(np.asarray(vmat.values)[j, j])
    return V.clean(math.sqrt(var)) if var >= 0 else V.MISSING


def _find_coef(cols: list[str], eq: str | None, name: str) -> int | None:
    """Column of ``[eq:]name`` in e(b): exact first, then with factor-variable names
    normalised (``0.x`` finds ``0b.x``, ``c.z#1.x`` finds ``1.x#c.z``)."""
    from mlmcli.syntax.coefnames import split_eq

    if eq is None:
        if name in cols:
            return cols.index(name)
        eq = split_eq(cols[0])[0] if cols else ""
    want = _norm_coef(name)
    fallback = None
    for k, c in enumerate(cols):
        ceq, cname = split_eq(c)
        if ceq != eq:
            continue
        if cname == name:
            return k
        if fallback is None and _norm_coef(cname) == want:
            fallback = k
    return fallback


def _abbreviated_coef(cols: list[str], eq: str | None, name: str) -> int | None:
    """``_b[dist]`` for ``distance``: a plain name that abbreviates exactly one plain
    coefficient name of the equation (as variable names abbreviate, varabbrev on)."""
    from mlmcli.syntax.coefnames import split_eq

    if not name.isidentifier():
        return None
    if eq is None:
        eq = split_eq(cols[0])[0] if cols else ""
    hits = [k for k, c in enumerate(cols)
            if split_eq(c)[0] == eq and split_eq(c)[1].isidentifier() and split_eq(c)[1].startswith(name)]
    return hits[0] if len(hits) == 1 else None


def _norm_coef(name: str) -> str:
    """A coefficient name without its base/omitted markers, parts in a fixed order, and a
    continuous part with or without its ``c.`` (``_b[1970b.year#x]`` finds ``1970.year#c.x``,
    as Stata finds it: public replication files read time-varying slopes so)."""
    from mlmcli.syntax.coefnames import parse_coef_name

    texts = (p.text(markers=False) for p in parse_coef_name(name.replace(" ", "")).parts)
    return "#".join(sorted(t[2:] if t.startswith("c.") else t for t in texts))


def stored_result(ctx, kind: str, key: str):
    """``e(name)``, ``r(name)``, ``c(name)``, ``s(name)``, ``return(name)``, ``scalar(name)`` as an
    expression value."""
    session = ctx.session
    if kind == "scalar":
        if key not in session.scalars:
            raise StataError(f"scalar {key} not found", 111)
        return scalar_value(session.scalars[key])
    if kind == "c":
        return c_value(ctx, key)
    if kind == "e":
        e = session.e
        if e is None:
            return V.MISSING
        if key == "sample":
            return _sample(ctx, e)
        if key in e.scalars:
            return scalar_value(e.scalars[key])
        if key in e.macros:
            return str(e.macros[key])
        if key in e.matrices:
            raise StataError("matrix operators that return matrices not allowed in this context", 509)
        return V.MISSING
    if kind == "s":  # sreturn's results are macros: text, "" when not set
        return str(session.s.get(key, ""))
    if kind == "return":  # the running rclass program's results so far ([FN] return())
        frames = session.return_frames
        return _r_value(frames[-1]["r"] if frames and frames[-1]["class"] == "rclass" else session.r, key)
    return _r_value(session.r, key)


def _r_value(results: dict, key: str):
    """r(name) as an expression value: a number, a text, missing when not set."""
    value = results.get(key)
    if value is None:
        return V.MISSING
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return V.clean(float(value))
    try:
        return V.clean(float(value))
    except (TypeError, ValueError):
        raise StataError("matrix operators that return matrices not allowed in this context", 509) from None


def _sample(ctx, e):
    """e(sample) on the current rows: the sample's rows followed through sort/keep/drop."""
    import numpy as np

    n = ctx.nobs
    data = ctx.session.data
    mask = e.sample_mask(data) if data is not None and data.nobs == n else None
    if mask is not None:
        out = mask.astype(float)
        return out if not ctx.scalar else (float(out[0]) if n else 0.0)
    if getattr(e, "lazy_sample", None) is not None:
        raise StataError("e(sample) of a fit on lazy data is known only while the data are "
                         "those of the fit (lazy sort, keep, generate, ... make new data); "
                         "fit the model again", 459)
    if getattr(e, "sample_stamp", None) is not None:
        raise StataError("e(sample) cannot be placed on the data in memory: they were rebuilt "
                         "since the estimation (reshape, collapse, ...); fit the model again", 459)
    out = np.zeros(n, dtype=float)
    sample = e.sample
    if sample is not None:
        s = np.asarray(sample, dtype=bool)
        m = min(n, len(s))
        out[:m] = s[:m]
    return out if not ctx.scalar else (float(out[0]) if n else 0.0)
