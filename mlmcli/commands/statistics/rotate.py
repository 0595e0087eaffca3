"""``rotate`` after pca (pca_rotate.ado) and factor (factor_rotate.ado), through rotatemat's
criteria: varimax (default), promax[(#)], oblimin[(#)], quartimin, quartimax; orthogonal
unless oblique (promax: always oblique); normalize = Kaiser normalization.

After pca: the retained eigenvectors rotated (``mlmcli.multivariate.rotation``), rotated
components re-sorted by their variance diag(L' C L), the rotation matrix (L'L)^-1 L' R_L;
e(r_L) e(r_T) e(r_Ev) e(r_class) e(r_criterion) e(r_ctitle) e(r_normalization) e(r_f).
After factor: ``factor_postestimation.store_factor_rotation``.  Other criteria and
rotatemat's init()/random/protect() are refused as not implemented.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

ROTATE_OPTIONS = [OptionSpec("varimax", 1), OptionSpec("promax", 1, takes_arg=True, arg_optional=True),
                  OptionSpec("normalize", 4), OptionSpec("components", 3, takes_arg=True),
                  OptionSpec("factors", 1, takes_arg=True), OptionSpec("blanks", 2, takes_arg=True),
                  OptionSpec("detail", 3), OptionSpec("orthogonal", 5), OptionSpec("oblique", 5),
                  OptionSpec("clear", 5), OptionSpec("altdivisor", 6),
                  OptionSpec("oblimin", 6, takes_arg=True, arg_optional=True), OptionSpec("quartimax", 9),
                  OptionSpec("quartimin", 9)]
_NOT_IMPLEMENTED = ("equamax", "parsimax", "entropy", "oblimax", "cf", "bentler", "tandem1", "tandem2",
                    "target", "partial", "kaiser", "horst", "vgpf", "init", "random", "protect")


def cmd_rotate(session, cmd) -> None:
    from mlmcli.estimation.active import active
    from mlmcli.render.multivariate import render_components
    from mlmcli.commands.statistics.pca import components_result, display_blanks
    from mlmcli.results.matrix import Matrix

    e = active(session)
    if e.cmd not in ("pca", "factor"):
        raise StataError("rotate is not available after " + e.cmd, 321)
    for opt in cmd.options:
        if opt.name in _NOT_IMPLEMENTED:
            raise StataError(f"rotate, {opt.name} is not implemented in mlmcli", 199)
    if cmd.args.strip():
        raise StataError("invalid syntax", 198)
    opts = resolve_options(cmd.options, ROTATE_OPTIONS)
    if opts.get("detail"):
        raise StataError("rotate, detail is not implemented in mlmcli", 199)
    if opts.get("altdivisor") and e.cmd != "factor":
        raise StataError("option altdivisor not allowed", 198)
    what = "components" if e.cmd == "pca" else "factors"
    if e.scalars.get("f", 0) == 0:
        raise StataError(f"no {what} retained", 321)
    from dataclasses import replace

    # a new results object: a copy kept by estimates store is not changed
    e = session.e = replace(e, scalars=dict(e.scalars), macros=dict(e.macros), matrices=dict(e.matrices))
    if opts.get("clear"):
        for key in ("r_class", "r_criterion", "r_ctitle", "r_normalization"):
            e.macros.pop(key, None)
        for key in ("r_L", "r_T", "r_Ev", "r_Phi"):
            e.matrices.pop(key, None)
        e.scalars.pop("r_f", None)
        return
    blanks = display_blanks(opts)
    f = int(e.scalars["f"])
    k = _rotated_count(opts, f)
    L = e.matrices["L"].values
    AT, T, criterion, rclass = rotation_of(session, L[:, :k], opts)
    normalize = bool(opts.get("normalize"))
    macros = {"r_class": rclass, "r_criterion": criterion.split("(")[0], "r_ctitle": criterion,
              "r_normalization": "kaiser" if normalize else "none"}
    if e.cmd == "factor":
        from mlmcli.commands.statistics.factor_postestimation import store_factor_rotation
        return store_factor_rotation(session, e, AT, T, k, macros, blanks, bool(opts.get("altdivisor")))
    r_L = np.column_stack([AT, L[:, k:]]) if k < f else AT
    C = e.matrices["C"].values
    variances = np.diag(r_L.T @ C @ r_L)
    order = np.argsort(-variances, kind="stable")
    R_L, R_Ev = r_L[:, order], variances[order]
    R_T = np.linalg.solve(L.T @ L, L.T @ R_L)
    comps = tuple(f"Comp{j + 1}" for j in range(f))
    names = e.matrices["C"].rownames
    e.matrices.update({"r_L": Matrix(R_L, names, comps), "r_T": Matrix(R_T, comps, comps),
                       "r_Ev": Matrix(R_Ev[None, :], ("r1",), comps)})
    e.macros.update(macros)
    e.scalars["r_f"] = float(f)
    session.print(render_components(components_result(e, blanks)))


def _rotated_count(opts: dict, f: int) -> int:
    if "components" in opts and "factors" in opts:
        raise StataError("factors() and components() are synonyms", 198)
    k = f
    for name in ("components", "factors"):
        if name in opts:
            try:
                k = int(str(opts[name]).strip())
            except ValueError:
                raise StataError(f"option {name}() invalid", 121) from None
            if not 1 <= k <= f:
                raise StataError(f"{name}(): invalid numlist has elements outside of allowed range", 125)
    return k


def rotation_of(session, LL: np.ndarray, opts: dict):
    """(AT, T, criterion title, class) of rotatemat's varimax or promax of ``LL``."""
    from mlmcli.multivariate.rotation import promax, varimax

    chosen = [c for c in ("varimax", "promax", "oblimin", "quartimax", "quartimin") if c in opts]
    if len(chosen) > 1:
        raise StataError("multiple rotation criteria specified", 198)
    if opts.get("orthogonal") and opts.get("oblique"):
        raise StataError("options orthogonal and oblique are mutually exclusive", 198)
    if LL.shape[0] < LL.shape[1]:
        raise StataError("number of variables should exceed number of factors", 503)
    normalize = bool(opts.get("normalize"))
    if "promax" in opts:
        if opts.get("orthogonal"):
            raise StataError("promax is always oblique", 198)
        power = 3.0 if opts["promax"] is True else _power(opts["promax"])
        if power > 4:
            session.print("(promax() > 4 is ill advised)")
        AT, T = promax(LL, power, normalize)
        return AT, T, f"promax({format_power(power)})", "oblique"
    if chosen and chosen[0] != "varimax":
        return _gradient_projection_rotation(session, LL, opts, chosen[0], normalize)
    if opts.get("oblique"):
        raise StataError("the varimax criterion is not suitable for oblique rotations", 496)
    AT, T = varimax(LL, normalize)
    return AT, T, "varimax", "orthogonal"


def _gradient_projection_rotation(session, LL, opts, criterion: str, normalize: bool):
    """rotatemat's GPF criteria: oblimin(#) (oblimin alone: gamma 0), quartimax (orthogonal
    only), quartimin; orthogonal unless ``oblique``."""
    from mlmcli.multivariate.rotation import gradient_projection

    oblique = bool(opts.get("oblique"))
    gamma, title = 0.0, criterion
    if criterion == "quartimax" and oblique:
        raise StataError("the quartimax criterion is not suitable for oblique rotations", 496)
    if criterion == "oblimin":
        if opts["oblimin"] is not True:
            text = str(opts["oblimin"]).strip()
            try:
                gamma = float(text)
            except ValueError:
                raise StataError("argument of oblimin() invalid", 198) from None
        else:
            text = "0"
        title = f"oblimin({text})"
    AT, T, converged = gradient_projection(LL, criterion, gamma, oblique, normalize)
    if not converged:
        session.print("    Warning: convergence not achieved")
    return AT, T, title, "oblique" if oblique else "orthogonal"


def _power(text) -> float:
    try:
        value = float(str(text).strip())
    except ValueError:
        raise StataError(f"'{text}' found where number expected", 7) from None
    if value < 1:
        raise StataError("promax() should be at least 1", 198)
    return value


def format_power(value: float) -> str:
    from mlmcli.render.numfmt import format_number
    return format_number(value, "%9.0g").strip()
