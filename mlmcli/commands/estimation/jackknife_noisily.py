"""``regress ..., vce(jackknife, noisily)``: regress's output of the full sample and of every
replicate, as jackknife.ado prints it (its ``noisily`` branch and the replicate loop's):

```
jackknife: First call to regress with data as is:
(blank)
. regress y x
<regress's output on the estimation sample>
(blank)
Jackknife replications (N)
. regress y x
<regress's output without observation (cluster) 1>
...
```

``noisily`` means no dots and, as ``_prefix_note`` is called with nodots, no "(running regress on
estimation sample)".  The line echoed is the command _vce_parserun hands to the prefix, rebuilt by
its _eqlist; mlm honours ``noisily`` only where that line is certain -- ``regress depvar
[indepvars]`` without if/in, weights or other options -- and not with ``reject()`` (whose message
in the loop names the caller jackknife.ado leaves undefined).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError


def check_noisily(cmd, opts: dict, leverage: dict) -> None:
    """The refusals of the module docstring, before anything is fitted."""
    others = [k for k, v in opts.items() if not k.startswith("_") and k != "vce" and v not in (None, False)]
    if cmd.if_exp or cmd.in_range or cmd.weight is not None or others or leverage.get("reject"):
        raise StataError("vce(jackknife, noisily) not supported by mlmcli with if, in, weights, reject() or "
                         "regress's other options: the command line the prefix echoes is rebuilt by "
                         "_vce_parserun", 198)


def noisily_text(y: np.ndarray, X: np.ndarray, codes: np.ndarray, *, labels: tuple, depvar: str,
                 constant: bool, command: str, linesize: int) -> str:
    """The text of the module docstring: regress (OLS) on every row, then without each
    replicate's rows (``codes``: each row's observation or cluster)."""
    from mlmcli.ols import fit_ols
    from mlmcli.render.regress_table import render_regress

    def table(rows: np.ndarray) -> str:
        fit = fit_ols(y[rows], X[rows], constant=constant, coef_labels=labels, depvar=depvar)
        return render_regress(fit.result(), linesize=linesize)

    echo = f". {command}"
    _, inv = np.unique(np.asarray(codes), return_inverse=True)
    G = int(inv.max()) + 1
    out = ["jackknife: First call to regress with data as is:", "", echo, table(np.ones(len(y), bool)),
           "", f"Jackknife replications ({G})"]
    for g in range(G):
        out += [echo, table(inv != g)]
    return "\n".join(out)


def typed_command(cmd) -> str:
    """``regress depvar indepvars`` as the prefix echoes it (words single-spaced)."""
    return " ".join(["regress"] + cmd.args.split())
