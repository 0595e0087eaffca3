"""After ``factor``: rotate's storage (factor_rotate.ado), ``predict`` (factor_p.ado:
regression and Bartlett scores) and ``estat common|structure|kmo|smc|summarize``
(factor_estat.ado).

Rotation: r_Phi = T'T (the factors' correlations), the variance of factor j the jth diagonal
element of Phi (L'L) Phi, factors re-sorted by it; e(r_L) e(r_T) e(r_Phi) e(r_Ev).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options


def store_factor_rotation(session, e, AT, T, k, macros, blanks, altdivisor) -> None:
    from mlmcli.commands.statistics.factor import factor_result
    from mlmcli.render.multivariate import render_factor
    from mlmcli.results.matrix import Matrix

    L = e.matrices["L"].values
    f = L.shape[1]
    r_L, r_T = AT, T
    if k < f:
        r_L = np.column_stack([AT, L[:, k:]])
        r_T = np.block([[T, np.zeros((k, f - k))], [np.zeros((f - k, k)), np.eye(f - k)]])
    r_Phi = r_T.T @ r_T
    r_Phi = (r_Phi + r_Phi.T) / 2
    r_Ev = np.diag(r_Phi @ (r_L.T @ r_L) @ r_Phi)
    order = np.argsort(-r_Ev, kind="stable")
    R_L, R_Ev, R_T = r_L[:, order], r_Ev[order], r_T[np.ix_(order, order)]
    R_Phi = R_T.T @ R_T
    R_Phi = (R_Phi + R_Phi.T) / 2
    names = e.matrices["C"].rownames
    factors = tuple(f"Factor{j + 1}" for j in range(f))
    e.matrices.update({"r_L": Matrix(R_L, names, factors), "r_T": Matrix(R_T, factors, factors),
                       "r_Phi": Matrix(R_Phi, factors, factors), "r_Ev": Matrix(R_Ev[None, :], ("r1",), factors)})
    e.macros.update(macros)
    e.scalars["r_f"] = float(f)
    session.print(render_factor(factor_result(e, blanks, altdivisor=altdivisor)))


def estat_factor(session, cmd) -> bool:
    """factor's own estat subcommands; False for estat's common table."""
    from mlmcli.commands.statistics.pca_postestimation import estat_pca
    from mlmcli.render.multivariate import bordered_matrix
    from mlmcli.results.matrix import Matrix

    words = cmd.args.split()
    key = words[0]  # estat subcommands: case counts (pca_estat, factor_estat)
    e = session.e
    if key in ("kmo", "smc") or (len(key) >= 2 and "summarize".startswith(key)):
        handled = estat_pca(session, cmd)
        return handled
    is_common = len(key) >= 3 and "common".startswith(key)
    is_structure = len(key) >= 3 and "structure".startswith(key)
    if len(key) >= 3 and "residuals".startswith(key):
        return _estat_residuals(session, cmd, e) or True
    if key == "anti" or (len(key) >= 3 and ("rotatecompare".startswith(key) or "factors".startswith(key))):
        raise StataError(f"estat {key} is not implemented in mlmcli", 199)
    if not (is_common or is_structure):
        return False
    if len(words) > 1:
        raise StataError("invalid syntax", 198)
    opts = resolve_options(cmd.options, [OptionSpec("norotated", 5), OptionSpec("format", 3, takes_arg=True)])
    from mlmcli.commands.statistics.pca_postestimation import display_format
    rotated_available = bool(e.macros.get("r_criterion"))
    if opts.get("norotated") and not rotated_available:
        raise StataError("no rotated results available", 198)
    if e.scalars.get("f", 0) == 0:
        session.print("(no factors retained)")
        return True
    use_rotated = rotated_available and not opts.get("norotated")
    text = (f"{e.macros['r_ctitle']} rotated " if use_rotated else "unrotated " if rotated_available else "")
    f = int(e.scalars["f"])
    factors = tuple(f"Factor{j + 1}" for j in range(f))
    Phi = e.matrices["r_Phi"].values if use_rotated else np.eye(f)
    if is_common:
        shown = np.where(np.abs(Phi) < 1e-8, 0.0, Phi)
        session.print("\n".join(bordered_matrix(factors, factors, shown,
                                                display_format(opts, "%8.4g"), rowtitle="Factors",
                                                title=f"Correlation matrix of the {text}common factors", lower=True)))
        session.set_r({"Phi": Matrix(Phi, factors, factors)})
        return True
    L = e.matrices["r_L"].values @ Phi if use_rotated else e.matrices["L"].values
    names = e.matrices["C"].rownames
    session.print("\n".join(bordered_matrix(
        names, factors, L, display_format(opts, "%8.4f"), rowtitle="Variable",
        title=f"Structure matrix: correlations between variables and {text}common factors")))
    session.set_r({"st": Matrix(L, names, factors)})
    return True


PREDICT_OPTIONS = [OptionSpec("bartlett", 1), OptionSpec("regression", 3), OptionSpec("norotated", 5),
                   OptionSpec("notable", 5), OptionSpec("format", 3, takes_arg=True)]


def predict_factor(session, e, cmd) -> None:
    """factor_p.ado: ``predict {stub*|newvarlist} [if] [in] [, regression bartlett norotated
    notable format(%fmt)]``."""
    from mlmcli.commands.postestimation.predict import rows_selected, store_prediction
    from mlmcli.commands.statistics.pca_postestimation import display_format, scored_variables
    from mlmcli.multivariate.factor_analysis import bartlett_scoring, regression_scoring
    from mlmcli.render.multivariate import bordered_matrix
    from mlmcli.results.matrix import Matrix
    from mlmcli.syntax.varlist import check_new_name, parse_new_varlist

    ds, names = scored_variables(session, e, "factors", "impossible to predict;\nfactor variables no longer numeric")
    opts = resolve_options(cmd.options, PREDICT_OPTIONS)
    if opts.get("bartlett") and opts.get("regression"):
        raise StataError("options bartlett and regression are exclusive", 198)
    rotated = bool(e.macros.get("r_criterion"))
    use_rotated = rotated and not opts.get("norotated")
    rtext = (f"; based on {e.macros['r_ctitle']} rotated factors" if use_rotated
             else "; based on unrotated factors" if rotated else "")
    f = int(e.scalars["f"])
    vtype, new, stub = parse_new_varlist(cmd.args)
    if stub is not None:
        new = [f"{stub}{j + 1}" for j in range(f)]
    if len(new) > f:
        new = new[:f]
    for name in new:
        check_new_name(ds, name)
    if not opts.get("bartlett") and not opts.get("regression"):
        session.print("(option regression assumed; regression scoring)")
    if len(cmd.args.split()) > f and stub is None:
        session.print("(excess variables dropped)")
    L = e.matrices["r_L" if use_rotated else "L"].values
    Phi = e.matrices["r_Phi"].values if use_rotated else np.eye(f)
    if opts.get("bartlett"):
        title, SC = "Bartlett", bartlett_scoring(L, e.matrices["Psi"].values[0])
    else:
        title, SC = "regression", regression_scoring(e.matrices["C"].values, L, Phi)
    factors = tuple(f"Factor{j + 1}" for j in range(f))
    if not opts.get("notable"):
        lines = bordered_matrix(names, factors, SC, display_format(opts, "%8.5f"), rowtitle="Variable",
                                title=f"Scoring coefficients (method = {title}{rtext})")
        session.print("\n".join(lines + [""]))
    rows = rows_selected(session, cmd)
    X = np.column_stack([ds.numeric(v) for v in names]).astype(float)
    U = (X - e.matrices["means"].values[0]) / e.matrices["sds"].values[0]
    scores = U @ SC
    for j, name in enumerate(new):
        store_prediction(session, name, np.where(rows, scores[:, j], np.nan), vtype, f"Scores for factor {j + 1}",
                         report_missing=False)
    session.set_r({"method": title, "scoef": Matrix(SC, tuple(names), factors)})


def _estat_residuals(session, cmd, e) -> None:
    """factor_estat's Residuals: e(C) minus L L' + diag(Psi) of the unrotated solution;
    sresiduals: each divided by sqrt((F_ij^2 + F_ii F_jj) / N) (Bollen 1989)."""
    from mlmcli.commands.statistics.pca_postestimation import display_format
    from mlmcli.render.multivariate import bordered_matrix
    from mlmcli.results.matrix import Matrix

    words = cmd.args.split()
    if len(words) > 1:
        raise StataError("invalid syntax", 198)
    opts = resolve_options(cmd.options, [OptionSpec("obs", 1), OptionSpec("fitted", 1), OptionSpec("sresiduals", 2),
                                         OptionSpec("format", 3, takes_arg=True)])
    fmt = display_format(opts, "%7.4f")
    names = e.matrices["C"].rownames
    psi = np.diag(e.matrices["Psi"].values[0])
    fit = e.matrices["L"].values @ e.matrices["L"].values.T + psi if e.scalars.get("f", 0) > 0 else psi
    observed = e.matrices["C"].values
    residual = observed - fit
    out = []
    common = dict(rowtitle="Variable", lower=True)
    if opts.get("obs"):
        out += bordered_matrix(names, names, observed, fmt, title="Observed correlations", **common)
    if opts.get("fitted"):
        out += bordered_matrix(names, names, fit, fmt, title='Fitted ("reconstructed") values for correlations',
                               **common)
    r = {"fit": Matrix(fit, names, names), "res": Matrix(residual, names, names)}
    if opts.get("sresiduals"):
        d = np.diag(fit)
        standardized = residual / np.sqrt((fit ** 2 + np.outer(d, d)) / e.scalars["N"])
        out += bordered_matrix(names, names, standardized, fmt, title="Standardized residuals of correlations",
                               **common)
        r["SR"] = Matrix(standardized, names, names)
    else:
        out += bordered_matrix(names, names, residual, fmt, title="Raw residuals of correlations (observed-fitted)",
                               **common)
    session.print("\n".join(out))
    session.set_r(r)
