"""``constraints(numlist)`` and ``from(init_specs)`` of the me commands (melogit ... meglm).

Both are read over e(b)'s names as the me commands post them (``glmm.stored_results``):
``depvar:x``, ``cut1:_cons``/``lnalpha:_cons``, then the random-effects parameters in the
variance metric, ``var(_cons[school]):_cons`` and ``cov(x[school],_cons[school]):_cons``
(``_b[var(_cons[school]):_cons]`` in a constraint), meglm gaussian's ``var(e.y):_cons`` last
(the engine's ln sigma, a variance like the others here).  The engine maximises over the
estimation metric (ln sd, atanh corr), where only some constraints on variance components
stay linear; those are carried over:

- ``var(...) = c`` (c > 0)         -> ln sd = ln(c) / 2
- ``cov(...) = 0``                  -> atanh corr = 0
- ``var(a) = c var(b)`` (c > 0; ``var(a) - var(b) = 0``) -> ln sd_a = ln sd_b + ln(c)/2

Any other constraint that names a variance component (a sum of variances, a covariance at a
nonzero value, a variance with a fixed effect) is refused by name: it is not linear in the
parameters the engine optimises, and how Stata 13's ml treats it we could not check.
Constraints on the fixed effects and ancillary parameters are linear as they stand.  The
engine optimises in the free parameter space theta = theta0 + N gamma (makecns' T a + k)
and the constrained parameters have no variance: ``(constrained)`` in the table.

``from()``: values given in e(b)'s metric (the variances as variances); a block whose
variances are all given starts at that covariance (its covariances 0 where not given),
the other parameters at the engine's own start (phase 1 and the grid).
"""
from __future__ import annotations

import dataclasses
import re
from types import SimpleNamespace

import numpy as np

from mlmcli.errors import StataError


def engine_model(spec):
    from mlmcli.glmm.likelihood import GLMMModel

    return GLMMModel(spec)


def re_layout(model) -> list[tuple[str, int, str, int, int]]:
    """Per e(b) random-effects name: (name, engine phi index, kind var|cov, i, j) with i, j the
    positions within its block's covariance matrix."""
    from mlmcli.glmm.stored_results import re_param_names

    names = re_param_names(SimpleNamespace(model=model))
    out, k, n = [], 0, 0
    for lv in model.structure.levels:
        for blk in lv.blocks:
            kind, q = blk.cov.kind, len(blk.names)
            if blk.factor:
                out.append((names[n], k, "var", 0, 0))
                n += 1
                k += blk.cov.n_est
                continue
            for i in range(q):
                out.append((names[n], k + (i if kind in ("independent", "unstructured") else 0), "var", i, i))
                n += 1
            if kind in ("unstructured", "exchangeable"):
                pair = 0
                for i in range(q):
                    for j in range(i + 1, q):
                        at = k + q + pair if kind == "unstructured" else k + 1
                        out.append((names[n], at, "cov", i, j))
                        n += 1
                        pair += 1
            k += blk.cov.n_est
    return out


def _names(spec, design, model) -> tuple[list[str], list[str]]:
    """(e(b)'s names, the estimated fixed and ancillary names e(b) holds as they are) before the
    fit; the gaussian family's ln sigma is e(b)'s ``var(e.y)``, a variance (``variance_items``)."""
    from mlmcli.glmm.stored_results import residual_variance_last

    dep = spec.fixed.depvar
    fixed = [f"{dep}:{lab.name}" for lab in design.labels]
    est = [f"{dep}:{lab.name}" for lab in design.labels if not (lab.base or lab.omitted)]
    anc = [f"{n}:_cons" for n in model.family.anc_names]
    re = [r[0] for r in re_layout(model)]
    if residual_variance_last(spec, model):
        return fixed + re + [f"var(e.{dep}):_cons"], est
    return fixed + anc + re, est + anc


def variance_items(spec, model) -> list[tuple[str, int, str]]:
    """e(b)'s variance parameters in its order: (name, the engine's theta column of its ln sd
    or atanh corr, var|cov) -- the random effects' and, gaussian, ``var(e.y)`` (ln sigma)."""
    from mlmcli.glmm.stored_results import residual_variance_last

    k0 = model.p + model.m
    out = [(name, k0 + at, kind) for name, at, kind, _, _ in re_layout(model)]
    if residual_variance_last(spec, model):
        out.append((f"var(e.{spec.fixed.depvar}):_cons", model.p, "var"))
    return out


def _aliased(session, re_names: list[str]):
    """(a stand-in session whose defined constraints name the random-effects parameters by
    aliases ``[__reK]_cons``, the aliases' e(b) names): their names hold brackets
    (``var(_cons[school])``), which [R] test's reference syntax cannot nest.  Recognised:
    ``_b[var(_cons[school]):_cons]``, ``[var(_cons[school])]_cons``, ``_b[/var(_cons[school])]``,
    ``/var(_cons[school])`` and Stata 15's ``_b[/:var(_cons[school])]``, ``/:var(_cons[school])``
    and ``[/]var(_cons[school])`` (docs/parameter_names15.md)."""
    aliases = [f"__re{k + 1}:_cons" for k in range(len(re_names))]
    texts = {}
    for number, text in session.constraints.items():
        for name, alias in sorted(zip(re_names, aliases), key=lambda t: -len(t[0])):
            eq = re.escape(name.rsplit(":", 1)[0])
            ref = f"[{alias.split(':')[0]}]_cons"
            text = re.sub(rf"_b\[\s*{eq}\s*:\s*_cons\s*\]|_b\[\s*/\s*:?\s*{eq}\s*\]|\[\s*{eq}\s*\]\s*_cons"
                          rf"|\[\s*/\s*\]\s*{eq}|/\s*:?\s*{eq}",
                          lambda _m, r=ref: r, text)
        texts[number] = _unknown_components(_matrix_elements(session, text))
    return SimpleNamespace(constraints=texts), aliases


def _matrix_elements(session, text: str) -> str:
    """``ab[1,19]`` (a matrix element, as published do-files fix a variance at a saved
    estimate: ``constraint 1 _b[/var(_cons[party])] = ab[1,19]``) replaced by its value."""
    matrices = getattr(session, "matrices", {}) or {}

    def value(m):
        mat = matrices.get(m.group(1)) if m.group(1) not in ("_b", "_se") else None
        if mat is None:
            return m.group(0)
        i, j = int(m.group(2)) - 1, int(m.group(3)) - 1
        vals = np.asarray(mat.values, float)
        if not (0 <= i < vals.shape[0] and 0 <= j < vals.shape[1]):
            raise StataError(f"{m.group(1)}[{i + 1},{j + 1}] invalid subscript", 503)
        return f"{vals[i, j]:.17g}"

    number = r"\(*\s*(\d+)\s*\)*"  # ``ab[1,(19)]``: a local holding ``(`=colsof(ab)')``
    return re.sub(rf"(?<![\w\]])([^\W\d]\w*)\[\s*{number}\s*,\s*{number}\s*\]", value, text)


_NESTED = r"(?:var|cov)\((?:[^()\[\]]|\[[^\]]*\])*\)"


def _unknown_components(text: str) -> str:
    """Variance components the model lacks, by a name no model has: [R] test's parser then
    reports them as not found (makecns' r(111) note), not as a syntax error."""
    text = re.sub(rf"_b\[\s*(?:/\s*:?)?\s*{_NESTED}\s*(?::\s*_cons\s*)?\]", "_b[__none:_cons]", text)
    return re.sub(rf"\[\s*{_NESTED}\s*\]\s*_cons|\[\s*/\s*\]\s*{_NESTED}|/\s*:?\s*{_NESTED}", "[__none]_cons", text)


def with_constraints(session, spec, design, text: str):
    """(spec with the engine's constraints, the constraints over e(b)'s estimated columns or
    None); makecns' note for a constraint naming what the model lacks."""
    from mlmcli.postest.ml_constraints import read_constraints

    model = engine_model(spec)
    _, head = _names(spec, design, model)
    items = variance_items(spec, model)
    var_names = [item[0] for item in items]
    proxy, aliases = _aliased(session, var_names)
    cns = read_constraints(proxy, head + aliases, text, note=session.print)
    if cns is None:
        return spec, None
    free = float(getattr(session, "version", 13.0) or 13.0) >= 15  # Stata 15's [/]var(_cons[id])
    cns = dataclasses.replace(cns, labels=tuple(_unaliased(lab, var_names, free) for lab in cns.labels))
    h = len(head)
    fixed_cols = list(range(model.p)) + ([] if h == model.p else list(range(model.p, model.p + model.m)))
    R = np.zeros((len(cns.R), model.k))
    r = np.zeros(len(cns.R))
    for i, (row, rhs, label) in enumerate(zip(np.asarray(cns.R, float), np.asarray(cns.r, float), cns.labels)):
        R[i, fixed_cols] = row[:h]
        r[i] = rhs
        touched = [(items[j], row[h + j]) for j in np.flatnonzero(row[h:])]
        if not touched:
            continue
        if np.any(row[:h]):
            _refuse(label)
        if len(touched) == 1:
            (_, col, kind), a = touched[0]
            value = rhs / a
            if kind == "var" and value > 0:  # var = c: ln sd = ln(c)/2
                R[i, col], r[i] = 1.0, 0.5 * np.log(value)
            elif kind == "cov" and value == 0:  # cov = 0: atanh corr = 0
                R[i, col], r[i] = 1.0, 0.0
            else:
                _refuse(label)
        elif (len(touched) == 2 and rhs == 0 and all(t[0][2] == "var" for t in touched)
              and touched[0][1] * touched[1][1] < 0):
            # a var(a) = -b var(b), a ratio c = -b/a > 0: ln sd_a - ln sd_b = ln(c)/2
            R[i, touched[0][0][1]] += 1.0
            R[i, touched[1][0][1]] -= 1.0
            r[i] = 0.5 * np.log(-touched[1][1] / touched[0][1])
        else:
            _refuse(label)
    engine = dataclasses.replace(cns, R=R, r=r)
    return dataclasses.replace(spec, fixed=dataclasses.replace(spec.fixed, constraints=engine)), cns


def _unaliased(label: str, re_names: list[str], free: bool = False) -> str:
    """A constraint's display with the aliases back as e(b)'s names (``[var(_cons[school])]_cons``;
    ``free``, a fit under version 15 or later: the free parameter ``[/]var(_cons[school])``)."""
    for k in range(len(re_names), 0, -1):
        eq = re_names[k - 1].rsplit(':', 1)[0]
        label = label.replace(f"[__re{k}]_cons", f"[/]{eq}" if free else f"[{eq}]_cons")
    return re.sub(r"\[(cut\d+|lnalpha|lndelta)\]_cons", r"[/]\1", label) if free else label


def _refuse(label: str) -> None:
    raise StataError(f"constraint {label} not supported by mlmcli: on variance components only "
                     "var() = #, cov() = 0 and var() = # var() are linear in the estimation metric", 198)


def with_start(session, spec, design, text: str):
    """from(): the engine's start (nan where the engine's own start stays)."""
    from mlmcli.graphs.fpfit_ml_start import read_from, start_at
    from mlmcli.glmm.stored_results import residual_variance_last

    model = engine_model(spec)
    names, _ = _names(spec, design, model)
    re_names = [r[0] for r in re_layout(model)]
    aliases = {f"[{n.rsplit(':', 1)[0]}]_cons": f"[__re{k + 1}]_cons" for k, n in enumerate(re_names)}
    aliases.update({f"/{n.rsplit(':', 1)[0]}": f"[__re{k + 1}]_cons" for k, n in enumerate(re_names)})
    start = read_from(session, str(text))
    if start[0] == "names":  # the bracketed names by their aliases (``_aliased``)
        start = (start[0], tuple((aliases.get(ref.replace(" ", ""), ref), v) for ref, v in start[1]), start[2])
    head = names[:len(names) - len(re_names)]
    re_aliases = [f"__re{k + 1}:_cons" for k in range(len(re_names))]
    nf = len(design.labels)
    if residual_variance_last(spec, model):  # e(b): ..., variances, var(e.y) last
        order = head[:nf] + re_aliases + [f"var(e.{spec.fixed.depvar}):_cons"]
        by_ebn = start_at(start, order)
        variance = by_ebn[-1]
        ln_sigma = 0.5 * np.log(variance) if np.isfinite(variance) and variance > 0 else np.nan
        given = np.concatenate([by_ebn[:nf], [ln_sigma], by_ebn[nf:-1]])
    else:
        given = start_at(start, head + re_aliases)
    est = [j for j, lab in enumerate(design.labels) if not (lab.base or lab.omitted)]
    layout = re_layout(model)
    values = given[nf + model.m:]
    start = np.full(model.k, np.nan)
    start[:model.p] = given[est]
    start[model.p:model.p + model.m] = given[nf:nf + model.m]
    k0, k = model.p + model.m, 0
    for lv in model.structure.levels:
        for blk in lv.blocks:
            rows = [j for j, item in enumerate(layout) if k <= item[1] < k + blk.cov.n_est]
            q = len(blk.names) if not blk.factor else 1
            S = np.zeros((q, q))
            for j in rows:
                _, _, kind, a, b = layout[j]
                S[a, b] = S[b, a] = values[j] if np.isfinite(values[j]) else (np.nan if kind == "var" else 0.0)
            if blk.factor:
                if np.isfinite(S[0, 0]) and S[0, 0] > 0:
                    start[k0 + k] = 0.5 * np.log(S[0, 0])
            elif np.all(np.isfinite(S)) and np.all(np.diag(S) > 0):
                start[k0 + k:k0 + k + blk.cov.n_est] = blk.cov.est_from_cov(S)
            k += blk.cov.n_est
    return dataclasses.replace(spec, fixed=dataclasses.replace(spec.fixed, start=start))


def cns_matrix(session, fit, text: str):
    """e(Cns): constraints(``text``) over e(b)'s columns in its metric (variances as
    variances; base and omitted columns 0)."""
    from mlmcli.glmm.stored_results import eb_layout, residual_variance_last
    from mlmcli.postest.ml_constraints import cns_matrix as build, read_constraints

    names, idx, _, _ = eb_layout(fit)
    est = [names[j] for j in idx]  # theta's order: the gaussian var(e.y) (ln sigma) after the coefficients
    h = fit.model.p if residual_variance_last(fit.spec, fit.model) else fit.model.p + fit.model.m
    proxy, aliases = _aliased(session, est[h:])
    cns = read_constraints(proxy, est[:h] + aliases, text)
    return build(cns, names, idx)
