"""``estat wcorrelation`` after ``xtgee`` (and xtreg/xtlogit/xtpoisson/xtprobit/xtnbreg, pa):
the working correlation matrix e(R), as xtgee_estat.ado shows it.  ``estat wcorrelation`` after
mixed is ``estat_wcorrelation``'s, which hands xtgee's results here."""
from __future__ import annotations

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options


def estat_wcorrelation(session, cmd) -> None:
    """``estat wcorrelation [, format(%fmt) compact]`` after xtgee: the working correlation
    matrix e(R) (xtgee_estat.ado: a title line, then the matrix as ``matrix list, noheader``);
    r(R)."""
    from mlmcli.estimation.active import active
    from mlmcli.render.listings import render_matrix_list
    from mlmcli.render.numfmt import is_valid_format
    from mlmcli.results.matrix import Matrix
    from mlmcli.results.postestimation import MatrixListing

    e = active(session)
    if e.cmd != "xtgee":
        if e.cmd == "mixed":
            raise StataError("estat wcorrelation after mixed is not implemented in mlmcli", 199)
        raise StataError("invalid subcommand wcorrelation", 321)
    if len(cmd.args.split()) > 1 or cmd.if_exp or cmd.in_range:
        raise StataError("invalid syntax", 198)
    opts = resolve_options(cmd.options, [OptionSpec("format", 3, takes_arg=True), OptionSpec("compact", 4)])
    if opts.get("compact"):  # help xtgee postestimation: only the parameters (alpha) of R
        raise StataError("option compact is not implemented in mlmcli for estat wcorrelation; "
                         "the full matrix R is shown without it", 198)
    fmt = str(opts.get("format") or "%9.0g").strip()
    if not is_valid_format(fmt):
        raise StataError("invalid %format", 120)
    R = e.matrices["R"].values
    T = len(R)
    rows, cols = tuple(f"r{i + 1}" for i in range(T)), tuple(f"c{i + 1}" for i in range(T))
    listing = render_matrix_list(MatrixListing("R", R, rows, cols, symmetric=True, fmt=fmt))
    session.print("\n".join(["", f"Estimated within-{e.macros['ivar']} correlation matrix R:", ""]
                             + listing.split("\n")[2:]))
    session.set_r({"R": Matrix(R, rows, cols)})
