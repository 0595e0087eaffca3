"""``pca``: principal component analysis (Stata's pca.ado and pcamat.ado).

    pca varlist [if] [in] [, components(#) mineigen(#) correlation covariance blanks(#) means]

The correlation (default) or covariance matrix of the complete rows; variables without
variance are dropped with pca.ado's note.  Numbers from ``mlmcli.multivariate.components``
(eigenvectors signed with a positive sum, as Stata's ``matrix symeigen``); layout in
``mlmcli.render.multivariate``.  e(): N f rho trace lndet cond; e(L) e(Ev) e(Psi) e(C)
e(means) e(sds); e(Ctype) e(predict)=pca_p e(rotate_cmd) e(estat_cmd).  ``rotate``,
``estat`` and ``predict`` after pca are in ``pca_postestimation``.  Weights and vce(normal)
are refused (not implemented).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options
from mlmcli.syntax.varlist import counted_varlist

PCA_OPTIONS = [OptionSpec("components", 3, takes_arg=True), OptionSpec("factors", 2, takes_arg=True),
               OptionSpec("mineigen", 4, takes_arg=True), OptionSpec("correlation", 3),
               OptionSpec("covariance", 3), OptionSpec("blanks", 2, takes_arg=True), OptionSpec("means", 2),
               OptionSpec("vce", 3, takes_arg=True), OptionSpec("level", 1, takes_arg=True)]


def _positive_number(text, name: str, integer: bool) -> float:
    """numlist(max=1 >=0 [integer]): a bad value is ``invalid numlist`` r(121) as syntax words it."""
    try:
        value = float(str(text).strip())
    except ValueError:
        raise StataError(f"option {name}() invalid", 121) from None
    if value < 0:
        raise StataError(f"{name}(): invalid numlist has elements outside of allowed range", 125)
    if integer and value != int(value):
        raise StataError(f"{name}(): invalid numlist has noninteger elements", 126)
    return value


def display_blanks(opts: dict):
    if "blanks" not in opts:
        return None
    return _positive_number(opts["blanks"], "blanks", False)


def components_result(e, blanks=None, unrotated: bool = False):
    """The display of pca's e() (rotated when e(r_criterion) is set and not ``unrotated``)."""
    from mlmcli.results.multivariate import ComponentsResult

    m = e.matrices
    rotated = bool(e.macros.get("r_criterion")) and not unrotated
    names = tuple(m["C"].rownames)
    common = dict(ctype=e.macros["Ctype"], n=e.scalars["N"], retained=int(e.scalars["f"]), trace=e.scalars["trace"],
                  rho=e.scalars["rho"], unexplained=m["Psi"].values[0] if "Psi" in m else np.zeros(len(names)),
                  names=names, blanks=blanks)
    if not rotated:
        return ComponentsResult(rotation_text="", variances=m["Ev"].values[0],
                                loadings=m["L"].values if "L" in m else np.zeros((len(names), 0)),
                                title="Principal components (eigenvectors)"
                                if not e.macros.get("r_criterion") else
                                "Unrotated principal components (eigenvectors)", **common)
    kaiser = "on" if e.macros.get("r_normalization") in ("kaiser", "horst") else "off"
    text = f" {e.macros['r_class']} {e.macros['r_criterion']} (Kaiser {kaiser})"
    return ComponentsResult(rotation_text=text, variances=m["r_Ev"].values[0], loadings=m["r_L"].values,
                            title="Rotated components", orthogonal=e.macros["r_class"] == "orthogonal",
                            rotated=True, rotation_matrix=m["r_T"].values, **common)


def analysis_sample(session, cmd):
    """(names, rows, x) of pca's and factor's ``varlist(numeric) [if] [in]``: the complete rows
    (marksample) and their values; none is ``no observations`` r(2000)."""
    from mlmcli.commands.data.common import mark

    ds = session.data
    names = counted_varlist(ds, cmd.args, 1)
    for name in names:
        if ds.is_string(name):
            raise StataError(f"string variables not allowed in varlist;\n{name} is a string variable", 109)
    rows = mark(session, cmd, names)
    if not rows.any():
        raise StataError("no observations", 2000)
    return names, rows, np.column_stack([ds.numeric(v)[rows] for v in names]).astype(float)


def summary_statistics(session, cmd) -> None:
    """The ``means`` display option of pca and factor: "Summary statistics of the variables"
    and estat summarize's table without its header."""
    from dataclasses import replace

    from mlmcli.ast import Option
    from mlmcli.commands.postestimation.estat_common import estat_summarize

    session.print("\nSummary statistics of the variables")
    estat_summarize(session, replace(cmd, args=" ".join(["summarize", *session.e.matrices["C"].rownames]),
                                     options=(Option("noheader"),), if_exp=None, in_range=None))


def cmd_pca(session, cmd) -> None:
    from mlmcli.estimation.active import replay_results
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.multivariate.components import principal_components
    from mlmcli.multivariate.eigen import column_means, correlation_and_sds, covariance_matrix
    from mlmcli.render.multivariate import render_components
    from mlmcli.results.matrix import Matrix

    opts = resolve_options(cmd.options, PCA_OPTIONS)
    if not cmd.args.strip():
        e = replay_results(session, ("pca",))
        session.print(render_components(components_result(e, display_blanks(opts))))
        if opts.get("means"):
            summary_statistics(session, cmd)
        return
    if cmd.weight is not None:
        raise StataError("weights are not implemented in mlmcli for pca", 199)
    if "vce" in opts or "level" in opts:
        raise StataError("pca, vce(normal) is not implemented in mlmcli", 199)
    if opts.get("correlation") and opts.get("covariance"):
        raise StataError("options correlation and covariance are exclusive", 198)
    blanks = display_blanks(opts)
    ds = session.data
    names, rows, x = analysis_sample(session, cmd)
    n = int(rows.sum())
    if n == 1:
        raise StataError("insufficient observations", 2001)
    keep = []
    for j, name in enumerate(names):
        if x[:, j].max() > x[:, j].min():
            keep.append(j)
        else:
            session.print(f"({name} dropped because of zero variance)")
    if not keep:
        raise StataError("all variables dropped because of zero variance", 498)
    names, x = [names[j] for j in keep], x[:, keep]
    k = len(names)
    if k < 2:
        raise StataError("too few variables specified", 102)
    if "components" in opts and "factors" in opts:
        raise StataError("components() and factors() are synonyms", 198)
    which = "components" if "components" in opts else "factors"
    retain = k
    if which in opts:
        retain = int(_positive_number(opts[which], which, True))
        if not 1 <= retain <= k:
            raise StataError(f"{which}() should be between 1 and {k}", 125)
    mineigen = _positive_number(opts["mineigen"], "mineigen", False) if "mineigen" in opts else 1e-5
    ctype = "covariance" if opts.get("covariance") else "correlation"
    R, sds = correlation_and_sds(x)
    C = covariance_matrix(x) if ctype == "covariance" else R
    if not np.isfinite(C).all():  # covariances past the largest double (no Stata evidence for the message)
        raise StataError("matrix has missing values", 504)
    pc = principal_components(C, retain, mineigen)
    nf = pc.vectors.shape[1]
    comps = tuple(f"Comp{j + 1}" for j in range(k))
    cols = tuple(names)
    matrices = {"Ev": Matrix(pc.eigenvalues[None, :], ("r1",), tuple(f"Eigenvalues:{c}" for c in comps)),
                "C": Matrix(C, cols, cols), "means": Matrix(column_means(x)[None, :], ("mean",), cols)}
    if ctype == "correlation":
        matrices["sds"] = Matrix(sds[None, :], ("sd",), cols)
    scalars = {"N": float(n), "f": float(nf), "rho": pc.rho, "trace": pc.trace}
    if nf == 0:
        session.print("(no components retained)")
    else:
        matrices["L"] = Matrix(pc.vectors, cols, comps[:nf])
        matrices["Psi"] = Matrix(pc.unexplained[None, :], ("Unexplained",), cols)
        scalars.update({"lndet": pc.lndet, "cond": pc.cond})
    macros = {"cmd": "pca", "cmdline": f"pca {cmd.args}".strip(), "Ctype": ctype,
              "title": "Principal components", "predict": "pca_p", "rotate_cmd": "pca_rotate",
              "estat_cmd": "pca_estat", "marginsnotok": "_ALL", "properties": "nob noV eigen"}
    session.e = EstimationResults(cmd="pca", scalars=scalars, macros=macros, matrices=matrices, result=True,
                                  sample=rows.copy(), title="Principal components")
    session.e.stamp_sample(ds)
    session.print(render_components(components_result(session.e, blanks)))
    if opts.get("means"):
        summary_statistics(session, cmd)
