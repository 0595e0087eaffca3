"""What ``nestreg`` and ``stepwise`` share (nestreg.ado, stepwise.ado): the prefix line
``prefix [, options] : cmdname depvar terms [if] [in] [weight] [, cmdopts]``, its terms
(a parenthesised varlist is one term, every other variable its own), the estimation sample
(if/in, weights and every variable of the terms), and the fits they run on it.

The sample is a temporary 0/1 variable (Stata's ``touse``) that the fits use as
``if __000000``; it is dropped when the prefix ends, whatever happens, and the data's
changed-flag is restored, so the data are as before.  Each fit's e(cmdline) is the command
as the user would have typed it (nestreg.ado's CmdLine).
"""
from __future__ import annotations

import contextlib
from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError

# The estimation commands with Stata's ``sw`` property (nestreg and stepwise accept them) and
# those whose fits have a log likelihood (``swml``: the lrtable/lr options).  regress has
# e(ll) and is taken with lr/lrtable too (mlm's decision; see docs/model_building.md).
SW_COMMANDS = frozenset("regress logit logistic probit poisson nbreg ologit oprobit mlogit clogit cloglog "
                        "stcox streg tobit intreg glm qreg areg".split())
SWML_COMMANDS = frozenset("regress logit logistic probit poisson nbreg ologit oprobit mlogit clogit cloglog "
                          "stcox streg tobit intreg glm".split())


@dataclass
class PrefixLine:
    """The prefix's own options and the command it runs."""

    options: dict
    cmdname: str
    depvar: str
    terms: list[str]  # each term's varlist as typed (a parenthesised group without its parentheses)
    if_exp: str | None
    in_text: str | None
    weight: str  # "[fw=exp]" or ""
    cmdopts: str  # ", opts" or ""
    command: object  # the parsed inner command (if/in/weight for the sample)


def _split_terms(text: str) -> list[str]:
    """``(a b) c d (e)`` -> ["a b", "c", "d", "e"]."""
    from mlmcli.textscan import balance_error, split_words

    err = balance_error(text, "(")
    if err is not None:
        raise err
    words = split_words(text, "(")
    return [w[1:-1].strip() if w.startswith("(") and w.endswith(")") else w for w in words
            if w.strip("() ")]


def parse_prefix_line(session, args: str, prefix: str, specs) -> PrefixLine:
    from mlmcli.parser import parse_arguments
    from mlmcli.syntax.options import resolve_options
    from mlmcli.textscan import find_top

    colon = find_top(args, ":")
    if colon < 0:
        raise StataError("invalid syntax", 198)
    head, command = args[:colon], args[colon + 1:].strip()
    own = parse_arguments(head, prefix)
    if own.args.strip() or own.if_exp or own.in_range or own.weight:
        raise StataError("invalid syntax", 198)
    opts = resolve_options(own.options, specs)
    words = command.split(None, 1)
    if not words:
        raise StataError("invalid syntax", 198)
    from mlmcli.commands import full_command_name

    cmdname = full_command_name(words[0])
    if cmdname not in SW_COMMANDS:
        raise StataError(f"{cmdname} is not supported by {prefix}", 199)
    inner = parse_arguments(words[1] if len(words) > 1 else "", cmdname)
    pieces = _split_terms(inner.args)
    if not pieces:
        raise StataError("varlist required", 100)
    depvar = session.data.resolve(pieces[0])
    terms = []
    for piece in pieces[1:]:
        if " " in piece:  # a parenthesised group stays one term
            terms.append(" ".join(piece.split()))
        else:  # x1-x3 or x*: each variable its own term
            terms.extend(session.data.expand_varlist(piece) if not any(c in piece for c in ".#") else [piece])
    if not terms:
        raise StataError("varlist required", 100)
    weight = f"[{inner.weight.kind}={inner.weight.exp}]" if inner.weight is not None else ""
    typed = " ".join(o.name if o.arg is None else f"{o.name}({o.arg})" for o in inner.options)
    return PrefixLine(opts, cmdname, depvar, terms, inner.if_exp,
                      None if inner.in_range is None else _in_text(words[1]), weight,
                      f", {typed}" if typed else "", inner)


def _in_text(text: str) -> str | None:
    """The ``in range`` as typed (for e(cmdline))."""
    import re

    m = re.search(r"\bin\s+(\S+)", text)
    return m.group(1) if m else None


def term_variables(session, term: str) -> list[str]:
    from mlmcli.factor_variables import parse_terms
    from mlmcli.factor_variables import term_variables as names

    return names(parse_terms(session.data, term))


@contextlib.contextmanager
def estimation_sample(session, line: PrefixLine):
    """A temporary variable marking the sample (yields its name); dropped afterwards."""
    from mlmcli.commands.estimation.common import weight_vars
    from mlmcli.commands.program.time_series_names import temporary_name
    from mlmcli.sample import mark_sample

    ds = session.data
    variables = [line.depvar] + [v for t in line.terms for v in term_variables(session, t)]
    wexp = line.command.weight.exp if line.command.weight is not None else None
    mask = np.asarray(mark_sample(session, line.command, list(dict.fromkeys(variables + weight_vars(ds, wexp)))),
                      bool)
    name = temporary_name(session)
    changed = ds.changed
    ds.set_variable(name, mask.astype(np.int8), "byte")
    try:
        yield name
    finally:
        if name in session.data.varnames:
            session.data.drop_variables([name])
        session.data.changed = changed


def run_fit(session, line: PrefixLine, touse: str, varlist: str, *, quietly: bool = True) -> None:
    """``cmdname depvar varlist if touse [weight], cmdopts``; e(cmdline) as typed by a user."""
    from mlmcli.runner import Runner, current_runner

    text = f"{line.cmdname} {line.depvar} {varlist} if {touse} {line.weight}{line.cmdopts}"
    runner = current_runner(session) or Runner(session)
    out = session.out
    if quietly:
        out.quiet += 1
    try:
        runner.execute(" ".join(text.split()))
    finally:
        if quietly:
            out.quiet -= 1
    if session.e is not None:
        typed = f"{line.cmdname} {line.depvar} {varlist}"
        if line.if_exp:
            typed += f" if {line.if_exp}"
        if line.in_text:
            typed += f" in {line.in_text}"
        typed += f" {line.weight}{line.cmdopts}"
        session.e.macros["cmdline"] = " ".join(typed.split())


def test_term(session, term: str) -> tuple[float, float, float, str]:
    """``quietly testparm term``: (statistic, df, p, "F"|"chi2") of the term's coefficients."""
    from mlmcli.runner import Runner, current_runner

    runner = current_runner(session) or Runner(session)
    session.out.quiet += 1
    try:
        runner.execute(f"testparm {term}")
    finally:
        session.out.quiet -= 1
    r = session.r
    if "F" in r:
        return float(r["F"]), float(r["df"]), float(r["p"]), "F"
    return float(r["chi2"]), float(r["df"]), float(r["p"]), "chi2"


def log_likelihood(e) -> tuple[float, float]:
    """(e(ll), e(df_m)) or nestreg.ado's refusals."""
    ll, df = e.scalars.get("ll"), e.scalars.get("df_m")
    if ll is None or not np.isfinite(ll):
        raise StataError("option lrtable requires that e(ll) contains the log likelihood value for the "
                         "model fit", 322)
    if df is None or df < 0 or df != int(df):
        raise StataError("option lrtable requires that e(df_m) contains the model degrees of freedom", 322)
    return float(ll), float(df)


def refuse_lr_with_robust(line: PrefixLine, option: str) -> None:
    """Check4Robust: lr/lrtable with pweights, robust or cluster()."""
    kind = line.command.weight.kind.lower() if line.command.weight is not None else ""
    names = {o.name: o.arg for o in line.command.options}
    vce = (names.get("vce") or "").strip()
    if kind.startswith("pw") or "robust" in names or any(n.startswith("cl") for n in names) or \
            (vce and "robust".startswith(vce)):
        raise StataError(f"option {option} is not allowed with pweights, robust, or cluster()", 198)


def drop_inestimable(session, terms: list[str], locked: str | None = None) -> list[str]:
    """_prefix_omitted after the full fit: a term none of whose variables has an estimable
    coefficient is dropped with ``note: x dropped because of estimability``."""
    names = {n.split(":")[-1] for n in session.e.coefficients().names} if session.e is not None else set()
    kept = []
    for term in terms:
        variables = term_variables(session, term)
        if term == locked or any(v in names or any(n.endswith("." + v) and not n.startswith(("o.", "0b.", "1o."))
                                                   for n in names) for v in variables):
            kept.append(term)
        else:
            session.print(f"note: {term} dropped because of estimability")
    return kept
