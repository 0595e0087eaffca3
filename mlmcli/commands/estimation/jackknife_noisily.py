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

``trace`` is noisily with, after each echoed line, the trace of the command run there (the
prefix sets trace on just around it: ``mlmcli.program_trace.traced_command``).

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
row); a factor term with an omitted level is written as its e(b) columns (``1b.g 2.g 3o.g``, mlm's
_rmcoll output; the spelling of Stata's built-in _rmcoll is not documented: docs/regress_jackknife.md).

regress's other options are echoed as typed, in the order typed, after the line's comma
(_vce_parserun hands them on through ``syntax``'s ``*``), then ``noconstant`` (_eqlist's
``syntax ... noCONStant *`` takes it out and appends it), then ``noheader`` and ``notable`` in
full (_prefix_command's ParseCommand takes ``NOHeader NOTable`` out and appends them in that
order); ``level()``, ``vce()`` and ``eform()`` are not echoed (ParseCommand and
_check_eformopt take them out).  Each regress, the full sample's and every replicate's, runs
with the line's options less what ``_get_diopts`` takes out (the display options: formats,
``vsquish``, ``baselevels``, ``noomitted``, ``nocnsreport`` ...): so ``noheader``, ``notable``,
``depname()`` and ``plus`` shape every regress's table, the display options only the
jackknife's (which ``plus`` leaves closed: it is regress's option, not the prefix's).

regress's ``beta`` is one of the options every regress keeps (not a display option): each table
shows its Beta column.  A replicate whose leaving out makes the regressors collinear shows its
regress's output on that sample (its own collinearity note, the ``(omitted)`` row), then the loop's
``ols_jackknife.COLLINEAR`` message (_check_omit, before reject()).

Under ``nodrop`` with ``n()``/``nocount`` an fweight replicate whose frequency is zero fails: its
regress gets a frequency of -1 (_loop_jknife_fw: ``replace wvar = wvar - 1``) and stops with
``negative weights encountered`` (r(402), the message ``capture noisily`` shows), which the loop
follows with ``an error occurred when jackknife executed regress, posting missing values``
(``FAILED``).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.ols_jackknife import COLLINEAR
from mlmcli.replication.replicate_design import replicate_design


# regress's options each of its runs under the prefix keeps (jackknife.ado's cmdopts after
# _get_diopts); the display options (_get_diopts's DIOPTS) are echoed but shape only the final table
REPLICATE_OPTIONS = ("noheader", "notable", "depname", "plus", "beta")
# what the echoed line writes apart from the typed options (module docstring), or leaves out
_REBUILT = ("vce", "noconstant", "level", "noheader", "notable", "eform", "robust", "cluster")


def _echo_allowed() -> set[str]:
    from mlmcli.commands.estimation.common import display_option_specs

    return ({"vce", "noconstant", "level", "eform", "nocnsreport", *REPLICATE_OPTIONS}
            | {spec.name for spec in display_option_specs()})


def check_noisily(cmd, opts: dict, leverage: dict, *, labels: tuple = ()) -> None:
    """The refusals of the module docstring, before anything is fitted."""
    others = [k for k, v in opts.items()
              if not k.startswith("_") and k not in _echo_allowed() and v not in (None, False)]
    if others:
        raise StataError(f"vce(jackknife, noisily) not supported by mlmcli with regress's option {others[0]}", 198)


def _omitted_variable(name: str) -> str | None:
    """The variable of an omitted continuous regressor's column (``o.x3`` -> ``x3``), else None."""
    if name.startswith("o.") and name[2:].isidentifier():
        return name[2:]
    return None


def noisily_parts(checks, *, command: str, linesize: int, options: dict | None = None,
                  traced: list[str] = ()) -> list[tuple[str, bool]]:
    """The text of the module docstring as (text, loud) parts: regress on the estimation sample
    with its weights, then each replicate's regress with the weights ``checks``
    (``ReplicateChecks``) gives it; ``options``: regress's resolved options (those of
    ``REPLICATE_OPTIONS`` shape each table); ``traced``: jackknife's ``trace``, the trace of the
    command that follows each echo (the prefix sets trace on around each run of it).

    ``loud``: what the ado-files show through ``noisily``, which an enclosing ``quietly`` (or
    ``capture``) does not silence -- every regress (jackknife.ado's ``capture noisily quietly
    noisily``, the loop's ``capture noisily quietly noisily``), the loop's echo and messages
    (``noisily di``) and the trace; jackknife.ado's "First call" heading and echo and the loop's
    ``_dots`` title are plain ``di``, silenced by it."""
    from mlmcli.ols import fit_ols
    from mlmcli.render.lrtest import wrap_paragraph
    from mlmcli.render.regress_table import render_regress, weight_sum_line

    kind = checks.weight_kind
    shown = {k: (options or {}).get(k) for k in REPLICATE_OPTIONS}
    noheader, notable = bool(shown["noheader"]), bool(shown["notable"])

    def table(weight: np.ndarray | None) -> str:
        rows = np.ones(len(checks.y), bool) if weight is None else weight > 0
        X, labels, notes = replicate_design(checks.X[rows], checks.labels, checks.constant)
        fit = fit_ols(checks.y[rows], X, constant=checks.constant, coef_labels=labels,
                      depvar=checks.depvar, weight=None if weight is None else weight[rows], weight_kind=kind,
                      level=float(getattr(checks.session, "level", None) or 95.0))  # c(level), not level()
        text = "" if noheader and notable else render_regress(
            fit.result(), linesize=linesize, noheader=noheader, notable=notable, depname=shown["depname"],
            plus=bool(shown["plus"]), betas=betas(fit, rows, weight) if shown["beta"] else None)
        # regress's notes, after its sum-of-weights line (as mlm's regress prints them)
        text = "\n".join(notes + ([text] if text else []))
        if kind in ("aweight", "pweight"):  # regress's line before its output
            text = weight_sum_line(float(weight[rows].sum())) + ("\n" + text if text else "")
        return text

    def betas(fit, rows, weight):
        from mlmcli.commands.estimation.regress_replay import standardized_coefficients

        kept = [j for j, lab in enumerate(checks.labels) if not (lab.base or lab.omitted)]
        X = checks.X[rows][:, [i for i, j in enumerate(kept) if not fit.coef_labels[j].omitted]]
        return standardized_coefficients(fit, checks.y[rows], X, None if weight is None else weight[rows], kind)

    echo = f". {command}"
    run = [echo, *traced]
    G = len(checks.sizes)
    full = table(checks.weight)
    parts = [("jackknife: First call to regress with data as is:\n\n" + echo, False)]
    parts += [(line, True) for line in [*traced] + ([full] if full else [])]
    parts.append((f"\nJackknife replications ({G})", False))
    out: list[str] = []
    for g in range(G):
        if checks.failed[g]:  # nodrop's zero frequency less one: regress's error, then the loop's message
            out += [*run, "negative weights encountered", *wrap_paragraph(FAILED, linesize, hanging=0)]
            continue
        weight = checks.replicate_weights(g)
        text = table(None if checks.weight is None and not np.any(weight == 0) else weight)
        out += run + ([text] if text else [])
        if checks.collinear[g]:  # _check_omit: before reject()
            out += wrap_paragraph(COLLINEAR, linesize, hanging=0)
        elif checks.marks[g] is False:  # reject(): the loop's message, its undefined `caller' empty
            out += wrap_paragraph(REJECTED, linesize, hanging=0)
    return parts + [(line, True) for line in out]


# the loop's "{p 0 0 2}`caller' rejected results from `cmdname', posting missing values{p_end}":
# `caller' is no local of _loop_jknife*, so the paragraph starts with a blank, which SMCL's
# paragraph mode (words joined and rewrapped) does not print
REJECTED = "rejected results from regress, posting missing values"
# a replicate whose regress fails: shown under the loop's ``capture noisily``, then its own
# ``{p 0 0 2}`` message (both wrapped at the line size less 2)
FAILED = "an error occurred when jackknife executed regress, posting missing values"


def echoed_command(ds, cmd, weight_kind: str | None = None, *, noconstant: bool = False,
                   labels: tuple = (), specs: tuple = ()) -> str:
    """``regress depvar indepvars [wtype= exp] [if (exp)] [in range][, noconstant]`` as the prefix
    echoes it and saving() records it in ``_dta[jk_command]`` (module docstring; ``[`weight'`exp']``
    with syntax's ``exp`` "= exp"; _eqspec writes noconstant in full, however typed, and
    _prefix_command's ParseCommand takes level() out; ``labels``: e(b)'s columns, a collinear
    regressor written ``o.name`` as _rmcoll's r(varlist) has it); regress's other options as
    typed after the comma, then noconstant, noheader and notable (module docstring); ``specs``:
    regress's OptionSpecs, which name each typed option."""
    words = ["regress"] + _rmcoll_varlist(ds, cmd.args, labels)
    if cmd.weight is not None and weight_kind:
        words.append(f"[{weight_kind}= {_retok(cmd.weight.exp)}]")
    if cmd.if_exp:
        words.append(f"if ({_retok(cmd.if_exp)})")
    if cmd.in_range is not None:
        r = cmd.in_range
        words.append(f"in {r.first}" + (f"/{r.last}" if r.last else ""))
    typed, flags = _typed_options(cmd.options, specs)
    tail = typed + ["noconstant"] * (noconstant and "noconstant" in flags) + [
        name for name in ("noheader", "notable") if name in flags]
    return " ".join(words) + (", " + _retok(" ".join(tail)) if tail else "")


def _rmcoll_varlist(ds, args: str, labels: tuple) -> list[str]:
    """The varlist as _eqspec rebuilds it from _rmcoll's r(varlist): names in full
    (``_unabbreviated``), a collinear variable ``o.x3`` (an interaction ``co.x#co.z``), and a
    factor-variable token with an omitted level or cell written as its e(b) columns (``1b.g 2.g
    3o.g``: mlm's _rmcoll output, as regress's table and e(b) show it; module docstring)."""
    from mlmcli.syntax.coefnames import omitted_name

    omitted = {_omitted_variable(lab.name) for lab in labels if lab.omitted and not lab.base} - {None}
    omitted_names = {lab.name for lab in labels if lab.omitted and not lab.base}
    words: list[str] = []
    for i, token in enumerate(_unabbreviated(ds, args)):
        if i and token in omitted:
            words.append(f"o.{token}")
            continue
        terms = _terms(ds, token) if i and omitted_names and ("." in token or "#" in token) else []
        if terms and not any(t.factors for t in terms):  # continuous terms: c.x#c.z omitted is co.x#co.z
            names = [_continuous_name(t) for t in terms]
            if not any(omitted_name(n) in omitted_names for n in names):
                words.append(token)
            else:
                words.extend(omitted_name(n) if omitted_name(n) in omitted_names else n for n in names)
            continue
        headings = {t.heading() for t in terms if t.factors}
        columns = [lab for lab in labels if lab.term in headings]
        if any(lab.omitted and not lab.base for lab in columns):
            words.extend(lab.name for lab in columns)
        else:
            words.append(token)
    return words


def _terms(ds, token: str) -> list:
    """The model terms of a factor-variable token; none for another (``L.x``)."""
    from mlmcli.factor_variables import parse_terms

    try:
        return parse_terms(ds, token)
    except StataError:
        return []


def _continuous_name(term) -> str:
    """A continuous term's e(b) name: ``x``, ``c.x#c.z``."""
    parts = term.continuous
    return "#".join(f"c.{c.var}" if len(parts) > 1 else c.var for c in parts)


def _typed_options(options, specs) -> tuple[list[str], set[str]]:
    """(regress's options the echoed line keeps as typed, in order; the canonical names of all
    the line rebuilds).  regress takes ``noc`` for noconstant (its syntax is noConstant), but
    _eqlist's ``noCONStant`` only ``nocons`` and longer: a shorter one stays as typed, where typed."""
    from mlmcli.syntax.options import OptionSpec

    typed, names = [], set()
    for option in options:
        spec = next((s for s in specs if s.matches(option.name)), None)
        name = spec.name if spec else option.name
        if name == "noconstant" and not OptionSpec("noconstant", 6).matches(option.name):
            name = option.name  # passed on through _eqlist's ``*``
        names.add(name)
        if name not in _REBUILT:
            typed.append(option.name if option.arg is None else f"{option.name}({option.arg})")
    return typed, names


def _unabbreviated(ds, args: str) -> list[str]:
    """tsunab/fvunab's varlist: names in full, wildcards and ranges expanded; an operator's
    variable (``i.sec``, ``L.x``) in full after its operator; interactions as typed."""
    from mlmcli.varlist_resolution import join_dashes

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
