"""``collin``'s display (collin.ado 1.5.1): the VIF table, the eigenvalues and condition
indexes, the condition number and det(R)."""
from __future__ import annotations

from mlmcli.render.numfmt import format_number


def render_collin(res, rinv: bool = False) -> str:
    f = format_number
    lines = ["", "  Collinearity Diagnostics", "",
             "                        SQRT                   R-",
             "  Variable      VIF     VIF    Tolerance    Squared", "-" * 52]
    for name, vif in zip(res.names, res.vif):
        lines.append(f"{name:>10}" + f(vif, "%10.2f") + f(vif ** 0.5, "%8.2f") + "  " + f(1 / vif, "%8.4f")
                     + "  " + f(1 - 1 / vif, "%10.4f"))
    lines += ["-" * 52, f"{'Mean VIF':>10}" + f(res.mean_vif, "%10.2f"), "",
              "                           Cond", "        Eigenval          Index", "-" * 33]
    for i, (ev, ci) in enumerate(zip(res.eigenvalues, res.condition_index), 1):
        lines.append(f"    {i}   " + f(ev, "%8.4f") + " " + f(ci, "%15.4f"))
    lines += ["-" * 33, " Condition Number" + f(res.condition_number, "%15.4f") + " ",
              " Eigenvalues & Cond Index computed from " + res.basis,
              " Det(correlation matrix)" + f(res.det, "%10.4f")]
    if rinv:
        from mlmcli.render.listings import render_matrix_list
        from mlmcli.results.postestimation import MatrixListing

        lines += ["", "Inverse of correlation matrix", render_matrix_list(MatrixListing(
            "", res.r_inverse, res.names, res.names, symmetric=True, header=False))]
    return "\n".join(lines)
