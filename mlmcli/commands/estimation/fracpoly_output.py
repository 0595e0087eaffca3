"""fracpoly's run with regress: the search, fracgen's variables, the final fit, its lines and
e(fp_*) (``commands.estimation.fracpoly`` parses the line)."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError


def fit_and_show(session, cmd, inner, y, x, base, fixed, degree, powers, adjust, scaling, compare, log,
                 passed, command="regress", fit_options=None) -> None:
    from mlmcli import fractional_polynomials as fs
    from mlmcli.commands.estimation.fracpoly_models import DIST, criterion
    from mlmcli.render import fracpoly as text
    from mlmcli.sample import mark_sample

    ds = session.data
    touse = np.asarray(mark_sample(session, inner, [y, x] + base), bool)
    if command == "stcox":
        touse &= ds.numeric("_st") == 1
    n = int(touse.sum())
    if n == 0:
        raise StataError("no observations", 2000)
    yv, xv = ds.numeric(y)[touse], ds.numeric(x)[touse]
    Z = np.column_stack([ds.numeric(b)[touse] for b in base]) if base else np.zeros((n, 0))
    constant = command != "stcox"
    deviance = criterion(session, command, yv, touse, fit_options or {})
    if deviance is not None:  # frac_154's uncaptured fit without x: the command's own errors
        run_fit(session, command, "" if command == "stcox" else y, base, touse,
                   passed + (" estimate" if command == "stcox" and not base else ""), quietly=True)
    if fixed is None:
        if n <= degree + int(constant) + Z.shape[1]:
            raise StataError("insufficient observations", 2001)
        found = fs.search(yv, xv, Z, degree, powers, scaling, constant, deviance)
        dev, _, best = found.best[2 * degree]
        if not best:
            raise StataError("powers required", 198)  # fracgen with no powers: nothing beat the model without x
        if log:
            session.print(text.render_log(found.fits, degree, found.normal))
        else:
            session.print("." * sum(1 for f in found.fits if len(f.powers) < degree))
    else:
        # the model without x and the linear one (e(fp_dlin))
        found = fs.search(yv, xv, Z, 1, (1.0,), scaling, constant, deviance)
        best = tuple(sorted(fixed))
    shift, scale = found.shift, found.scale
    at = adjust_point(adjust, xv)
    names = _generate(session, x, xv, touse, best, shift, scale, at, scaling, text)
    if fixed is not None:
        terms, _ = fs.final_terms(xv, best, shift, scale, None)
        X = np.column_stack(([np.ones(n)] if constant else []) + [Z] + terms)
        dev = fs.regress_fit(yv, X)[0] if deviance is None else deviance(X)
        dev = float("nan") if dev is None else dev
    run_fit(session, command, "" if command == "stcox" else y, names + base, touse, passed)
    session.e.macros["cmdline"] = f"fracpoly {cmd.args}".strip()
    e = session.e
    if fixed is None:
        session.print(text.render_deviance(dev, x, len(found.fits), best))
    else:
        session.print(text.render_deviance(dev, None, 0, best))
    _store(e, found, degree if fixed is None else None, dev, best, x, y, names, base, n, shift, scale)
    e.scalars["fp_dist"] = float(DIST[command])
    if compare and fixed is None:
        session.print(text.render_comparison(x, fs.comparison_rows(found, degree), degree, found.normal))


def adjust_point(adjust, xv):
    """frac_adj's default: the mean, the lower of two distinct values (none when it is 0), none
    for one value; adjust(no), adjust(mean), adjust(#)."""
    if adjust is None:
        distinct = np.unique(xv)
        if distinct.size == 1:
            return None
        if distinct.size == 2:
            return None if distinct[0] == 0 else float(distinct[0])
        return float(np.mean(xv))
    spec = str(adjust).strip()
    if spec == "no":
        return None
    if spec == "mean":
        return float(np.mean(xv))
    try:
        return float(spec)
    except ValueError:
        raise StataError("invalid option center(), must be # or mean", 198) from None


def _generate(session, x, xv, touse, powers, shift, scale, at, scaling, text) -> list[str]:
    """frac_mun's purge of I<x[:4]>*, then fracgen's Ix__1 ... over the sample."""
    ds = session.data
    stub = ("I" + x)[:5]
    purge = [v for v in ds.varnames if v.startswith(stub)]
    if purge:
        ds.drop_variables(purge)
    names = [f"{stub}__{i}" for i in range(1, len(powers) + 1)]
    generate_terms(session, x, xv, touse, powers, shift, scale, at, scaling, names, "if e(sample)")
    return names


def generate_terms(session, x, xv, touse, powers, shift, scale, at, scaling, names, say: str,
                   zero: bool = False) -> list[float]:
    """fracgen: the terms of (x + shift) / scale (minus their values at ``at``; None: not
    adjusted) as double variables ``names`` (missing outside ``touse``), labelled, with the
    ``-> gen`` lines; returns the adjustment values.  ``zero``: fracgen's zero, x <= 0 taken as 0
    (``fractional_polynomials.zero_terms``; the caller passes shift 0)."""
    from mlmcli import fractional_polynomials as fs
    from mlmcli.render import fracpoly as text

    ds = session.data
    if tuple(powers) == (1.0,):
        shift, scale = 0.0, 1.0  # frac_xo: x itself when the only power is 1 (no shift, no scaling)
    if zero:
        terms = fs.zero_terms(np.where(np.asarray(xv, float) > 0, xv, 0.0) / scale, powers)
        at_values = [0.0] * len(terms) if at is None else \
            [float(t[0]) for t in fs.zero_terms(np.array([at / scale]), powers)]
        terms = [t - a for t, a in zip(terms, at_values)]
    else:
        terms, at_values = fs.final_terms(xv, powers, shift, scale, at)
    where = _where(x, shift, scale, scaling)
    term_texts = _term_texts(powers, "X" if where else x)
    for name, term, text_i, a in zip(names, terms, term_texts, at_values):
        column = np.full(ds.nobs, np.nan)
        column[touse] = term
        ds.set_variable(name, column, "double")
        shown = "" if at is None else ("+" if a < 0 else "-") + text.fmt(abs(a), "%12.0g").strip()
        ds.var_labels[name] = f"{text_i}{shown}" + (f": X = {where}" if where else "")
    session.print(text.render_gen_lines(names, term_texts, [None if at is None else a for a in at_values], where,
                                        say))
    return at_values


def _where(x: str, shift: float, scale: float, scaling: bool) -> str:
    """fracgen's ``X = ...`` ("" when X is x itself)."""
    from mlmcli.render.numfmt import fmt

    r = x
    if shift != 0:
        r = f"({r}+{fmt(shift, '%18.0g').strip()})"
    if scaling:
        if scale < 1:
            r = f"{r}*{fmt(1 / scale, '%18.0g').strip()}"
        elif scale > 1:
            r = f"{r}/{fmt(scale, '%18.0g').strip()}"
    return "" if r == x else r


def _term_texts(powers, vn: str) -> list[str]:
    """fracgen's names of the terms: X^p, ln(X), X^p*ln(X), ln(X)^2 ..."""
    from mlmcli.render.fracpoly import power_text

    out, last, k, nlast = [], None, 0, ""
    for p in powers:
        if last is None or abs(p - last) > 1e-6:
            if abs(p) < 1e-6:
                out.append(f"ln({vn})")
                k, nlast = 1, ""
            else:
                out.append(vn if abs(p - 1) < 1e-6 else f"{vn}^{power_text(p)}")
                k, nlast = 0, out[-1] + "*"
        else:
            k += 1
            out.append(f"{nlast}ln({vn})" if k == 1 else f"{nlast}ln({vn})^{k}")
        last = p
    return out


def run_fit(session, command, y, regressors, touse, passed, quietly: bool = False) -> None:
    """``command y regressors if touse, passed`` through the runner (``quietly``: frac_154's
    ``qui`` fit without x, whose failure is fracpoly's)."""
    from mlmcli.commands.program.time_series_names import temporary_name
    from mlmcli.runner import Runner, current_runner

    ds = session.data
    mark = temporary_name(session)
    ds.set_variable(mark, touse.astype(np.int8), "byte")
    runner = current_runner(session) or Runner(session)
    line = f"{'quietly ' if quietly else ''}{command} {y} {' '.join(regressors)} if {mark}"
    try:
        runner.execute(" ".join(f"{line}{', ' + passed.strip() if passed.strip() else ''}".split()))
    finally:
        if mark in ds.varnames:
            ds.drop_variables([mark])


def _store(e, found, degree, dev, powers, x, y, names, base, n, shift, scale) -> None:
    from mlmcli.render.fracpoly import powers_text

    e.scalars.update(fp_d0=found.best[0][0], fp_dlin=found.best[1][0], fp_dev=dev, fp_N=float(n), fp_rdf=float(found.rdf),
                     fp_sfac=scale, fp_shft=shift, fp_dist=0.0, fp_catz=0.0, fp_nx=float(len(base) + 1),
                     fp_srch=0.0 if degree is None else 1.0, fp_df=float(2 * (degree or 0)) if degree else 1.0)
    if found.normal:  # frac_154 keeps the residual SDs after regress only
        e.scalars.update(fp_s0=found.best[0][1], fp_slin=found.best[1][1])
    if degree is not None:
        for m in range(1, degree + 1):
            d, s, p = found.best[2 * m]
            e.scalars[f"fp_d{m}"] = d
            if found.normal:
                e.scalars[f"fp_s{m}"] = s
            e.macros[f"fp_p{m}"] = powers_text(p)
    e.macros.update(fp_cmd="fracpoly", fp_cmd2="fracpoly", fp_pwrs=powers_text(powers), fp_k1=powers_text(powers),
                    fp_x1=x, fp_rhs=x, fp_depv=y, fp_xp=" ".join(names), fp_base=" ".join(base),
                    fp_fvl=" ".join(names + base), fp_t1t="Fractional Polynomial")
    for i, name in enumerate(base, start=2):  # the covariates: linear (fracpred's for())
        e.macros[f"fp_x{i}"], e.macros[f"fp_k{i}"] = name, "1"


def replay(session, args: str) -> None:
    """``fracpoly [, compare regress_options]``: frac_154's replay (``->regress``, the table,
    the comparison table) and fracpoly_10's ``Deviance: #.``; the table rows from e()."""
    from mlmcli import fractional_polynomials as fs
    from mlmcli.parser import parse_arguments
    from mlmcli.render import fracpoly as text
    from mlmcli.runner import Runner, current_runner

    e = session.e
    if e is None or e.macros.get("fp_cmd2") != "fracpoly":
        raise StataError("last estimates not found", 301)
    options = list(parse_arguments(args, "fracpoly").options)
    compare = [o for o in options if o.arg is None and len(o.name) >= 3 and "compare".startswith(o.name)]
    if any(o.arg is None and len(o.name) >= 3 and "sequential".startswith(o.name) for o in options):
        raise StataError("fracpoly's option sequential is not implemented in mlm", 198)
    passed = " ".join(o.name if o.arg is None else f"{o.name}({o.arg})" for o in options if o not in compare)
    session.print(f"->{e.macros.get('cmd', 'regress')}")
    runner = current_runner(session) or Runner(session)
    runner.execute(f"{e.macros.get('cmd', 'regress')}{', ' + passed if passed else ''}")
    e = session.e
    degree = int(e.scalars.get("fp_df", 0)) // 2
    if compare and e.scalars.get("fp_srch"):
        nan = float("nan")
        best = {0: (e.scalars["fp_d0"], e.scalars.get("fp_s0", nan), ()),
                1: (e.scalars["fp_dlin"], e.scalars.get("fp_slin", nan), (1.0,))}
        for m in range(1, degree + 1):
            powers = tuple(float(p) for p in e.macros.get(f"fp_p{m}", "").split())
            best[2 * m] = (e.scalars[f"fp_d{m}"], e.scalars.get(f"fp_s{m}", nan), powers)
        found = fs.FracpolySearch([], best, rdf=int(e.scalars["fp_rdf"]), nobs=int(e.scalars["fp_N"]),
                                  normal=not e.scalars.get("fp_dist"))
        session.print(text.render_comparison(e.macros["fp_rhs"], fs.comparison_rows(found, degree), degree,
                                             found.normal))
    session.print("Deviance:" + text.fmt(e.scalars["fp_dev"], "%9.2f") + ".")
