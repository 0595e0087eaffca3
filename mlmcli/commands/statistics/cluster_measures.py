"""``cluster measures varlist [if] [in], compare(numlist) generate(newvarlist) [measure]``
([MV] cluster programming utilities; cluster_measures.ado): the dissimilarity of each
observation to each compared observation, one new variable per compare() number.
r(distance), r(dtype), r(compare), r(generate) (r(binary) is empty for these measures).  propvars and propcompares
(binary measures) are refused with those measures."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError


def cluster_measures(session, cmd) -> None:
    from mlmcli.commands.data.common import mark
    from mlmcli.commands.statistics.cluster_variables import height_variable, numeric_varlist
    from mlmcli.multivariate.cluster_analysis import pairwise, parse_measure
    from mlmcli.syntax.numlist import numlist
    from mlmcli.syntax.varlist import check_new_name

    ds = session.data
    names = numeric_varlist(ds, cmd.args, default_all=False)
    compare, generate, measure = None, None, None
    for option in cmd.options:
        word = option.name
        if len(word) >= 4 and "compare".startswith(word) and option.arg is not None:
            compare = option.arg
        elif len(word) >= 3 and "generate".startswith(word) and option.arg is not None:
            generate = option.arg.split()
        elif word in ("propvars", "propcompares"):
            raise StataError(f"{word} is not implemented in mlm (binary measures only)", 198)
        else:
            if measure is not None:
                raise StataError("only one measure may be specified", 198)
            measure = parse_measure(word + (f"({option.arg})" if option.arg is not None else ""))
    if compare is None:
        raise StataError("option compare() required", 198)
    if generate is None:
        raise StataError("option generate() required", 198)
    values = numlist(compare)
    if any(v != int(v) or v < 1 for v in values):
        raise StataError("invalid numlist has elements outside of allowed range", 125)
    targets = [int(v) for v in values]
    if len(targets) != len(generate):
        raise StataError("need the same number of compare() arguments as generate() arguments", 198)
    for new in generate:
        check_new_name(ds, new)
    if len(set(generate)) != len(generate):
        raise StataError(f"variable {generate[0]} already defined", 110)
    if any(t > ds.nobs for t in targets):
        raise StataError("compare() arguments must be between 1 and the number of observations", 125)
    measure = measure or "L2"
    rows = mark(session, cmd, names)
    x = np.column_stack([ds.numeric(n) for n in names]).astype(float)
    columns = []
    for target, new in zip(targets, generate):
        out = np.full(ds.nobs, np.nan)
        if not np.isnan(x[target - 1]).any():  # a compared observation with a missing value: all missing
            out[rows] = pairwise(x[rows], x[target - 1:target], measure)[:, 0]
        columns.append((new, out))
    for new, out in columns:
        height_variable(ds, new, out)
    session.set_r({"distance": measure, "dtype": "dissimilarity",  # r(binary): empty, so not stored
                   "compare": " ".join(str(t) for t in targets), "generate": " ".join(generate)})
