"""``pscore`` (Becker and Ichino, Stata Journal 2(4) st0026, ``net install st0026_2``): the
propensity score, its blocks and the balancing test.  As pscore.ado 2.02 (13 May 2005) does:

    pscore treatment varlist [if] [in] [fw iw pw], pscore(newvar) [blockid(newvar) detail
        logit comsup level(#) numblo(#)]

The sample is if/in less zero weights (no markout: a row with a missing covariate has no
score).  Printed: the banner, ``tabulate`` of the treatment, the ``probit`` (``logit``) of the
treatment on varlist with the weights, and ``summarize, detail`` of the score -- with
``comsup`` first the region of common support [min, max] of the treated's scores, the rows
outside it leaving the sample.  Step 1: the score's range cut into numblo() blocks of width
1/numblo() (a score of 1 in a block of its own); a block with treated and controls whose mean
scores differ (``ttest`` by treatment, unweighted, p < level()) is cut in two at its
midpoint and tested again.  Step 2: in each block, each covariate tested the same way ("Variable
x is not balanced in block #"); then the table of each block's lower bound by treatment (with
comsup the first bound is the region's minimum).  ``pscore()`` is a double; ``blockid()`` the
block number (0 for a sampled row without a score); ``comsup`` makes the 0/1 variable
``comsup`` (an existing one is dropped first).  ``detail`` prints each test as the ado does.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, real_option, resolve_options

OPTIONS = [OptionSpec("pscore", 6, takes_arg=True), OptionSpec("blockid", 7, takes_arg=True),
           OptionSpec("detail", 3), OptionSpec("logit", 5), OptionSpec("comsup", 6),
           OptionSpec("level", 5, takes_arg=True), OptionSpec("numblo", 6, takes_arg=True)]
_STARS = "*" * 52
_WEIGHTS = {"fweight": "fweight", "fw": "fweight", "iweight": "iweight", "iw": "iweight",
            "pweight": "pweight", "pw": "pweight"}


def cmd_pscore(session, cmd) -> None:
    from mlmcli.runner import Runner, current_runner
    from mlmcli.sample import mark_sample
    from mlmcli.syntax.varlist import check_new_name

    ds = session.data
    opts = resolve_options(cmd.options, OPTIONS)
    if not opts.get("pscore"):
        raise StataError("option pscore() required", 198)
    variables = ds.expand_varlist(cmd.args)
    if not variables:
        raise StataError("varlist required", 100)
    weight_kind = None
    if cmd.weight is not None:
        weight_kind = _WEIGHTS.get(cmd.weight.kind.lower())
        if weight_kind is None:
            raise StataError(f"{cmd.weight.kind} not allowed", 101)
    level = real_option(opts, "level", 0.01)
    numblo = int(real_option(opts, "numblo", 5))
    if numblo < 1:
        raise StataError("numblo() must be a positive integer", 198)
    score_name = str(opts["pscore"]).strip()
    block_name = str(opts.get("blockid") or "").strip() or None
    check_new_name(ds, score_name)
    if block_name:
        check_new_name(ds, block_name)
    runner = current_runner(session) or Runner(session)
    touse = mark_sample(session, cmd, [])
    if cmd.weight is not None:
        from mlmcli.expr import evaluate

        w = np.asarray(evaluate(session, cmd.weight.exp), float)
        touse &= ~(w == 0)
    detail = bool(opts.get("detail"))
    treat = variables[0]
    temps = _Temporaries(session)
    try:
        _algorithm(session, runner, temps, variables, treat, touse, score_name, block_name, detail,
                   bool(opts.get("logit")), bool(opts.get("comsup")), level, numblo,
                   f"[{weight_kind}={cmd.weight.exp}]" if cmd.weight is not None else "")
    finally:
        temps.drop()


class _Temporaries:
    """Temporary variables (``__00000#``) dropped when the command ends, as tempvars are."""

    def __init__(self, session):
        self.session, self.names = session, []

    def name(self) -> str:
        from mlmcli.commands.program.time_series_names import temporary_name

        name = temporary_name(self.session)
        self.names.append(name)
        return name

    def put(self, values: np.ndarray, vtype: str = "double") -> str:
        name = self.name()
        self.session.data.set_variable(name, np.asarray(values, float), vtype)
        return name

    def label(self, name: str, text: str) -> None:
        self.session.data.var_labels[name] = text

    def drop(self) -> None:
        ds = self.session.data
        present = [n for n in self.names if ds.has_variable(n)]
        if present:
            ds.drop_variables(present)


def _algorithm(session, runner, temps, variables, treat, touse, score_name, block_name, detail, logit,
               comsup, level, numblo, weight_text) -> None:
    from mlmcli.render.numfmt import format_number

    ds = session.data
    say = session.print
    use = temps.put(touse.astype(float), "byte")
    say(f"\n\n\n{_STARS} \nAlgorithm to estimate the propensity score \n{_STARS} ")
    say(f"\n\nThe treatment is {treat}")
    runner.execute(f"tabulate {treat} if {use}==1")
    say("\n\n\nEstimation of the propensity score ")
    if ds.has_variable("comsup"):  # the ado's capture drop comsup
        ds.drop_variables(["comsup"])
    runner.execute(f"{'logit' if logit else 'probit'} {' '.join(variables)} {weight_text} if {use}==1")
    fitted = temps.name()
    runner.execute(f"quietly predict double {fitted} if {use}==1")
    score = ds.numeric(fitted).copy()
    ds.set_variable(score_name, score, "double")
    ds.var_labels[score_name] = "Estimated propensity score"
    T = ds.numeric(treat)
    common = None
    if comsup:
        treated = score[(T == 1) & ~np.isnan(score)]
        low, high = (float(treated.min()), float(treated.max())) if treated.size else (np.nan, np.nan)
        show = lambda v: format_number(v, "%10.0g").strip()  # noqa: E731 -- display's default
        say(f"\n\n\nNote: the common support option has been selected\n"
            f"The region of common support is [{show(low)}, {show(high)}]")
        inside = (score >= low) & (score <= high)  # a missing score is outside
        common = np.where(touse, inside.astype(float), np.nan)
        touse = touse & inside
        ds.set_variable(use, touse.astype(float), "byte")
    say("\n\n\nDescription of the estimated propensity score " + ("\nin region of common support " if comsup else ""))
    runner.execute(f"summarize {score_name} if {use}==1, detail")
    say(f"\n\n\n{'*' * 54} \nStep 1: Identification of the optimal number of blocks \n"
        f"Use option detail if you want more detailed output \n{'*' * 54} ")
    blocks, lower = _initial_blocks(score, touse, numblo)
    numblo = _split_blocks(session, runner, temps, score, T, blocks, lower, numblo, level, detail, score_name,
                           treat)
    say(f"\n\nThe final number of blocks is {int(np.nanmax(blocks)) if np.any(~np.isnan(blocks)) else '.'}")
    say("\nThis number of blocks ensures that the mean propensity score\n"
        "is not different for treated and controls in each blocks")
    say(f"\n\n\n{'*' * 58} \nStep 2: Test of balancing property of the propensity score \n"
        f"Use option detail if you want more detailed output \n{'*' * 58} ")
    problem = _balancing(session, runner, temps, variables, T, blocks, numblo, level, detail)
    if comsup:
        lower = np.where(lower == 0, low, lower)
    bound = temps.put(lower)
    temps.label(bound, "Inferior of block of pscore")
    if not problem:
        say("\n\nThe balancing property is satisfied \n\nThis table shows the inferior bound, the number of "
            "treated \nand the number of controls for each block ")
    else:
        say("\nThe balancing property is not satisfied \n\nTry a different specification of the propensity score ")
    runner.execute(f"tabulate {bound} {treat}")
    if comsup:
        say("Note: the common support option has been selected")
    if block_name:
        ds.set_variable(block_name, blocks, "float")
        ds.var_labels[block_name] = "Number of block"
    if comsup:
        ds.set_variable("comsup", common, "float")
        ds.var_labels["comsup"] = "Dummy for obs. in common support"
    say(f"\n\n{'*' * 43} \nEnd of the algorithm to estimate the pscore \n{'*' * 43} ")


def _initial_blocks(score, touse, numblo):
    """Block numbers (0 in the sample, missing outside) and lower bounds of numblo equal blocks:
    the ado's loop (block k where (k-1)/numblo <= score < k/numblo), by computing each row's k
    and moving it one block where rounding put it across a bound -- numblo(1e9) is not 1e9 passes."""
    size = 1 / numblo
    blocks = np.where(touse, 0.0, np.nan)
    lower = np.where(touse, 0.0, np.nan)
    rows = touse & (score >= 0) & (score < 1)
    with np.errstate(invalid="ignore"):
        k = np.floor(np.where(rows, score, 0.0) * numblo) + 1
    k = np.where(np.where(rows, score, 0.0) < (k - 1) * size, k - 1, k)
    k = np.where(np.where(rows, score, 0.0) >= k * size, k + 1, k)
    inside = rows & (k >= 1) & (k <= numblo)
    blocks[inside], lower[inside] = k[inside], (k[inside] - 1) * size
    rows = touse & (score == 1)  # a score of 1: a block above the last
    blocks[rows], lower[rows] = numblo + 1, (numblo - 1) * size
    return blocks, lower


def _next_block(blocks, k: int, numblo: int) -> int:
    """The next block number after k that holds rows (numblo + 1 when none): an empty block
    is passed over in the ado's loops, so they jump to it when nothing is printed for them."""
    later = blocks[blocks > k]
    return int(min(later.min(), numblo + 1)) if later.size else numblo + 1


def _split_blocks(session, runner, temps, score, T, blocks, lower, numblo, level, detail, score_name,
                  treat) -> int:
    """Step 1: cut each block whose treated and controls differ in mean score; the final count."""
    upper = np.where(np.isnan(blocks), np.nan, lower + 1 / numblo)
    upper[blocks == 0] = 0.0
    say = session.print
    if detail:
        say("\n\n\nDistribution of treated and controls across blocks")
        _tab_blocks(runner, temps, blocks, treat)
        say("\n\n\nTest that the mean propensity score is not different for treated and controls")
    k = 1
    while k <= numblo:
        inblock = blocks == k
        if detail:
            say(f"\n\n\nTest in block {k}\nObservations in block {k}")
        if not _both_groups(say, inblock, T, k, detail):
            k = k + 1 if detail else _next_block(blocks, k, numblo)
            continue
        if detail:
            say(f"\n\nTest for block {k}")
            _ttest(runner, temps, score_name, blocks, k, treat)
        split = (lower[inblock].mean() + upper[inblock].mean()) / 2
        if _p_value(score[inblock], T[inblock]) < level and _halves(inblock, score, split, lower, upper):
            if detail:
                say(f"\n\n\nThe mean propensity score is different for \ntreated and controls in block {k}\n"
                    f"Split the block {k} and retest")
            blocks[blocks > k] += 1
            if detail:
                say("\n\nCheck that blocks have shifted ")
                _tab_blocks(runner, temps, blocks, treat)
            numblo += 1
            moved = inblock & (score >= split) & (score <= upper)
            blocks[moved] = k + 1
            upper[blocks == k] = split
            lower[blocks == k + 1] = split
        else:
            if detail:
                say(f"\n\nThe mean propensity score is not different for \ntreated and controls in block {k}")
            k += 1
    return numblo


def _halves(inblock, score, split, lower, upper) -> bool:
    """Whether the block's bounds still have a midpoint strictly between them.  pscore.ado
    splits a block at the midpoint for as long as its test rejects; once the bounds are a
    rounding step apart the midpoint is one of them, nothing can move, and the ado's loop
    would never end -- mlm keeps the block as it is (an mlm guard)."""
    lo, hi = float(np.nanmin(lower[inblock])), float(np.nanmax(upper[inblock]))
    return lo < split < hi


def _balancing(session, runner, temps, variables, T, blocks, numblo, level, detail) -> bool:
    """Step 2: each covariate's mean by treatment in each block; whether one differs."""
    ds = session.data
    say = session.print
    problem = False
    treat = variables[0]
    k = 0
    while k < numblo:
        k = k + 1 if detail else _next_block(blocks, k, numblo)
        if k > numblo:
            break
        if detail:
            say(f"\n\n\n{_STARS} \nTesting the balancing property in block {k}\n{_STARS} ")
        inblock = blocks == k
        if not _both_groups(say, inblock, T, k, detail):
            continue
        for var in variables[1:]:
            if var == treat:
                continue
            if detail:
                say(f"\n\n\nTesting the balancing property for variable {var} in block {k}")
                _ttest(runner, temps, var, blocks, k, treat)
            if _p_value(ds.numeric(var)[inblock], T[inblock]) < level:
                say(f"\nVariable {var} is not balanced in block {k}")
                problem = True
            elif detail:
                say(f"\nVariable {var} is  balanced  in block {k}")
    return problem


def _both_groups(say, inblock, T, k: int, detail: bool) -> bool:
    """Whether block k holds treated and controls (detail: its counts, and what it lacks)."""
    nobs, nc, nt = int(inblock.sum()), int((inblock & (T == 0)).sum()), int((inblock & (T == 1)).sum())
    if detail:
        say(f" obs: {nobs},  control: {nc},  treated: {nt}")
    if nobs and nc and nt:
        return True
    if detail:
        missing = "observations" if nobs == 0 else "controls" if nc == 0 else "treated"
        say(f"\nBlock {k} does not have {missing}\nMove to next block")
    return False


def _p_value(values: np.ndarray, T: np.ndarray) -> float:
    """``ttest values, by(T)``'s r(p) (ttest's own engine, ``mean_tests``): two groups, equal
    variances; missing when undefined."""
    from mlmcli.mean_tests import sample, two_sample

    a = values[(T == 0) & ~np.isnan(values)]
    b = values[(T == 1) & ~np.isnan(values)]
    if a.size == 0 or b.size == 0 or a.size + b.size <= 2:
        return np.nan
    return float(two_sample(sample("0", a), sample("1", b)).p)


def _tab_blocks(runner, temps, blocks, treat) -> None:
    name = temps.put(blocks, "float")
    temps.label(name, f"Blocks of the pscore for treatment {treat} ")
    runner.execute(f"tabulate {name} {treat}")


def _ttest(runner, temps, var, blocks, k, treat) -> None:
    name = temps.put(blocks, "float")
    runner.execute(f"ttest {var} if {name}=={k}, by({treat})")
