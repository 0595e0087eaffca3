"""``estadd margins [marginlist] [if] [in] [weight] [, margins options]`` (estadd.ado's
estadd_margins, read in benjann/estout): run ``margins`` with what is typed, then add every
result it returns in r() to the estimates as e(<prefix><name>), prefix ``margins_``: the
scalars, the macros, and the matrices, r(V) as the standard errors e(margins_se) (the square
roots of its diagonal).  ``esttab, cells(margins_b margins_se)`` then tabulates them (estout's
e() elements)."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError


def estadd_margins(session, rest, prefix: str, replace: bool, quiet: bool) -> None:
    import dataclasses

    from mlmcli.estimation import active as estimates
    from mlmcli.render.numfmt import format_number
    from mlmcli.results.matrix import Matrix
    from mlmcli.runner import Runner, current_runner

    text, passed = rest
    prefix = prefix or "margins_"
    e = estimates.active(session)
    runner = current_runner(session) or Runner(session)
    runner.execute(("quietly " if quiet else "") + f"margins {text.strip()}".rstrip() + (f", {passed}" if passed else ""))
    r = dict(session.r)
    scalars = {k: v for k, v in r.items() if isinstance(v, (int, float)) and not isinstance(v, bool)}
    macros = {k: v for k, v in r.items() if isinstance(v, str)}
    matrices = {("se" if k == "V" else k): v for k, v in r.items() if isinstance(v, Matrix)}
    if not replace:
        for name in list(scalars) + list(macros) + list(matrices):
            if any(prefix + name in t for t in (e.scalars, e.macros, e.matrices)):
                raise StataError(f"e({prefix}{name}) already defined", 110)
    if "se" in matrices:
        V = matrices["se"]
        se = np.sqrt(np.maximum(np.diag(np.asarray(V.values, float)), 0.0))
        matrices["se"] = Matrix(se[None, :], ("r1",), tuple(V.colnames))
    e = estimates.active(session)
    session.e = dataclasses.replace(e, scalars={**e.scalars, **{prefix + k: float(v) for k, v in scalars.items()}},
                                    macros={**e.macros, **{prefix + k: v for k, v in macros.items()}},
                                    matrices={**e.matrices, **{prefix + k: v for k, v in matrices.items()}})
    if quiet:
        return
    session.print("")
    session.print("added scalars:")
    for k, v in scalars.items():
        session.print(f"{f'e({prefix}{k}) = ':>25} {format_number(float(v), '%9.0g').strip()}")
    session.print("")
    session.print("added macros:")
    for k, v in macros.items():
        session.print(f'{f"e({prefix}{k}) : ":>25}"{v}"')
    session.print("")
    session.print("added matrices:")
    for k, v in matrices.items():
        rows, cols = np.atleast_2d(np.asarray(v.values)).shape
        session.print(f"{f'e({prefix}{k}) : ':>25} {rows} x {cols}")
