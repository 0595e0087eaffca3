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
estimation sample)".  The line echoed is jackknife's ``s(command)``: _vce_parserun reads regress's
line with ``syntax ... [if/]`` and hands on ``if (exp)``; its _eqlist rebuilds the varlist with
``tsunab``/``fvunab`` (abbreviations and wildcards expanded) and ``_rmcoll``; _prefix_command then
joins ``cmdname anything wgt if in`` and ``:list retok``s it (runs of blanks made one).  So
``regress y x if x>2 in 1/50`` is echoed ``regress y x if (x>2) in 1/50``.  mlm honours ``noisily``
where that line and each replicate's regress output are certain: not with weights (each
replicate's weighted regress output), regress's other options, ``reject()`` (whose message in
the loop names the caller jackknife.ado leaves undefined), ``nodrop`` with ``n()``/``nocount``
together with if/in, or a regressor dropped for collinearity (_rmcoll rewrites it ``o.``).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError


def check_noisily(cmd, opts: dict, leverage: dict, *, nodrop: bool = False, labels: tuple = ()) -> None:
    """The refusals of the module docstring, before anything is fitted."""
    others = [k for k, v in opts.items() if not k.startswith("_") and k != "vce" and v not in (None, False)]
    if cmd.weight is not None or others or leverage.get("reject"):
        raise StataError("vce(jackknife, noisily) not supported by mlmcli with weights, reject() or "
                         "regress's other options: the command line the prefix echoes is rebuilt by "
                         "_vce_parserun", 198)
    if nodrop and (cmd.if_exp or cmd.in_range):
        raise StataError("vce(jackknife, noisily) not supported by mlmcli with if or in and nodrop n()|nocount",
                         198)
    if any(lab.omitted and not lab.base for lab in labels):
        raise StataError("vce(jackknife, noisily) not supported by mlmcli with collinear regressors: "
                         "the command line the prefix echoes is rebuilt by _rmcoll", 198)


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


def echoed_command(ds, cmd, weight_kind: str | None = None) -> str:
    """``regress depvar indepvars [wtype= exp] [if (exp)] [in range]`` as the prefix echoes it and
    saving() records it in ``_dta[jk_command]`` (module docstring; ``[`weight'`exp']`` with
    syntax's ``exp`` "= exp").  regress's other options are not written."""
    words = ["regress"] + _unabbreviated(ds, cmd.args)
    if cmd.weight is not None and weight_kind:
        words.append(f"[{weight_kind}= {_retok(cmd.weight.exp)}]")
    if cmd.if_exp:
        words.append(f"if ({_retok(cmd.if_exp)})")
    if cmd.in_range is not None:
        r = cmd.in_range
        words.append(f"in {r.first}" + (f"/{r.last}" if r.last else ""))
    return " ".join(words)


def _unabbreviated(ds, args: str) -> list[str]:
    """tsunab/fvunab's varlist: names in full, wildcards and ranges expanded; an operator's
    variable (``i.sec``, ``L.x``) in full after its operator; interactions as typed."""
    from mlmcli.dataset import join_dashes

    out: list[str] = []
    for tok in join_dashes(args.split()):
        head, dot, name = tok.rpartition(".")
        if "#" in tok or "(" in tok:
            out.append(tok)
        elif dot and name.isidentifier():
            out.append(f"{head}.{ds.resolve(name)}")
        elif dot:
            out.append(tok)
        else:
            out.extend(ds.expand_varlist([tok]))
    return out


def _retok(text: str) -> str:
    """``:list retok``: runs of blanks outside double quotes made one, the ends trimmed."""
    out, quoted, blank = [], False, False
    for ch in text.strip():
        if ch == '"':
            quoted = not quoted
        if ch.isspace() and not quoted:
            blank = True
            continue
        if blank:
            out.append(" ")
            blank = False
        out.append(ch)
    return "".join(out)
