"""``fp <term>[(varname)] [, options]: est_cmd`` -- Stata 13's fp prefix (fp.ado's Mata
fp_prefix_cmd, xeq_search, SresultsUpdate/Finish, fp_replay_compare), for regress, logit,
logistic, probit, poisson and glm.

est_cmd names <term> where the FP terms go (term_1, term_2, ... as doubles).  The first run of
est_cmd with <term> replaced by varname fixes the sample.  Without fp(): every power set of
dimension 1..dimension() (default 2) over powers() (default -2 -1 -.5 0 .5 1 2 3), in fp.ado's
order, is fitted (the deviance -2 ll: ``commands.estimation.fracpoly_models``); the table keeps
the model without x ("omitted"), the linear one when 1 is among the powers, and the best of
each dimension (the largest ll, the first of equal ones), the best of the highest dimension
chosen by ll >= (the last of equal ones).  The comparisons: after regress, F = n1/(n0 - n1)
(exp((D_i - D_best)/N) - 1) with n0 - n1 and n1 df (n = N - the covariates' parameters - the
model's FP parameters); else chi2 of the deviance difference with the difference in
parameters.  fp(numlist): those powers, no search ("-> est_cmd" and its table).
Terms are those of ``fp generate`` (scale, center as there; by default none).

Decisions (no Stata 13 log found): the parameters of a model are counted as its FP terms and
covariates (a collinear term is not detected, fp.ado reads e(rank)); est_cmd's options are
restricted to those that change no likelihood (fracpoly_models' list, without vce/robust/
cluster, after which fp.ado prints no P); the search runs mlm's likelihood for each model rather
than the command (the final model is fitted by the command).
"""
from __future__ import annotations

import re
from itertools import combinations_with_replacement

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, integer_option

PREFIX_OPTIONS = [OptionSpec("fp", 2, takes_arg=True), OptionSpec("powers", 3, takes_arg=True),
                  OptionSpec("dimension", 3, takes_arg=True), OptionSpec("replace", 7),
                  OptionSpec("noscale", 5), OptionSpec("scale", 3, takes_arg=True, arg_optional=True),
                  OptionSpec("nocenter", 6), OptionSpec("center", 4, takes_arg=True, arg_optional=True),
                  OptionSpec("nocompare", 5), OptionSpec("classic", 7)]
REFUSED = ("zero", "catzero", "all", "log", "debug")
COMMANDS = ("regress", "logit", "logistic", "probit", "poisson", "glm")
DEFAULT_POWERS = (-2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0, 3.0)


def fp_prefix(session, text: str) -> None:
    from mlmcli.commands import lookup
    from mlmcli.parser import parse_arguments
    from mlmcli.syntax.options import resolve_options
    from mlmcli.textscan import find_top

    full = f"fp {text}".strip()
    colon = find_top(text, ":")
    if colon < 0:
        raise StataError("syntax error\n    Colon not found.", 198)
    head, est_cmd = text[:colon], text[colon + 1:].strip()
    m = re.match(r"\s*<([^<>\s]+)>(?:\(([^()]*)\))?\s*(.*)$", head, re.S)
    if not m:
        raise StataError(f"{head.strip().split(',')[0]} invalid", 198)
    term, var_text, rest = m.group(1), m.group(2), m.group(3)
    ds = session.data
    varname = ds.resolve((var_text or term).strip())
    own = parse_arguments(rest, "fp")
    for o in own.options:
        if o.name in REFUSED:
            raise StataError(f"fp's option {o.name} is not implemented in mlm", 198)
    opts = resolve_options(own.options, PREFIX_OPTIONS, allow_unknown=True)
    display = [o for o in own.options if not any(s.matches(o.name) for s in PREFIX_OPTIONS)]
    if opts.get("classic"):
        raise StataError("fp's option classic is not implemented in mlm", 198)
    if opts.get("fp") and opts.get("powers"):
        raise StataError("options fp() and powers() may not both be specified", 198)
    if opts.get("fp") and opts.get("dimension"):
        raise StataError("options fp() and dimension() may not both be specified", 198)
    words = est_cmd.split(None, 1)
    if not words:
        raise StataError("invalid syntax", 198)
    name = lookup(words[0]).name
    if name not in COMMANDS:
        raise StataError(f"fp with {name} is not implemented in mlm (fp runs regress, logit, logistic, probit, "
                         "poisson and glm)", 199)
    bracketed = f"<{term}>"
    if bracketed not in est_cmd:
        raise StataError(f"estimation command does not contain {bracketed}", 198)
    _run(session, full, name, est_cmd, bracketed, varname, opts, display)


def _numbers(text, option: str) -> list[float]:
    from mlmcli.syntax.numlist import numlist

    values = sorted(float(v) for v in numlist(str(text)))
    if not values:
        raise StataError(f"option {option}() incorrectly specified", 198)
    return values


def _run(session, full, name, est_cmd, bracketed, x, opts, display) -> None:
    from mlmcli.commands.data.fp_generate import (center_option, fp_terms_at, incorrectly_scaled, scale_option, scaled,
                                                  terms_exist)
    from mlmcli.commands.estimation import fracpoly_models as fm
    from mlmcli.parser import parse_arguments

    ds = session.data
    inner = parse_arguments(est_cmd.split(None, 1)[1] if len(est_cmd.split(None, 1)) > 1 else "", name)
    if inner.weight is not None:
        raise StataError("fp with weights is not implemented in mlm", 101)
    fit_options = fm.model_options(name, inner.options, prefix="fp")
    if any(o.name[:2] in ("vc", "ro", "cl") for o in inner.options):
        raise StataError("fp with vce(), robust or cluster() is not implemented in mlm", 198)
    words = inner.args.split()
    if words.count(bracketed) != 1:
        raise StataError(f"fp: {bracketed} must appear once in the variable list (mlm)", 198)
    y = ds.resolve(words[0])
    covariates = [c for w in words[1:] if w != bracketed for c in ds.expand_varlist(w)]
    # fp_perform_initrun: est_cmd with <term> as varname fixes e(sample)
    first = est_cmd.replace(bracketed, x)
    _execute(session, f"quietly {first}")
    touse = _esample(session)
    fixed = _numbers(opts["fp"], "fp") if opts.get("fp") else None
    dimension = len(fixed) if fixed else integer_option(opts, "dimension", 2) if opts.get("dimension") else 2
    if dimension < 1 or dimension > 9:
        raise StataError(f"option dimension({dimension}) invalid", 198)
    powers = _numbers(opts["powers"], "powers") if opts.get("powers") else list(DEFAULT_POWERS)
    names = [f"{x[:30]}_{i}" for i in range(1, dimension + 1)]
    existing = [n for n in [f"{x[:30]}_{i}" for i in range(0, 10)] if n in ds.varnames]
    if existing and not opts.get("replace"):
        raise terms_exist(existing)
    a, b, auto_scale = scale_option(opts)
    c, auto_center, is_center = center_option(opts)
    v = ds.numeric(x)[touse]
    if auto_scale:
        from mlmcli.commands.data.fp_generate import automatic_scale

        a, b = automatic_scale(v)
    z = scaled(v, a, b)
    c = float(np.mean(z[z >= 0])) if auto_center else ((c + a) / b if is_center else c)
    if np.any(~(z > 0)):
        raise incorrectly_scaled(x)
    yv = ds.numeric(y)[touse]
    Z = np.column_stack([np.ones(z.size)] + [ds.numeric(cv)[touse] for cv in covariates])
    deviance = fm.criterion(session, name, yv, touse, fit_options)
    from mlmcli import fractional_polynomials as fs

    def fit(X):
        if deviance is None:
            dev, rmse = fs.regress_fit(yv, X)
            return dev, rmse
        value = deviance(X)
        return (float("nan") if value is None else value), float("nan")

    if existing:
        ds.drop_variables(existing)
    regress_like = name == "regress"
    if fixed is None:
        table, best = _search(session, fit, Z, z, powers, dimension, c, regress_like)
    else:
        best = tuple(fixed)
    terms = fp_terms_at(z, best, c)
    for nm, t in zip(names[:len(best)], terms):
        col = np.full(ds.nobs, np.nan)
        col[touse] = t
        ds.set_variable(nm, col, "double")
        ds.var_labels[nm] = f"term {names.index(nm) + 1} {x}^(" + " ".join(_g(p) for p in best) + ")"
    final = est_cmd.replace(bracketed, " ".join(names[:len(best)]))
    shown = ", ".join(filter(None, ["", " ".join(o.name if o.arg is None else f"{o.name}({o.arg})" for o in display)]))
    if fixed is not None:
        session.print(f"-> {final}")
        _execute(session, f"quietly {final}")
    else:
        _execute(session, f"quietly {final}")
        if not opts.get("nocompare"):
            from mlmcli.render.fp import render_comparison

            session.print("\n" + render_comparison(x, table, regress_like))
    _execute(session, f"{name}{shown}")
    e = session.e
    e.macros.update(fp_cmd="fp, powers():" if fixed else "fp, search():", fp_cmdline=full, fp_variable=x,
                    fp_terms=" ".join(names[:len(best)]))
    e.scalars.update(fp_scale_a=a, fp_scale_b=b, fp_center_mean=c)
    from mlmcli.results.matrix import Matrix

    e.matrices["fp_fp"] = Matrix(np.array([best], float), ("fp",), tuple(names[:len(best)]))
    if fixed is None:
        e.scalars["fp_dimension"] = float(dimension)
        _store_comparison(e, table, dimension)


def _store_comparison(e, table, dimension: int) -> None:
    """fp's e(fp_compare) (df, deviance, its difference, P and, after regress, the residual s.d.),
    e(fp_compare_fp) (each row's powers, missing past them), e(fp_compare_length) (0 omitted, -1
    linear, m) and e(fp_compare_df2) (the F test's denominator df): what fp's replay reads."""
    from mlmcli.results.matrix import Matrix

    rows, df2 = table
    labels = tuple(f"r{i}" for i in range(1, len(rows) + 1))
    stats = [[r[1], r[2], r[3], r[4]] + ([r[5]] if df2 is not None else []) for r in rows]
    columns = ("df", "dev", "devdif", "pval") + (("res_sd",) if df2 is not None else ())
    e.matrices["fp_compare"] = Matrix(np.array(stats, float), labels, columns)
    powers = np.full((len(rows), dimension), np.nan)
    for i, r in enumerate(rows):
        powers[i, :len(r[6])] = r[6]
    e.matrices["fp_compare_fp"] = Matrix(powers, labels, tuple(f"p{i}" for i in range(1, dimension + 1)))
    codes = [0.0 if r[0] == "omitted" else -1.0 if r[0] == "linear" else float(r[0].split("=")[1]) for r in rows]
    e.matrices["fp_compare_length"] = Matrix(np.array([codes], float).T, labels, ("c1",))
    e.scalars["fp_compare_df2"] = float(df2) if df2 is not None else float("nan")


def _esample(session) -> np.ndarray:
    from mlmcli.estimation.rows import sample_in_current_order

    s = sample_in_current_order(session, session.e)
    return np.asarray(s, bool)


def _execute(session, line: str) -> None:
    from mlmcli.runner import Runner, current_runner

    (current_runner(session) or Runner(session)).execute(line)


def _search(session, fit, Z, z, powers, dimension, c, regress_like):
    """xeq_search: the progress meter, the models kept, the comparison rows."""
    from mlmcli.commands.data.fp_generate import fp_terms_at

    candidates = [p for d in range(1, dimension + 1) for p in combinations_with_replacement(powers, d)]
    session.print(f"(fitting {len(candidates)} models)")
    session.print(_meter(len(candidates)))
    has_linear = 1.0 in powers
    n_slots = dimension + 1 + int(has_linear)
    null_dev, null_rmse = fit(Z)
    if not np.isfinite(null_dev):
        raise StataError("fp: the model without the fractional polynomial could not be fitted", 430)
    k0 = Z.shape[1]
    slots: list = [((), null_dev, null_rmse, 0)] + [None] * (n_slots - 1)
    best = None
    for p in candidates:
        X = np.column_stack([Z] + fp_terms_at(z, p, c))
        dev, rmse = fit(X) if np.all(np.isfinite(X)) else (float("nan"), float("nan"))
        if not np.isfinite(dev):
            continue
        model = (p, dev, rmse, len(p))
        i = len(p) + int(has_linear) * (p != (1.0,))  # 0-based: linear, then m = 1, 2, ...
        for j in {i, len(p) + int(has_linear)}:
            if slots[j] is None or dev < slots[j][1]:
                slots[j] = model
        if len(p) == dimension and (best is None or dev <= best[1]):
            best = model
    if best is None:
        raise StataError("fp: no model could be fitted", 430)
    slots[-1] = best
    N = z.size
    rows = []
    labels = ["omitted"] + (["linear"] if has_linear else []) + [f"m = {m}" for m in range(1, dimension + 1)]
    from mlmcli.distributions import chi2 as chi2_dist
    from mlmcli.distributions import f as f_dist

    n1 = N - k0 - 2 * best[3]
    for i, (label, model) in enumerate(zip(labels, slots)):
        if model is None:
            rows.append((label, float("nan"), float("nan"), float("nan"), float("nan"), float("nan"), ()))
            continue
        p, dev, rmse, k = model
        params = 1 if (has_linear and i == 1) else 2 * k  # a power and a coefficient per FP term
        powers_shown = (1.0,) if (has_linear and i == 1) else p
        diff = dev - best[1]
        top = i == len(slots) - 1
        if regress_like:
            n0 = N - k0 - params
            stat = (n1 / (n0 - n1)) * np.expm1(diff / N) if n0 != n1 else float("nan")
            pval = float(f_dist.sf(stat, n0 - n1, n1)) if n0 != n1 else float("nan")
        else:
            df1 = 2 * best[3] - params
            pval = float(chi2_dist.sf(diff, df1)) if df1 > 0 else float("nan")
        rows.append((label, float(params), dev, 0.0 if top else diff, pval, rmse, powers_shown))
    return (rows, n1 if regress_like else None), best[0]


def _meter(total: int) -> str:
    """CMeter: "(" then a dot per 2% done, the tens as "10%" ..., ")"."""
    out, nxt = "(", 2
    for n in range(1, total + 1):
        done = (n * 100) // total
        while done >= nxt:
            out += f"{nxt}%" if nxt % 10 == 0 else "."
            nxt += 2
        if done == 100:
            out += ")"
    return out


def _g(value: float) -> str:
    from mlmcli.render.numfmt import fmt

    return fmt(value, "%9.0g").strip()
