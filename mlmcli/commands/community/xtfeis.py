"""``xtfeis depvar indepvars [if] [in] [, slope(varlist) noconstant i(varname) t(varname)
cluster(varname)]`` (Volker Ludwig, SSC, xtfeis.ado 2.0 of 16apr2019): linear fixed effects with
individual-specific slopes (FEIS; Ruettenauer and Ludwig 2020, Sociological Methods & Research).

As the ado: i() and t() default to xtset's panel and time variables (r(198) without them);
the panels must be nested in cluster() (r(198)); the sample is the rows without missing values
in the variables, slope(), i() and cluster(), of panels with at least (words in slope()) + 1
(+ 1 with the constant) such rows.  Within each panel every variable is replaced by its
residual from a regression on the slope variables and a constant (the residual maker
I - Z (Z'Z)^- Z'); b = invsym(X'X) X'y on the transformed data.  Conventional variance: rss /
(N - (G cols(Z) + cols(X) - 1)) invsym(X'X), df = N minus that count.  cluster(): _robust on the
transformed residuals with minus(cols(Z) + cols(X) - 1), i.e. invsym(X'X) sum_c (X_c'u_c)(...)'
invsym(X'X) (N-1)/(N-k) M/(M-1), df M - 1.  cols(X) counts every column of the expanded
varlist, base levels included (the ado's st_data of the fvunab'd tokens).  The names are those
of ``regress depvar indepvars, noconstant`` on the sample, posted by ``ereturn post ...,
findomitted``: a variable constant within every panel (a zero column after the transform) is
omitted.  e(r2_w) = 1 - rss / sum(transformed y^2).  A transformed column is taken as exactly
zero when its sum of squares is below 1e-20 of the untransformed one (mlm's decision: in
floating point a variable constant within panels leaves residuals of order 1e-16 that an
inverse would otherwise keep).

Kept out (refused): sp, transformed() and addsp() (the average slope parameters and the added
variables), and weights (the ado takes none).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

OPTIONS = [OptionSpec("slope", 2, True), OptionSpec("noconstant", 3), OptionSpec("i", 1, True),
           OptionSpec("t", 1, True), OptionSpec("cluster", None, True), OptionSpec("sp", None),
           OptionSpec("transformed", 5, True), OptionSpec("addsp", 3, True)]
TITLE = "Fixed-effects regression with individual-specific slopes (FEIS)"


def _one_variable(ds, text: str) -> str:
    words = str(text).split()
    if len(words) != 1:
        raise StataError("too many variables specified" if words else "varlist required", 103 if words else 100)
    return ds.resolve(words[0])


def _panel_variable(ds, opts, key: str, setting, message: str) -> str:
    if opts.get(key) not in (None, True):
        return _one_variable(ds, opts[key])
    name = setting(ds)
    if name is None:
        raise StataError(message + f"\nuse option -{key}()- or command -xtset-", 198)
    return name


def _columns(ds, terms, sample):
    """(names as regress posts them, every column of the expansion on the sample rows: base
    levels and collinear columns included, as the ado's st_data reads them)."""
    from mlmcli.factor_variables import SampleFactors, build_design, design_layout, evaluate_recipes

    design = build_design(ds, terms, sample, constant=False)
    layout = design_layout(ds, terms, SampleFactors(ds, sample))
    n = int(sample.sum())
    cols = []
    for kind, _, _, cand in layout:
        if kind == "column":
            cols.append(evaluate_recipes(ds, [cand.recipe], sample)[:, 0])
        else:
            cols.append(np.zeros(n))
    names = [lab.name for lab in design.labels]
    return names, (np.column_stack(cols) if cols else np.empty((n, 0)))


def invsym_values(A: np.ndarray) -> np.ndarray:
    from mlmcli.expr.matrix_algebra import Mat, invsym

    names = tuple(f"c{k}" for k in range(A.shape[0]))
    return invsym(Mat(A, names, names)).values


def panel_projection(W: np.ndarray, Z: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Each panel's fit of W's columns on Z, z (z'z)^-1 z'w with invsym's inverse (the ado's
    per-panel loop), for all panels at once; ``groups`` the panel codes 0..G-1."""
    from mlmcli.expr.matrix_algebra import invsym_stack

    G, p = int(groups.max()) + 1 if groups.size else 0, Z.shape[1]
    ZZ = np.empty((G, p, p))
    ZW = np.empty((G, p, W.shape[1]))
    for i in range(p):
        for j in range(i, p):
            ZZ[:, i, j] = ZZ[:, j, i] = np.bincount(groups, weights=Z[:, i] * Z[:, j], minlength=G)
        for k in range(W.shape[1]):
            ZW[:, i, k] = np.bincount(groups, weights=Z[:, i] * W[:, k], minlength=G)
    coef = invsym_stack(ZZ) @ ZW
    return np.einsum("np,npk->nk", Z, coef[groups])


def feis(y, X, Z, groups):
    """(b, residuals, transformed y, transformed X) of the FEIS regression; ``groups`` the
    panel codes 0..G-1 of the rows."""
    W = np.column_stack([y, X])
    tW = W - panel_projection(W, Z, groups)
    ty, tX = tW[:, 0], tW[:, 1:]
    raw = (X ** 2).sum(axis=0)
    tX[:, (tX ** 2).sum(axis=0) <= 1e-20 * raw] = 0.0
    b = invsym_values(tX.T @ tX) @ (tX.T @ ty)
    return b, ty - tX @ b, ty, tX


def cmd_xtfeis(session, cmd) -> None:
    from mlmcli.commands.estimation.common import depvar_and_terms
    from mlmcli.panel.time_settings import panel_setting, time_setting
    from mlmcli.factor_terms import parse_terms, term_variables
    from mlmcli.sample import mark_sample

    ds = session.data
    if cmd.weight is not None:
        raise StataError("weights not allowed", 101)
    opts = resolve_options(cmd.options, OPTIONS)
    for name in ("sp", "transformed", "addsp"):
        if opts.get(name) is not None:
            raise StataError(f"option {name}() not allowed; mlm's xtfeis has no slope-parameter output"
                             if name != "sp" else "option sp not allowed; mlm's xtfeis has no slope-parameter output",
                             198)
    depvar, terms = depvar_and_terms(session, cmd.args)
    if not terms:
        raise StataError("too few variables specified", 102)
    ivar = _panel_variable(ds, opts, "i", panel_setting, "you must specify a group variable to identify panels")
    _panel_variable(ds, opts, "t", time_setting, "you must specify a time variable")
    cluster = _one_variable(ds, opts["cluster"]) if opts.get("cluster") not in (None, True) else None
    if cluster is not None:
        panels, clusters = ds.numeric(ivar), ds.df[cluster].to_numpy()
        order = np.lexsort((ds.numeric(_panel_variable(ds, opts, "t", time_setting, "")), panels))
        p, c = panels[order], clusters[order]
        if np.any((p[1:] == p[:-1]) & (c[1:] != c[:-1])):
            raise StataError("group variable i must be nested within clusters", 198)
    slope_text = str(opts.get("slope") or "").strip() if opts.get("slope") is not True else ""
    constant = opts.get("noconstant") is None
    if not constant and not slope_text:
        raise StataError("you must specify a slope variable or allow for individual constant", 198)
    slope_terms = parse_terms(ds, slope_text) if slope_text else []
    markout = term_variables(terms) + term_variables(slope_terms) + [ivar] + ([cluster] if cluster else [])
    touse = np.asarray(mark_sample(session, cmd, [depvar] + markout), bool)
    panel_values = ds.numeric(ivar)
    need = len(slope_text.split()) + 1 + (1 if constant else 0)
    _, code = np.unique(panel_values, return_inverse=True)
    counts = np.bincount(code, weights=touse.astype(float))
    touse &= counts[code] >= need
    if not touse.any():
        raise StataError("no observations", 2000)
    names, X = _columns(ds, terms, touse)
    Z = _columns(ds, slope_terms, touse)[1] if slope_terms else np.empty((int(touse.sum()), 0))
    if constant:
        Z = np.column_stack([Z, np.ones(len(Z))])
    y = ds.numeric(depvar)[touse]
    _, groups = np.unique(panel_values[touse], return_inverse=True)
    b, u, ty, tX = feis(y, X, Z, groups)
    G, N = int(groups.max()) + 1, len(y)
    D = invsym_values(tX.T @ tX)
    if cluster is None:
        mindf = G * Z.shape[1] + X.shape[1] - 1
        with np.errstate(divide="ignore", invalid="ignore"):  # no residual df: Stata's x/0 is missing
            V = float(u @ u) / (N - mindf) * D if N > mindf else np.full_like(D, np.nan)
        df_r = N - mindf
    else:
        mindf = Z.shape[1] + X.shape[1] - 1
        from mlmcli.robust.cluster_sandwich import cluster_index, cluster_sandwich

        ccode, M = cluster_index(ds.df[cluster].to_numpy()[touse])
        # _robust's scores: u times the untransformed x; M/(M-1) (N-1)/(N-mindf)
        V = cluster_sandwich(D, X * u[:, None], ccode, extra=(N - 1) / (N - mindf), n_clusters=M)
        df_r = M - 1
    sizes = np.bincount(groups)
    results = {"N": N, "N_g": G, "g_min": int(sizes.min()), "g_avg": N / G, "g_max": int(sizes.max()),
               "r2_w": 1 - (u @ u) / (ty @ ty)}
    _post(session, cmd, depvar, names, b, (V + V.T) / 2, touse, df_r, results, ivar, slope_text, cluster, constant)


def _post(session, cmd, depvar, names, b, V, touse, df_r, results, ivar, slope_text, cluster, constant) -> None:
    """The ado's ``ereturn post beta Var, esample() depname() dof() findomitted buildfvinfo``,
    its e() results and its header, then ``ereturn display, noempty``."""
    from mlmcli.commands.estimation.common import ereturn_post

    runner = ereturn_post(session, depvar, names, b, V, touse, f"dof({df_r}) findomitted buildfvinfo")
    e = session.e
    e.macros["ivar"] = ivar
    e.scalars.update({k: float(v) for k, v in results.items()})
    from mlmcli.commands.estimation.common import typed_command

    e.macros.update({"cmd": "xtfeis", "cmdline": f"xtfeis {typed_command(cmd, 'xtfeis').split(None, 1)[-1]}",
                     "depvar": depvar, "indepvar": " ".join(cmd.args.split()[1:]), "slopevar": slope_text,
                     "vcetype": "cluster" if cluster else "conventional", "noconstant": "" if constant else "1"})
    lines = [f'di _n in gr "{TITLE}" _n',
             f'di in gr "Group variable: " in ye abbrev("{ivar}",12) in gr _col(49) in gr "Number of obs" '
             '_col(68) "=" _col(70) in ye %9.0f e(N)',
             'di in gr _col(49) "Number of groups" _col(68) "=" _col(70) in ye %9.0g e(N_g) _n',
             'di in gr "R-sq:  within  = " in ye %6.4f e(r2_w) _col(49) in gr "Obs per group: min" _col(68) "=" '
             '_col(70) in ye %9.0g e(g_min)',
             'di in gr _col(64) in gr "avg" _col(68) "=" _col(70) in ye %9.1f e(g_avg)',
             'di in gr _col(64) in gr "max" _col(68) "=" _col(70) in ye %9.0g e(g_max) _n']
    if cluster:
        lines.append(f'di _n in gr "Standard errors adjusted for clusters in " in gr "{cluster}" _n')
    lines.append("ereturn display, noempty")
    for line in lines:
        runner.execute(line)
