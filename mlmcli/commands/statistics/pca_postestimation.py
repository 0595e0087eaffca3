"""After ``pca``: ``estat loadings|kmo|smc|residuals|summarize`` (pca_estat.ado,
corr_kmo.ado, corr_smc.ado) and ``predict`` (pca_p.ado: score, fit, residual, q).
``rotate`` is in ``rotate``; estat rotatecompare/anti are refused as not implemented.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

# ---------------------------------------------------------------------- estat
def estat_pca(session, cmd) -> bool:
    """pca's own estat subcommands; False for the ones estat's common table handles."""
    from mlmcli.multivariate.components import kaiser_meyer_olkin
    from mlmcli.multivariate.eigen import correlation_from_covariance
    from mlmcli.render.multivariate import bordered_matrix
    from mlmcli.results.matrix import Matrix

    words = cmd.args.split()
    key = words[0]  # estat subcommands: case counts (pca_estat, factor_estat)
    if len(key) >= 2 and "summarize".startswith(key):  # pca_estat's Summarize: the variables of e(C)
        from dataclasses import replace

        from mlmcli.commands.postestimation.estat_common import estat_summarize
        if len(words) > 1:
            raise StataError("option varlist() invalid", 198)
        estat_summarize(session, replace(cmd, args=" ".join(["summarize", *session.e.matrices["C"].rownames])))
        if session.e.cmd == "factor":
            session.print("(Factor analysis correlation matrix)")
        elif session.e.macros.get("Ctype") == "correlation":
            session.print("(PCA of correlation matrix, i.e., based on standardized variables)")
        return True
    if key not in ("loadings", "kmo", "smc", "anti", "residuals", "rotatecompare") and not (
            len(key) >= 3 and ("loadings".startswith(key) or "rotatecompare".startswith(key)
                               or "residuals".startswith(key))):
        return False
    if len(words) > 1:
        raise StataError("invalid syntax", 198)
    e = session.e
    names = e.matrices["C"].rownames
    C = e.matrices["C"].values
    fmt_spec = [OptionSpec("format", 3, takes_arg=True)]
    if key == "kmo" or key == "smc":
        opts = resolve_options(cmd.options, fmt_spec + ([OptionSpec("novar", 5)] if key == "kmo" else []))
        fmt = display_format(opts, "%7.4f")
        R = correlation_from_covariance(C)
        if np.linalg.matrix_rank(R) < len(R):  # corr_kmo/corr_smc: syminv found a zero pivot
            raise StataError("correlation matrix is singular", 498)
        inverse_diag = np.diag(np.linalg.inv(R))
        if key == "smc":
            smc = 1.0 - 1.0 / inverse_diag
            session.print("\n".join(bordered_matrix(
                names, ("smc",), smc[:, None], fmt, rowtitle="Variable",
                title="Squared multiple correlations of variables with all other variables")))
            session.set_r({"smc": Matrix(smc[:, None], names, ("smc",))})
            return True
        per_variable, overall = kaiser_meyer_olkin(C)
        if opts.get("novar"):
            from mlmcli.render.numfmt import format_number
            session.print("\nKaiser-Meyer-Olkin measure of sampling adequacy (overall) = "
                          + format_number(overall, fmt))
            session.set_r({"kmo": overall})
            return True
        values = np.append(per_variable, overall)[:, None]
        session.print("\n".join(bordered_matrix(names + ("Overall",), ("kmo",), values, fmt, rowtitle="Variable",
                                                title="Kaiser-Meyer-Olkin measure of sampling adequacy",
                                                rowtotal=True)))
        session.set_r({"kmo": overall, "kmow": Matrix(values, names + ("Overall",), ("kmo",))})
        return True
    if key.startswith("loa"):
        return _estat_loadings(session, cmd, e, names) or True
    if key.startswith("res"):
        return _estat_residuals(session, cmd, e, names) or True
    raise StataError(f"estat {key} is not implemented in mlmcli", 199)


def _estat_residuals(session, cmd, e, names) -> None:
    """pca_estat's Residual: e(C) minus the fit L diag(ev) L' of the retained components."""
    from mlmcli.render.multivariate import bordered_matrix
    from mlmcli.results.matrix import Matrix

    opts = resolve_options(cmd.options, [OptionSpec("obs", 1), OptionSpec("fitted", 1),
                                         OptionSpec("format", 3, takes_arg=True)])
    if e.scalars.get("f", 0) == 0:
        raise StataError("no retained components", 198)
    fmt = display_format(opts, "%9.0g")
    L = e.matrices["L"].values
    ev = e.matrices["Ev"].values[0][:L.shape[1]]
    fit = L @ np.diag(ev) @ L.T
    fit = (fit + fit.T) / 2
    observed = e.matrices["C"].values
    residual = observed - fit
    residual = (residual + residual.T) / 2
    ctype = e.macros["Ctype"]
    out = []
    for flag, title, M in (("obs", f"Observed {ctype} matrix", observed), ("fitted", f"Fitted {ctype} matrix", fit),
                           (None, f"Residual {ctype} matrix", residual)):
        if flag is None or opts.get(flag):
            out += bordered_matrix(names, names, M, fmt, rowtitle="Variable", title=title, lower=True)
    session.print("\n".join(out))
    session.set_r({"residual": Matrix(residual, names, names), "fit": Matrix(fit, names, names)})


def display_format(opts: dict, default: str) -> str:
    from mlmcli.render.numfmt import is_valid_format
    if "format" not in opts:
        return default
    fmt = str(opts["format"]).strip()
    if not is_valid_format(fmt):
        raise StataError("invalid %format", 120)
    return fmt


def _estat_loadings(session, cmd, e, names) -> None:
    from mlmcli.render.multivariate import bordered_matrix
    from mlmcli.results.matrix import Matrix

    opts = resolve_options(cmd.options, [OptionSpec("cnorm", 2, takes_arg=True), OptionSpec("format", 3, takes_arg=True)])
    if e.scalars.get("f", 0) == 0:
        raise StataError("no components retained", 198)
    norm = str(opts.get("cnorm", "unit")).strip().lower()
    choices = {"unit": "sum of squares(column) = 1", "eigen": "sum of squares(column) = eigenvalue",
               "inveigen": "sum of squares(column) = 1/eigenvalue"}
    match = [c for c in choices if c.startswith(norm) and norm]
    if len(match) != 1:
        raise StataError(f"option {norm} not allowed", 198)
    norm = match[0]
    fmt = display_format(opts, "%8.4g")
    L = e.matrices["L"].values
    ev = e.matrices["Ev"].values[0][:L.shape[1]]
    scale = {"unit": np.ones_like(ev), "eigen": np.sqrt(ev), "inveigen": 1 / np.sqrt(ev)}[norm]
    A = L * scale
    comps = e.matrices["L"].colnames
    head = "Principal component loadings " + ("(unrotated)" if not e.macros.get("r_criterion") else "")
    out = ["", head.rstrip(), f"    component normalization: {choices[norm]}"]
    out += bordered_matrix(names, comps, A, fmt)
    session.print("\n".join(out))
    session.set_r({"norm": norm, "A": Matrix(A, names, comps)})


# ---------------------------------------------------------------------- predict
def scored_variables(session, e, what: str, not_numeric: str):
    """pca_p's and factor_p's checks: something retained, the analysed variables still there
    and numeric; (data, their names)."""
    if e.scalars.get("f", 0) == 0:
        raise StataError(f"no {what} retained", 321)
    ds = session.data
    names = list(e.matrices["C"].rownames)
    for v in names:
        if v not in ds.varnames:
            raise StataError("impossible to predict; variables not found", 111)
        if ds.is_string(v):
            raise StataError(not_numeric, 111)
    return ds, names


PREDICT_OPTIONS = [OptionSpec("fit", 1), OptionSpec("residual", 3), OptionSpec("score", 2), OptionSpec("q", 1),
                   OptionSpec("norm", 4, takes_arg=True), OptionSpec("norotated", 5), OptionSpec("notable", 5),
                   OptionSpec("format", 3, takes_arg=True), OptionSpec("center", 3)]


def predict_pca(session, e, cmd) -> None:
    """pca_p.ado: ``predict {stub*|newvarlist} [if] [in] [, score fit residual q norotated
    notable format(%fmt) center norm(unit|eigen|inveigen)]``."""
    from mlmcli.commands.postestimation.predict import rows_selected, store_prediction
    from mlmcli.multivariate.components import scoring_coefficients
    from mlmcli.render.multivariate import bordered_matrix
    from mlmcli.results.matrix import Matrix
    from mlmcli.syntax.varlist import check_new_name, parse_new_varlist

    ds, names = scored_variables(session, e, "components", "impossible to predict\npca variables no longer numeric")
    opts = resolve_options(cmd.options, PREDICT_OPTIONS)
    what = [w for w in ("fit", "q", "residual", "score") if opts.get(w)]
    if len(what) > 1:
        raise StataError(f"options {' and '.join(what)} are exclusive" if len(what) == 2 else
                         f"only one of {', '.join(what)} is allowed", 198)
    stat = what[0] if what else "score"
    f, p = int(e.scalars["f"]), len(names)
    vtype, new, stub = parse_new_varlist(cmd.args)
    if stub is not None:
        if stat == "q":
            raise StataError("one variable expected with option q", 198)
        new = [f"{stub}{j + 1}" for j in range(f if stat == "score" else p)]
    for name in new:
        check_new_name(ds, name)
    if stat in ("fit", "residual") and len(new) != p:
        raise StataError("number of new variables should equal number of variables in pca", 103 if len(new) > p else 102)
    if stat == "q" and len(new) != 1:
        raise StataError("one variable expected with option q", 103)
    rotated = bool(e.macros.get("r_criterion")) and not opts.get("norotated") and stat == "score"
    norm = "unit"
    if "norm" in opts:
        if rotated:
            session.print("(norm() implies norotated)")
            rotated = False
        norm = str(opts["norm"]).strip().lower()
        if norm not in ("unit", "eigen", "inveigen"):
            raise StataError(f"option {norm} not allowed", 198)
    L = e.matrices["r_L" if rotated else "L"].values
    ev = e.matrices["r_Ev" if rotated else "Ev"].values[0][:L.shape[1]]
    L = L * {"unit": np.ones_like(ev), "eigen": np.sqrt(ev), "inveigen": 1 / np.sqrt(ev)}[norm]
    Z = scoring_coefficients(L)
    if not what:
        session.print("(score assumed)")
    if stat == "score":
        if len(new) > f:
            session.print("(extra variables dropped)")
            new = new[:f]
        elif len(new) < f:
            session.print(f"({f - len(new)} components skipped)")
        if not opts.get("notable"):
            rtext = ""
            if e.macros.get("r_criterion"):
                rtext = (f"for {e.macros['r_class']} {e.macros['r_ctitle']} rotation" if rotated
                         else "for unrotated results")
            norm_text = {"unit": "1", "eigen": "eigenvalue", "inveigen": "1/eigenvalue"}[norm]
            out = ["", f"Scoring coefficients {rtext}".rstrip(), f"    sum of squares(column-loading) = {norm_text}"]
            out += bordered_matrix(names, e.matrices["L"].colnames, Z, display_format(opts, "%8.4f"), rowtitle="Variable")
            session.print("\n".join(out))
    rows = rows_selected(session, cmd)
    X = np.column_stack([ds.numeric(v) for v in names]).astype(float)
    means = e.matrices["means"].values[0]
    sds = e.matrices["sds"].values[0] if e.macros.get("Ctype") == "correlation" else np.ones(p)
    if stat == "score" and e.macros.get("Ctype") == "covariance" and not opts.get("center"):
        means = np.zeros(p)
    U = (X - means) / sds
    if stat == "score":
        scores = U @ Z
        for j, name in enumerate(new):
            store_prediction(session, name, np.where(rows, scores[:, j], np.nan), vtype,
                             f"Scores for component {j + 1}", report_missing=False)
    else:
        fitted_u = U @ (Z @ L.T)
        if stat == "q":
            store_prediction(session, new[0], np.where(rows, ((U - fitted_u) ** 2).sum(axis=1), np.nan), vtype,
                             "residual sum of squares", report_missing=False)
        else:
            fitted = means + sds * fitted_u
            for j, name in enumerate(new):
                values = fitted[:, j] if stat == "fit" else X[:, j] - fitted[:, j]
                label = (f"pca_fit({f}) for {names[j]}" if stat == "fit" else f"residual {names[j]}-pca_fit({f})")
                store_prediction(session, name, np.where(rows, values, np.nan), vtype, label, report_missing=False)
    session.set_r({"scoef": Matrix(Z, tuple(names), tuple(e.matrices["L"].colnames))})
