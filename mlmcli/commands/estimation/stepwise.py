"""``stepwise``: stepwise estimation (Stata 13's stepwise.ado).

    stepwise, pr(#) | pe(#) [forward hierarchical lockterm1 lr display_options] :
        command depvar terms [if] [in] [weight] [, command_options]

pr() alone: backward selection; pe() alone: forward selection; both: backward stepwise, or
forward stepwise with ``forward``.  A term is a variable or a parenthesised varlist; each
step tests the terms (Wald tests of their coefficients, or likelihood-ratio tests with lr)
and removes the least significant one with p >= pr or adds the most significant one with
p < pe, logging ``p = 0.xxxx >= 0.2000  removing x``.  The final model is then shown as the
command shows its results, with e(stepwise) = stepwise.  The selection keeps stepwise.ado's
bookkeeping of the terms (a removed term's place goes to the last one), so the final model
lists its terms in Stata's order.  A term without an estimable coefficient in the full model
is dropped with Stata's note; observations are not (Stata's note on observations dropped
because of estimability is not printed).
"""
from __future__ import annotations

from mlmcli.commands.estimation.model_building import (drop_inestimable, estimation_sample, log_likelihood,
                                                       parse_prefix_line, refuse_lr_with_robust, run_fit, test_term)
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec

STEPWISE_OPTIONS = [OptionSpec("pr", 2, takes_arg=True), OptionSpec("pe", 2, takes_arg=True),
                    OptionSpec("forward", 4), OptionSpec("hierarchical", 4), OptionSpec("lockterm1", 3),
                    OptionSpec("lr", 2), OptionSpec("level", 1, takes_arg=True)]


def _probability(opts: dict, name: str) -> float | None:
    if opts.get(name) is None:
        return None
    text = str(opts[name]).strip()
    try:
        value = float(text)
    except ValueError:
        raise StataError(f"{name}() invalid -- invalid numlist", 121) from None
    if not 0 < value < 1:
        raise StataError(f"{name}() invalid -- invalid numlist has elements outside of allowed range", 125)
    return value


class _Selection:
    """The ado's term bookkeeping: ``term`` (1-based list; term[0] the locked term or ""),
    ``curr`` the model's terms, the log lines, the fits on the sample."""

    def __init__(self, session, line, touse, lr: bool):
        self.session, self.line, self.touse, self.lr = session, line, touse, lr
        self.log: list[tuple[str, str]] = []

    def fit(self, terms: list[str]) -> None:
        run_fit(self.session, self.line, self.touse, " ".join(terms))

    def ll(self) -> tuple[float, float]:
        return log_likelihood(self.session.e)

    def lr_p(self, ref: tuple[float, float]) -> float:
        from mlmcli import distributions as stats

        ll, df = self.ll()
        d = abs(ref[1] - df)
        return float(stats.chi2.sf(2 * abs(ref[0] - ll), d)) if d > 0 else float("nan")

    def wald_p(self, term: str) -> float:
        return test_term(self.session, term)[2]

    def say(self, left: str, right: str) -> None:
        self.log.append((left, right))


def _fmt(p: float) -> str:
    return f"{p:6.4f}"


def _without(curr: list[str], drop: str, last: str) -> list[str]:
    """``list curr - term_k`` then ``subinstr`` term_drop -> term_k (stepwise.ado)."""
    out = [t for t in curr if t != last]
    return [last if t == drop else t for t in out] if drop != last else out


def _remove(s: _Selection, curr, term, k, drop_i, p_i, prf) -> list[str]:
    """Log the removal of term[drop_i]; it swaps places with term[k] (the caller shrinks k)."""
    s.say(f"p = {_fmt(p_i)} >= {prf}", f"removing {term[drop_i]}")
    curr = _without(curr, term[drop_i], term[k])
    term[k], term[drop_i] = term[drop_i], term[k]
    return curr


def _add(s: _Selection, curr, term, kp1, add_i, p_i, pef) -> list[str]:
    """Log the addition of term[add_i]; it swaps places with term[kp1] (the caller grows k)."""
    s.say(f"p = {_fmt(p_i)} <  {pef}", f"adding   {term[add_i]}")
    term[kp1], term[add_i] = term[add_i], term[kp1]
    return curr + [term[kp1]]


def _backward_step(s: _Selection, curr, term, k, ref, pr, prf):
    """One backward step of the stepwise searches: (curr, removed, LL of the model without the
    least significant term)."""
    drop_i, p_i, new_ref = _backward_p(s, curr, term, k, ref)
    if p_i >= pr:
        return _remove(s, curr, term, k, drop_i, p_i, prf), True, new_ref
    return curr, False, new_ref


def _backward_p(s: _Selection, curr, term, k, ref, start=1):
    """The largest p over term[start..k] (and the LL of the model without it, under lr)."""
    drop_i, p_i, new_ref = 0, 0.0, None
    for i in range(start, k + 1):
        if s.lr:
            s.fit([t for t in curr if t != term[i]])
            p = s.lr_p(ref)
        else:
            p = s.wald_p(term[i])
        if p > p_i:
            p_i, drop_i = p, i
            if s.lr:
                new_ref = s.ll()
    return drop_i, p_i, new_ref


def _forward_p(s: _Selection, curr, term, first, last, ref):
    add_i, p_i, new_ref = 0, 2.0, None
    for i in range(first, last + 1):
        s.fit(curr + [term[i]])
        p = s.lr_p(ref) if s.lr else s.wald_p(term[i])
        if p < p_i:
            p_i, add_i = p, i
            if s.lr:
                new_ref = s.ll()
    return add_i, p_i, new_ref


def backward_selection(s: _Selection, term, k, curr, pr, hier):
    prf = _fmt(pr)
    s.say("LR test" if s.lr else "", "begin with full model")
    ref = s.ll() if s.lr else None
    k0, done = k, False
    while not done:
        start = k if hier and k > 0 else 1
        drop_i, p_i, new_ref = _backward_p(s, curr, term, k, ref, start)
        if p_i >= pr:
            s.say(f"p = {_fmt(p_i)} >= {prf}", f"removing {term[drop_i]}")
            curr = _without(curr, term[drop_i], term[k])
            term[drop_i] = term[k]
            term[k] = ""
            k -= 1
        else:
            if hier and k > 0:
                s.say(f"p = {_fmt(p_i)} <  {prf}", f"keeping  {term[drop_i]}")
            done = True
        if s.lr:
            ref = new_ref
        else:
            s.fit(curr)
    if s.lr:
        s.fit(curr)
    if k == k0:
        s.say(f"p < {prf}", "for all terms in model")


def forward_selection(s: _Selection, term, k, pe, hier, locked):
    pef = _fmt(pe)
    curr = [term[0]] if locked else []
    s.say("LR test" if s.lr else "", "begin with term 1 model" if locked else "begin with empty model")
    ref = None
    if s.lr:
        s.fit(curr)
        ref = s.ll()
    start, done = 1, False
    while not done:
        last = start if hier else k
        add_i, p_i, new_ref = _forward_p(s, curr, term, start, last, ref)
        if p_i < pe:
            s.say(f"p = {_fmt(p_i)} <  {pef}", f"adding  {term[add_i]}")
            curr = curr + [term[add_i]]
            if hier:
                start += 1
                done = start > k
            else:
                term[add_i] = term[k]
                term[k] = ""
                k -= 1
        else:
            if hier:
                s.say(f"p = {_fmt(p_i)} >= {pef}", f"testing {term[add_i]}")
            done = True
        if s.lr and new_ref is not None:
            ref = new_ref
    if curr == ([term[0]] if locked else []):
        s.say(f"p >= {pef}", "for all terms in model")
    s.fit(curr)


def backward_stepwise(s: _Selection, term, k, curr, pr, pe):
    prf, pef = _fmt(pr), _fmt(pe)
    s.say("LR test" if s.lr else "", "begin with full model")
    ll1 = s.ll() if s.lr else None
    ll0 = None
    k0, kp1, first, done = k, k + 1, True, False
    while not done:
        curr, removed, new_ref = _backward_step(s, curr, term, k, ll1, pr, prf)
        if s.lr and new_ref is not None:
            ll0 = new_ref
        if removed:
            k -= 1
            kp1 -= 1
            if first and s.lr:
                ll1 = ll0
        else:
            done = True
            if s.lr:
                ll0 = ll1
        if first:
            if not s.lr:
                s.fit(curr)
            first = False
            continue
        add_i, p_i, new_ref = _forward_p(s, curr, term, kp1, k0, ll0)
        if s.lr and new_ref is not None:
            ll1 = new_ref
        if p_i < pe:
            curr = _add(s, curr, term, kp1, add_i, p_i, pef)
            k += 1
            kp1 += 1
            done = False
        elif s.lr:
            ll1 = ll0
        if not s.lr:
            s.fit(curr)
    s.fit(curr)
    if k == k0:
        s.say(f"p < {prf}", "for all terms in model")


def forward_stepwise(s: _Selection, term, k0, pr, pe, locked):
    prf, pef = _fmt(pr), _fmt(pe)
    curr = [term[0]] if locked else []
    s.say("LR test" if s.lr else "", "begin with term 1 model" if locked else "begin with empty model")
    ll0 = ll1 = None
    if s.lr:
        s.fit(curr)
        ll0 = s.ll()
    k, kp1, first, done = 0, 1, True, False
    while not done:
        add_i, p_i, new_ref = _forward_p(s, curr, term, kp1, k0, ll0)
        if s.lr and new_ref is not None:
            ll1 = new_ref
        if p_i < pe:
            curr = _add(s, curr, term, kp1, add_i, p_i, pef)
            k += 1
            kp1 += 1
            if first and s.lr:
                ll0 = ll1
        else:
            if s.lr:
                ll1 = ll0
            done = True
        if first:
            first = False
            continue
        if not s.lr:
            s.fit(curr)
        curr, removed, new_ref = _backward_step(s, curr, term, k, ll1, pr, prf)
        if s.lr and new_ref is not None:
            ll0 = new_ref
        if removed:
            k -= 1
            kp1 -= 1
            done = False
        elif s.lr:
            ll0 = ll1
    if curr == ([term[0]] if locked else []):
        s.say(f"p >= {pef}", "for all terms in model")
    s.fit(curr)


def cmd_stepwise(session, cmd) -> None:
    from mlmcli.commands.estimation.model_building import SWML_COMMANDS
    from mlmcli.render.model_building import render_stepwise_log
    from mlmcli.results.model_building import StepwiseLog

    line = parse_prefix_line(session, cmd.args, "stepwise", STEPWISE_OPTIONS)
    opts = line.options
    pr, pe = _probability(opts, "pr"), _probability(opts, "pe")
    hier, lr, locked = bool(opts.get("hierarchical")), bool(opts.get("lr")), bool(opts.get("lockterm1"))
    if pr is None and pe is None:
        raise StataError("at least one of pr(#) and pe(#) must be specified", 198)
    if pr is not None and pe is not None:
        if hier:
            raise StataError("hierarchical pe(#) pr(#) invalid", 198)
        if pr <= pe:
            raise StataError(f"pr({opts['pr']}) <= pe({opts['pe']}) invalid", 198)
    if opts.get("forward") and pe is None:
        raise StataError("option forward invalid or option pe(#) is missing", 198)
    if lr:
        if line.cmdname not in SWML_COMMANDS:
            raise StataError(f"{line.cmdname} does not allow the lr option of stepwise", 199)
        refuse_lr_with_robust(line, "lr")
    term = [line.terms[0] if locked else ""] + (line.terms[1:] if locked else list(line.terms))
    if locked and len(line.terms) < 2:
        raise StataError("lockterm1 requires at least two terms", 198)
    k = len(term) - 1
    full = ([term[0]] if locked else []) + term[1:]
    with estimation_sample(session, line) as touse:
        s = _Selection(session, line, touse, lr)
        s.fit(full)
        term = [term[0]] + drop_inestimable(session, term[1:])
        k = len(term) - 1
        full = ([term[0]] if locked else []) + term[1:]
        if pr is not None and pe is None:
            backward_selection(s, term, k, full, pr, hier)
        elif pr is None:
            forward_selection(s, term, k, pe, hier, locked)
        elif not opts.get("forward"):
            backward_stepwise(s, term, k, full, pr, pe)
        else:
            forward_stepwise(s, term, k, pr, pe, locked)
    session.print(render_stepwise_log(StepwiseLog(tuple(s.log))))
    e = session.e
    e.macros["stepwise"] = "stepwise"
    e.macros["cmdline"] = f"stepwise {cmd.args.strip()}"
    _display(session, line, opts)


def _display(session, line, opts) -> None:
    from mlmcli.runner import Runner, current_runner

    level = f", level({opts['level']})" if opts.get("level") else ""
    (current_runner(session) or Runner(session)).execute(f"{line.cmdname}{level}")
