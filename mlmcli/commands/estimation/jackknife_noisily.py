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
``regress y x if x>2 in 1/50`` is echoed ``regress y x if (x>2) in 1/50``, with weights
``regress y x [pweight= w] if (x>2)`` (syntax's ``exp`` is "= exp").

Each replicate's regress is run with the weights the prefix's loop gives it: fweights one copy
less (_loop_jknife_fw), pweights and iweights the others' times G/(G-1) (_loop_jknife_iw), and
aweights as typed without the replicate's rows (_loop_jknife): its output is regress's with
those weights -- with aweights and pweights regress's ``(sum of wgt is ...)`` line first (the
rescaled pweights' sum), with iweights ``Number of obs`` the integer part of their sum.  Under
``nodrop`` with ``n()``/``nocount`` an if/in observation regress drops is a replicate too: its
regress leaves out nothing and prints the full sample's table.

regress's ``noconstant`` is echoed ``, noconstant`` (_eqspec writes it in full) and each regress
runs with it; ``level()`` is the prefix's (ParseCommand takes it out of the line) and the
replicates' tables keep the default level.  A replicate ``reject()`` rejects is followed by the
loop's message, ``rejected results from regress, posting missing values`` (``REJECTED``).

A regressor collinear with others is _rmcoll's: _vce_parserun's _eqlist runs it before the prefix
(its ``note: x3 omitted because of collinearity`` printed once, before everything else) and
writes it ``o.x3`` in the line, so every regress omits it without a note (the table's ``(omitted)``
row).

mlm refuses ``noisily`` where that output is not certain: regress's other options (display
options stay in the echoed line but leave the replicates' tables), collinear factor-variable
terms (how _rmcoll writes them), a replicate whose leaving out makes the regressors collinear
(regress's note and the loop's message), and an fweight replicate whose regress fails (a zero
frequency less one: regress's own error message).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError


def check_noisily(cmd, opts: dict, leverage: dict, *, nodrop=None, labels: tuple = ()) -> None:
    """The refusals of the module docstring, before anything is fitted."""
    others = [k for k, v in opts.items()
              if not k.startswith("_") and k not in ("vce", "noconstant", "level") and v not in (None, False)]
    if others:
        raise StataError("vce(jackknife, noisily) not supported by mlmcli with regress's options other than "
                         "noconstant and level(): the command line the prefix echoes is rebuilt by "
                         "_vce_parserun", 198)
    if nodrop is not None and nodrop.failed is not None and nodrop.failed.any():
        raise StataError("vce(jackknife, noisily) not supported by mlmcli when a replicate's regress fails "
                         "(a zero frequency less one)", 198)
    if any(lab.omitted and not lab.base and not _omitted_variable(lab.name) for lab in labels):
        raise StataError("vce(jackknife, noisily) not supported by mlmcli with collinear factor-variable "
                         "terms: the command line the prefix echoes is rebuilt by _rmcoll", 198)


def _omitted_variable(name: str) -> str | None:
    """The variable of an omitted continuous regressor's column (``o.x3`` -> ``x3``), else None."""
    if name.startswith("o.") and name[2:].isidentifier():
        return name[2:]
    return None


def noisily_text(checks, *, command: str, linesize: int) -> str:
    """The text of the module docstring: regress on the estimation sample with its weights, then
    each replicate's regress with the weights ``checks`` (``ReplicateChecks``) gives it."""
    from mlmcli.ols import fit_ols
    from mlmcli.render.regress_table import render_regress, weight_sum_line

    kind = checks.weight_kind

    def table(weight: np.ndarray | None) -> str:
        rows = np.ones(len(checks.y), bool) if weight is None else weight > 0
        if np.linalg.matrix_rank(checks.X[rows]) < checks.X.shape[1]:
            raise StataError("vce(jackknife, noisily) not supported by mlmcli when leaving out a replicate "
                             "makes the regressors collinear", 198)
        fit = fit_ols(checks.y[rows], checks.X[rows], constant=checks.constant, coef_labels=checks.labels,
                      depvar=checks.depvar, weight=None if weight is None else weight[rows], weight_kind=kind,
                      level=float(getattr(checks.session, "level", None) or 95.0))  # c(level), not level()
        text = render_regress(fit.result(), linesize=linesize)
        if kind in ("aweight", "pweight"):  # regress's line before its output
            text = weight_sum_line(float(weight[rows].sum())) + "\n" + text.lstrip("\n")
            text = text.replace("\n", "\n\n", 1)
        return text

    echo = f". {command}"
    G = len(checks.sizes)
    out = ["jackknife: First call to regress with data as is:", "", echo, table(checks.weight), "",
           f"Jackknife replications ({G})"]
    for g in range(G):
        weight = checks.replicate_weights(g)
        out += [echo, table(None if checks.weight is None and not np.any(weight == 0) else weight)]
        if checks.marks[g] is False:  # reject(): the loop's message, its undefined `caller' empty
            out.append(REJECTED)
    return "\n".join(out)


# the loop's "{p 0 0 2}`caller' rejected results from `cmdname', posting missing values{p_end}":
# `caller' is no local of _loop_jknife*, so the paragraph starts with a blank, which SMCL's
# paragraph mode (words joined and rewrapped) does not print
REJECTED = "rejected results from regress, posting missing values"


def echoed_command(ds, cmd, weight_kind: str | None = None, *, noconstant: bool = False,
                   labels: tuple = ()) -> str:
    """``regress depvar indepvars [wtype= exp] [if (exp)] [in range][, noconstant]`` as the prefix
    echoes it and saving() records it in ``_dta[jk_command]`` (module docstring; ``[`weight'`exp']``
    with syntax's ``exp`` "= exp"; _eqspec writes noconstant in full, however typed, and
    _prefix_command's ParseCommand takes level() out; ``labels``: e(b)'s columns, a collinear
    regressor written ``o.name`` as _rmcoll's r(varlist) has it).  Other options are not written."""
    omitted = {_omitted_variable(lab.name) for lab in labels if lab.omitted and not lab.base} - {None}
    words = ["regress"] + [f"o.{w}" if i and w in omitted else w
                           for i, w in enumerate(_unabbreviated(ds, cmd.args))]
    if cmd.weight is not None and weight_kind:
        words.append(f"[{weight_kind}= {_retok(cmd.weight.exp)}]")
    if cmd.if_exp:
        words.append(f"if ({_retok(cmd.if_exp)})")
    if cmd.in_range is not None:
        r = cmd.in_range
        words.append(f"in {r.first}" + (f"/{r.last}" if r.last else ""))
    return " ".join(words) + (", noconstant" if noconstant else "")


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
