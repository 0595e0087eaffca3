"""mfp's run (commands.estimation.mfp parses the line): sample, options, order of the xvars
(FracOrd), the backfitting (``multivariable_fp``), fracgen's final variables, the final fit,
e() and FracRep's display; and mfp's replay."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import integer_option

LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
# options the final fit takes that FracRep's replay does not (they change the fit, not the display)
_FIT_ONLY = ("vce", "robust", "cluster", "nolog", "log", "family", "link", "breslow", "efron")


def fit_and_show(session, full: str, command: str, inner, opts, typed: str, fit_options) -> None:
    from mlmcli import fractional_polynomials as fs
    from mlmcli import multivariable_fp as mf
    from mlmcli.commands.estimation.fracpoly_models import criterion
    from mlmcli.render import mfp as text
    from mlmcli.sample import mark_sample

    ds = session.data
    if command == "stcox":
        from mlmcli.survival.settings import is_st

        if not is_st(ds.chars):
            raise StataError("data not st", 119)
    y, terms = variables(session, command, inner.args)
    xs = [v for t in terms for v in t]
    names = [" ".join(t) for t in terms]
    touse = np.asarray(mark_sample(session, inner, ([y] if y else []) + xs), bool)
    if command == "stcox":
        touse &= ds.numeric("_st") == 1
    n = int(touse.sum())
    if n == 0:
        raise StataError("no observations", 2000)
    columns = {x: ds.numeric(x)[touse] for x in xs}
    _check_collinear(columns)
    dfdefault = integer_option(opts, "dfdefault", 4, minimum=1)
    cycles = integer_option(opts, "cycles", 5, minimum=1)
    if opts.get("adjust") is not None and opts.get("center") is not None:
        raise StataError("options adjust() and center() may not be specified together", 198)
    powers = _powers(opts["powers"]) if opts.get("powers") is not None else mf.POWERS
    dfs = distribute(ds, opts["df"], names, "df", 1, None) if opts.get("df") is not None else {}
    alphas = distribute(ds, opts["alpha"], names, "alpha", -1, 1) if opts.get("alpha") is not None else {}
    selects = distribute(ds, opts["select"], names, "select", -1, 1) if opts.get("select") is not None else {}
    if any(float(v) < 0 for v in list(alphas.values()) + list(selects.values())):
        raise StataError("mfp's A.I.C. selection (alpha(-1), select(-1)) is not implemented in mlm", 198)
    xpowers = distribute(ds, opts["xpowers"], names, "xpowers") if opts.get("xpowers") is not None else {}
    centers = distribute(ds, opts.get("adjust") or opts.get("center"), names, "adjust") \
        if (opts.get("adjust") or opts.get("center")) is not None else {}
    zeros = set(_xvars(ds, str(opts["zero"]), names)) if opts.get("zero") is not None else set()
    catzeros = set(_xvars(ds, str(opts["catzero"]), names)) if opts.get("catzero") is not None else set()
    covariates = []
    for term, x in zip(terms, names):
        if len(term) > 1:  # a group: linear, one test of all its variables
            covariates.append(mf.Covariate(x, np.column_stack([columns[v] for v in term]), 1,
                                           float(selects.get(x, 1.0)), float(alphas.get(x, 0.05))))
            continue
        if x in dfs:
            try:
                df = int(dfs[x])
            except ValueError:
                raise StataError(f"invalid df() value {dfs[x]}", 198) from None
        else:
            df = mf.default_df(int(np.unique(columns[x]).size), dfdefault)
        covariates.append(mf.Covariate(x, columns[x], df, float(selects.get(x, 1.0)), float(alphas.get(x, 0.05)),
                                       _powers(xpowers[x]) if x in xpowers else powers,
                                       x in zeros or x in catzeros, x in catzeros))
    order = _order(session, command, y, terms, touse, typed, str(opts.get("xorder") or "+"))
    ordered = [covariates[i] for i in order]
    yv = ds.numeric(y)[touse] if y else ds.numeric("_t")[touse]
    deviance = criterion(session, command, yv, touse, fit_options)
    constant = command != "stcox"

    def model_deviance(X):
        full_X = np.column_stack([np.ones(n), X]) if constant else X
        if deviance is None:
            return fs.regress_fit(yv, full_X)[0]
        return deviance(full_X)

    run = mf.Backfit(yv, ordered, model_deviance, deviance, deviance is None, constant,
                     bool(opts.get("sequential"))).run(cycles)
    session.print(text.render_initial(run.initial_deviance, n))
    session.print(text.render_cycles(run))
    finalvl = _generate(session, terms, columns, touse, run.powers, centers, not opts.get("noscaling"),
                        bool(opts.get("all")), {c.name: c.catzero for c in covariates if c.zero or c.catzero})
    _fit_final(session, command, y, finalvl, touse, typed)
    _store(session, full, command, y, terms, covariates, run, finalvl, inner)
    _display(session, opts.get("level"), typed)


def _check_collinear(columns) -> None:
    """mfp_10's _rmcoll over the xvars: "# collinearity detected among covariates"."""
    from mlmcli.collinear_columns import independent_candidates

    lost = int(np.sum(~independent_candidates(np.column_stack(list(columns.values())), True)))
    if lost:
        raise StataError(f"{lost} collinearit{'ies' if lost > 1 else 'y'} detected among covariates", 198)


def _order(session, command, y, terms, touse, typed, xorder: str) -> list[int]:
    """FracOrd: xorder(+) the terms by increasing P of their Wald tests (a group's jointly) in the
    model with all of them linear, xorder(-) decreasing, n as given.  Ties keep the typed order
    (decision: Stata's sort of equal P values is not stable)."""
    from mlmcli.distributions import chi2, f

    key = xorder.strip()  # FracOrd compares the whole word: xorder(-1) is not xorder(-)
    if key == "n":
        return list(range(len(terms)))
    if key == "r":
        raise StataError("mfp's option xorder(r) is not implemented in mlm", 198)
    if key not in ("+", "-"):
        raise StataError("invalid option order()", 198)
    _fit_final(session, command, y, [v for t in terms for v in t], touse, typed, quietly=True)
    coefs = session.e.coefficients()
    names = [nm.split(":", 1)[-1] for nm in coefs.names]
    b, V = np.asarray(coefs.b, float), np.asarray(coefs.V, float)
    df_r = session.e.scalars.get("df_r")
    ps = []
    for term in terms:
        k = [names.index(x) for x in term if x in names]
        sub = V[np.ix_(k, k)]
        if len(k) < len(term) or not np.all(np.diag(sub) > 0):
            p = 0.0  # FracOrd: a missing P counts as 0
        else:
            stat = float(b[k] @ np.linalg.solve(sub, b[k]))
            q = len(k)
            p = float(f.sf(stat / q, q, df_r)) if df_r is not None and command == "regress" else float(chi2.sf(stat, q))
        ps.append(-p if key == "-" else p)
    return sorted(range(len(terms)), key=lambda i: ps[i])


def _fit_final(session, command, y, regressors, touse, typed, quietly: bool = True) -> None:
    from mlmcli.commands.estimation.fracpoly_output import run_fit

    extra = " estimate" if command == "stcox" and not regressors else ""
    run_fit(session, command, y or "", list(regressors), touse, (typed + extra).strip(), quietly=quietly)


def _unique_stub(ds, x: str) -> str:
    """frac_mun's xi_mkun2: I + x's first four letters + _, its last letter replaced by a, b, ...
    while a variable starts with it."""
    name = ("I" + x)[:5] + "_"
    used = 0
    while any(v.startswith(name) for v in ds.varnames):
        if used == len(LETTERS):
            raise StataError(f"too many terms---limit is {len(LETTERS) + 1}", 499)
        used += 1
        name = name[:-1] + LETTERS[used - 1]
    return name


def _powers(text: str) -> tuple:
    """A powers() or xpowers() list (numlist, commas allowed), sorted and distinct."""
    from mlmcli.syntax.numlist import numlist

    values = tuple(sorted(set(float(v) for v in numlist(str(text).replace(",", " ")))))
    if not values:
        raise StataError("no powers given", 2002)
    return values


def _generate(session, terms, columns, touse, powers, centers, scaling, all_rows: bool = False, zeros=()):
    """frac_mun's purge of I<x[:4]>*, then fracgen per xvar in the sample (x itself when linear,
    not centred and without catzero); ``all_rows``: mfp's all, fracgen's restrict(): the shift,
    scale and centring over the sample, the terms in every observation; a group enters as its
    variables; ``zeros``: {xvar: catzero} of the zero()/catzero() xvars (catzero's indicator
    stub_0 comes first).  Returns the final varlist."""
    from mlmcli import fractional_polynomials as fs
    from mlmcli.commands.estimation.fracpoly_output import adjust_point, generate_terms

    ds = session.data
    xs = [v for t in terms for v in t]
    for term in terms:
        stub = ("I" + term[0])[:5]
        purge = [v for v in ds.varnames if v.startswith(stub) and v not in xs] if len(term) == 1 else []
        if purge:
            ds.drop_variables(purge)
    finalvl = []
    for term in terms:
        x = " ".join(term)
        p = powers[x]
        if p is None:
            continue
        zero, catzero = x in zeros, bool(zeros.get(x))
        at = None if len(term) > 1 else adjust_point(centers.get(x), columns[x])
        if zero and at is not None and str(centers.get(x, "mean")).strip() == "mean" and \
                np.unique(columns[x]).size > 2:
            at = float(np.mean(columns[x][columns[x] > 0]))  # frac_xo: the mean of the positive values
        if p == (1.0,) and at is None and not zero:
            finalvl.extend(term)
            continue
        stub = _unique_stub(ds, x)[:6]
        names = [f"{stub}_{i}" for i in range(1, len(p) + 1)]
        shift, scale = (0.0, fs.zero_scale(columns[x], scaling)) if zero else fs.shift_and_scale(columns[x], scaling)
        rows = np.ones(ds.nobs, bool) if all_rows else touse
        values = ds.numeric(x) if all_rows else columns[x]
        generate_terms(session, x, values, rows, p, shift, scale, at, scaling, names,
                       "" if all_rows else "if e(sample)", zero)
        if catzero:
            indicator = f"{stub}_0"
            column = np.full(ds.nobs, np.nan)
            column[rows] = (values <= 0).astype(float)
            ds.set_variable(indicator, column, "byte")
            ds.var_labels[indicator] = f"{x}<=0"
            session.print(f"-> gen byte {indicator} = {x}<=0" + ("" if all_rows else " if e(sample)"))
            names = [indicator] + names
        finalvl.extend(names)
    return finalvl


def _store(session, full, command, y, terms, covariates, run, finalvl, inner) -> None:
    """e() as mfp_10 posts it (Fp_* per term, fp_x#/fp_k# per variable) and GetVL's globals
    MFP_n, MFP_1 ... (the terms, which FracRep and mfp's replay read), MFP_cur, MFP_dv."""
    from mlmcli import multivariable_fp as mf
    from mlmcli.commands.estimation.fracpoly_models import DIST
    from mlmcli.render.fracpoly import powers_text

    e = session.e
    fracpoly = f"fracpoly: {command} {y or ''}".rstrip()
    count = 0
    for i, (term, cov) in enumerate(zip(terms, covariates), start=1):
        p = run.powers[cov.name]
        shown = "." if p is None else powers_text(p)
        e.scalars[f"Fp_fd{i}"] = float(mf.final_df(p, cov.catzero))
        e.scalars[f"Fp_id{i}"] = float(mf.initial_df(cov.df, cov.catzero))
        e.scalars[f"Fp_al{i}"] = cov.alpha
        e.scalars[f"Fp_se{i}"] = cov.select
        e.macros[f"Fp_k{i}"] = shown
        for v in term:
            count += 1
            e.macros[f"fp_x{count}"] = v
            e.macros[f"fp_k{count}"] = shown
            if cov.catzero:
                e.macros[f"fp_c{count}"] = "1"
            if p is not None:
                fracpoly += f" {v} {shown}"
    if inner.if_exp:
        fracpoly += f" if {inner.if_exp}"
    if inner.in_range:
        fracpoly += f" in {inner.in_range}"
    e.scalars.update(fp_dist=float(DIST[command]), fp_dev=run.deviance, fp_nx=float(count))
    e.macros.update(fp_wgt="", fp_exp="", fp_depv=y if command != "stcox" else "_t", fp_rhs="",
                    fp_opts="", fp_fvl=" ".join(finalvl), fp_t1t="Fractional Polynomial", fracpoly=fracpoly,
                    cmdline=f"mfp {full}", fp_cmd="fracpoly", fp_cmd2="mfp")
    g = session.globals
    for name in [k for k in g if k.startswith("MFP_")]:
        del g[name]  # GetVL's macro drop MFP_*
    g["MFP_n"] = str(len(terms))
    for i, term in enumerate(terms, start=1):
        g[f"MFP_{i}"] = " ".join(term)
    g["MFP_cur"] = " " + " ".join(v for t in terms for v in t)
    g["MFP_dv"] = y or ""


def _display(session, level, typed: str) -> None:
    """FracRep: the table, the command's replay with level() and the display options, the deviance."""
    from mlmcli.render import mfp as text
    from mlmcli.runner import Runner, current_runner

    e = session.e
    try:
        count = int(session.globals.get("MFP_n", "0"))
    except ValueError:
        count = 0
    rows = []
    for i in range(1, count + 1):  # FracRep: $MFP_n terms, named by $MFP_#
        k = e.macros.get(f"Fp_k{i}", ".")
        powers = None if k in ("", ".") else tuple(float(v) for v in k.split())
        rows.append((session.globals.get(f"MFP_{i}", ""), int(e.scalars[f"Fp_id{i}"]), e.scalars[f"Fp_se{i}"],
                     e.scalars[f"Fp_al{i}"], powers, int(e.scalars[f"Fp_fd{i}"])))
    session.print(text.render_final_table(e.macros.get("fp_depv", ""), rows))
    from mlmcli.textscan import split_words

    # whole options: vce(cluster id) is one word, not "vce(cluster" and "id)"
    display = " ".join(w for w in split_words(typed) if not any(w.lower().startswith(s[:3]) for s in _FIT_ONLY))
    if level is not None:
        display = f"{display} level({level})".strip()
    runner = current_runner(session) or Runner(session)
    cmd = e.macros.get("cmd2") or e.macros.get("cmd", "regress")  # stcox: e(cmd) is cox
    runner.execute(f"{cmd}{', ' + display if display else ''}")
    session.print(text.render_deviance(session.e.scalars["fp_dev"]))


def replay(session, args: str) -> None:
    """``mfp [, level(#) display_options]``: FracRep from e() (mfp_10's replay)."""
    from mlmcli.parser import parse_arguments

    e = session.e
    if e is None or e.macros.get("fp_cmd2") != "mfp":
        raise StataError("last estimates not found", 301)
    options = list(parse_arguments(args, "mfp").options)
    level = next((o.arg for o in options if o.arg is not None and len(o.name) >= 3
                  and "level".startswith(o.name)), None)
    rest = " ".join(o.name if o.arg is None else f"{o.name}({o.arg})" for o in options
                    if not (o.arg is not None and len(o.name) >= 3 and "level".startswith(o.name)))
    _display(session, level, rest)


def variables(session, command: str, text: str):
    """(depvar or None for stcox, the xvar terms): GetVL -- each variable its own term, a varlist
    in parentheses one term (a group, tested jointly); factor variables and operators refused."""
    import re

    ds = session.data
    if command != "stcox":
        first = text.split(None, 1)
        if not first or first[0].startswith("("):
            raise StataError("varlist required" if not first else "invalid syntax", 100 if not first else 198)
        y, text = ds.resolve(first[0]), (first[1] if len(first) > 1 else "")
    else:
        y = None
    terms: list[list[str]] = []
    for group, word in re.findall(r"\(([^()]*)\)|([^\s()]+)", text):
        if word and any(c in word for c in ".#") or any(c in group for c in ".#"):
            raise StataError("factor-variable and time-series operators not allowed", 101)
        if word:
            terms.extend([v] for v in ds.expand_varlist(word))
        elif not group.strip():
            raise StataError("empty () found", 198)
        else:
            names = [v for w in group.split() for v in ds.expand_varlist(w)]
            terms.append(names) if len(names) > 1 else terms.extend([names])
    if text.count("(") != text.count(")"):
        raise StataError("invalid syntax", 198)
    if not terms:
        raise StataError("varlist required", 102 if command != "stcox" else 100)
    return y, terms


def distribute(ds, text, names: list[str], option: str, low=None, high=None) -> dict:
    """mfp_10's FracDis: ``[value,] varlist:value [, varlist:value ...]`` (or ``=``) -> {name: value
    as typed}; a first item without a varlist gives every xvar its value; later items win."""
    out: dict = {}
    clusters = [c.strip() for c in str(text).split(",") if c.strip()]
    if len(clusters) > len(names):
        raise StataError(f"too many {option}() values specified", 198)
    for i, cluster in enumerate(clusters):
        sep = next((k for k, ch in enumerate(cluster) if ch in ":="), -1)
        if sep < 0:
            if i > 0:
                raise StataError(f"invalid {option}() value {cluster}, must be first item", 198)
            targets, value = list(names), cluster
        else:
            targets, value = _xvars(ds, cluster[:sep], names), cluster[sep + 1:].strip()
        if low is not None:
            try:
                number = float(value)
            except ValueError:
                raise StataError(f"invalid {option}() value {value}", 198) from None
            if number < low or (high is not None and number > high):
                raise StataError(f"{option}() value {value} out of allowed range", 198)
        for t in targets:
            out[t] = value
    return out


def _xvars(ds, text: str, names: list[str]) -> list[str]:
    """FracIn: each variable of ``text`` (or each group typed in parentheses) must be an xvar term."""
    import re

    out = []
    for group, word in re.findall(r"\(([^()]*)\)|([^\s()]+)", text):
        found = [" ".join(v for w in group.split() for v in ds.expand_varlist(w))] if group else \
            ds.expand_varlist(word)
        for v in found:
            if v not in names:
                raise StataError(f"{v} is not an xvar", 198)
            out.append(v)
    return out
