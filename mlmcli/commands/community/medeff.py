"""``medeff (model1 M T x...) (model2 Y T M x...) [if] [in] [weight], mediate(M) treat(T [from to])
[sims(#) seed(#) vce() level(#) interact(var)]`` (Hicks and Tingley's SSC package ``mediation``,
medeff.ado of 12/8/2011; read, not copied): causal mediation analysis by quasi-Bayesian Monte
Carlo simulation (Imai, Keele and Tingley 2010).

As the ado does: both models (regress, logit or probit) are fitted noisily on the sample
without missing values in either equation, the treatment first in the mediator model and the
treatment, the mediator (and interact()) first in the outcome model.  ``sims`` coefficient
vectors are drawn from N(b, V) of each model (invnormal of a sims x k uniform matrix times
V's Cholesky factor); the mediator is predicted at treatment ``from`` and ``to`` for every
draw (regress: plus N(0, rmse) noise drawn after the coefficients; logit/probit: 0/1 by
comparing the probability with uniforms drawn after restarting the stream, the same for
every draw); the outcome model gives, per draw, the weighted means of
delta1/delta0 (ACME), zeta1/zeta0 (direct effects) and tau (total effect); each stage
restarts the stream at seed() (default 0), as the ado's rseed(seed) does.  The table shows
the means of those draws (stored as float) with percentile intervals (_pctile), and the
share mediated: the median of mean(ACME)/tau over the draws.  r(): delta1 delta0 zeta1 zeta0
tau with lo/hi, navg navglo navghi (and n0avg/n1avg with interact() or a logit/probit outcome).

The draws come from mlm's generator, not Stata's: means and intervals agree with Stata's to
Monte Carlo error, not digit for digit.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, number_option, resolve_options, split_options

HELP = {"medeff": "medeff (model1 mvar tvar ...) (model2 yvar tvar mvar ...) [if] [in] [weight], "
                  "mediate(mvar) treat(tvar [from to]) [sims(#) seed(#) vce() level(#) interact(var)]"}

OPTIONS = [OptionSpec("sims", 3, takes_arg=True), OptionSpec("seed", None, takes_arg=True),
           OptionSpec("vce", None, takes_arg=True), OptionSpec("level", 1, takes_arg=True),
           OptionSpec("interact", 4, takes_arg=True), OptionSpec("mediate", 3, takes_arg=True),
           OptionSpec("treat", None, takes_arg=True)]
_MODELS = ("regress", "logit", "probit")
_TOUSE = "__medeff_touse"
_EFFECTS = ("delta1", "delta0", "zeta1", "zeta0", "tau")


def _equation(text: str) -> tuple[str, str]:
    """(the parenthesised equation, the rest) -- gettoken ..., match(paren)."""
    text = text.lstrip()
    if not text.startswith("("):
        return "", text
    depth = 0
    for k, ch in enumerate(text):
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0:
            return text[1:k].strip(), text[k + 1:]
    raise StataError("parentheses unbalanced", 132)


def _union(first: list[str], rest: list[str]) -> list[str]:
    """Stata's ``local a : list x | y``: x's names, then y's not already there."""
    out = list(first)
    for name in rest:
        if name not in out:
            out.append(name)
    return out


def _err(message: str) -> StataError:
    return StataError(message, 198)


def cmd_medeff(session, cmd) -> None:
    from mlmcli.graphs.syntax import split_if_in, split_weight

    eq1, rest = _equation(cmd.args)
    eq2, rest = _equation(rest)
    if not eq2:
        raise _err("You must specify two equations")
    body, options, _ = split_options(rest)
    body, weight = split_weight(body)
    body, if_exp, in_range = split_if_in(body)
    if body.strip():
        raise StataError(f"{body.split()[0]} not allowed", 101)
    opts = resolve_options(options, OPTIONS)
    for name in ("mediate", "treat"):
        if not str(opts.get(name) or "").strip():
            raise StataError(f"option {name}() required", 198)
    words1, words2 = eq1.split(), eq2.split()
    model1, model2 = (words1 or [""])[0], (words2 or [""])[0]
    data = session.data
    if any("." in w or "#" in w for w in words1[1:] + words2[1:]):
        raise StataError("factor-variable and time-series operators not allowed", 101)
    var1, var2 = data.expand_varlist(" ".join(words1[1:])), data.expand_varlist(" ".join(words2[1:]))
    mediate = data.expand_varlist(str(opts["mediate"]))[0]
    sims, seed = number_option(opts, "sims", 1000, int), number_option(opts, "seed", 0, int)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    if var1[0] != mediate:
        raise _err("Mediate variable not the dependent variable in equation 1")
    treat_words = str(opts["treat"]).split()
    if len(treat_words) == 2:
        raise _err("Please specify a from and to value for treatment.")
    if len(treat_words) > 3:
        raise _err("Too many treatment values specified.")
    if len(treat_words) == 1:
        session.print("Using 0 and 1 as treatment values")
        lo, hi = 0.0, 1.0
    else:
        lo, hi = float(treat_words[1]), float(treat_words[2])
    if lo == hi:
        raise _err("Treatment values are the same. Please specify different values for the treatment.")
    treat = data.expand_varlist(treat_words[0])[0]
    rhs1, rhs2 = var1[1:], var2[1:]
    if treat not in rhs1:
        raise _err(f"Treatment variable {treat} is not in equation 1.")
    if treat not in rhs2:
        raise _err(f"Treatment variable {treat} is not in equation 2.")
    if mediate not in rhs2:
        raise _err("Mediate variable is not in equation 2.")
    interact = data.expand_varlist(str(opts["interact"]))[0] if opts.get("interact") else ""
    if interact and interact not in rhs2:
        raise _err(f"Interaction variable {interact} is not in equation 2.")
    rhs1 = _union([treat], rhs1)
    rhs2 = _union([treat], _union([mediate], _union([interact], rhs2) if interact else rhs2))
    for name, model, stage in ((model1, model1, "Mediate only supports OLS, logit, and probit"),
                               (model2, model2, "The outcome stage only supports OLS, logit, and probit")):
        if model not in _MODELS:
            session.print(stage)
            if model[:3] == "reg":
                session.print("Perhaps you meant regress. Mediate requires the full command name")
            raise StataError("", 198)
    if sims < 1:
        raise _err("The number of sims must be greater than 0")
    _run(session, cmd, model1, model2, var1[0], var2[0], rhs1, rhs2, mediate, treat, interact, (lo, hi),
         sims, seed, level, weight, if_exp, in_range, str(opts.get("vce") or "").strip(),
         sorted(set(var1 + var2)))


def _run(session, cmd, model1, model2, mvar, yvar, rhs1, rhs2, mediate, treat, interact, values, sims, seed,
         level, weight, if_exp, in_range, vce, variables) -> None:
    from mlmcli.ast import Command
    from mlmcli.commands.data.common import weights
    from mlmcli.expr.random_numbers import restart
    from mlmcli.runner import Runner, current_runner
    from mlmcli.sample import mark_sample

    data = session.data
    probe = Command(name="medeff", if_exp=if_exp, in_range=in_range, weight=weight)
    touse = mark_sample(session, probe, variables)
    touse, w, _kind = weights(session, probe, touse, ("fweight", "pweight", "iweight"))
    runner = current_runner(session) or Runner(session)
    wtext = "" if weight is None else f"[{weight.kind}={weight.exp}]"
    vce_text = f", vce({vce})" if vce else ""
    data.set_variable(_TOUSE, touse.astype(float), "byte")
    try:
        runner.execute(f"{model1} {mvar} {' '.join(rhs1)} {wtext} if {_TOUSE}{vce_text}")
        first = session.e
        runner.execute(f"{model2} {yvar} {' '.join(rhs2)} {wtext} if {_TOUSE}{vce_text}")
        second = session.e
    finally:
        if _TOUSE in session.data.varnames:
            session.data.drop_variables([_TOUSE])
    if first.scalars.get("N") != second.scalars.get("N"):
        raise _err("There are missing values of Y. The command cannot be run.")
    rows = np.flatnonzero(touse)
    columns = lambda names: np.column_stack([data.numeric(v)[rows] for v in names] + [np.ones(rows.size)])
    wt = np.ones(rows.size) if w is None else np.asarray(w, dtype=float)[rows]
    if rows.size < sims:
        session.print("The number of observations in the data is less than the number of simulations. "
                      "Expanding the data to the number of simulations")
    m1, m0 = _mediator(model1, first, columns(rhs1), values, sims, seed)
    draws = _outcome(model2, second, columns(rhs2), m1, m0, values, bool(interact), sims, seed, wt)
    restart(session, seed)  # the ado leaves the stream where its last rseed(seed) put it
    _report(session, draws, level, interact or model2 != "regress")


def _coefficient_draws(e, sims: int, rng) -> np.ndarray:
    """k x sims: b + invnormal(uniform(sims, k)) * cholesky(V)' (transposed)."""
    b = np.asarray(e.matrices["b"].values, dtype=float).ravel()
    v = np.asarray(e.matrices["V"].values, dtype=float)
    try:
        chol = np.linalg.cholesky(v)
    except np.linalg.LinAlgError:
        raise StataError("matrix not positive definite", 506) from None
    from scipy.special import ndtri

    z = ndtri(rng.random((sims, b.size)))
    return (b + z @ chol.T).T


def _mediator(model, e, x, values, sims, seed):
    lo, hi = values
    rng = np.random.default_rng(seed)
    draws = _coefficient_draws(e, sims, rng)
    x1, x0 = x.copy(), x.copy()
    x1[:, 0], x0[:, 0] = hi, lo
    eta1, eta0 = x1 @ draws, x0 @ draws
    if model == "regress":
        noise = rng.normal(0.0, float(e.scalars["rmse"]), size=(sims, x.shape[0])).T
        return eta1 + noise, eta0 + noise
    link = _link(model)
    again = np.random.default_rng(seed)  # rseed(seed) before every draw's uniforms: the same each time
    u1, u0 = again.random(x.shape[0]), again.random(x.shape[0])
    return (link(eta1) > u1[:, None]).astype(float), (link(eta0) > u0[:, None]).astype(float)


def _link(model):
    from scipy.special import expit, ndtr

    return {"logit": expit, "probit": ndtr, "regress": lambda v: v}[model]


def _outcome(model, e, x, m1, m0, values, interact, sims, seed, wt) -> dict[str, np.ndarray]:
    lo, hi = values
    draws = _coefficient_draws(e, sims, np.random.default_rng(seed))
    link = _link(model)
    t1, t0 = x.copy(), x.copy()
    t1[:, 0], t0[:, 0] = hi, lo

    def predict(design, m, j):
        design[:, 1] = m[:, j]
        if interact:
            design[:, 2] = design[:, 0] * m[:, j]
        return link(design @ draws[:, j])

    out = {name: np.empty(sims) for name in _EFFECTS}
    for j in range(sims):
        p1_t1, p1_t0 = predict(t1, m1, j), predict(t0, m1, j)
        p0_t1, p0_t0 = predict(t1, m0, j), predict(t0, m0, j)
        for name, diff in (("delta1", p1_t1 - p0_t1), ("delta0", p1_t0 - p0_t0), ("tau", p1_t1 - p0_t0),
                           ("zeta1", p1_t1 - p1_t0), ("zeta0", p0_t1 - p0_t0)):
            out[name][j] = np.sum(diff * wt) / np.sum(wt)
    return {k: v.astype(np.float32).astype(float) for k, v in out.items()}  # st_addvar("float")


def _interval(values: np.ndarray, level: float) -> tuple[float, float]:
    from mlmcli.summary_statistics import stata_percentile

    x = np.sort(values[~np.isnan(values)])
    lo, hi = round((100 - level) / 2, 2), round((100 + level) / 2, 2)
    return stata_percentile(x, lo), stata_percentile(x, hi)


def _report(session, draws, level, two_sided) -> None:
    from mlmcli.render.numfmt import format_number
    from mlmcli.summary_statistics import stata_percentile

    r, show = {}, {}
    for name in _EFFECTS:
        lo, hi = _interval(draws[name], level)
        r[name], r[name + "lo"], r[name + "hi"] = float(np.mean(draws[name])), lo, hi
        show[name] = (r[name], lo, hi)
    for name, parts in (("delta", ("delta0", "delta1")), ("zeta", ("zeta0", "zeta1"))):
        average = ((draws[parts[0]] + draws[parts[1]]) / 2).astype(np.float32).astype(float)
        show[name] = (float(np.mean(average)), *_interval(average, level))
    tau = draws["tau"]
    share = {"n": (r["delta1"] + r["delta0"]) / 2, "n1": r["delta1"], "n0": r["delta0"]}
    for key, numerator in share.items():
        ratio = (numerator / tau).astype(np.float32).astype(float)
        median = stata_percentile(np.sort(ratio[~np.isnan(ratio)]), 50)
        show[key] = (median, *_interval(ratio, level))
    r.update(navg=show["n"][0], navghi=show["n"][2], navglo=show["n"][1])
    fmt = lambda v: format_number(v, "%9.0g")
    line = lambda label, t: (f"        {label:<23}| {fmt(t[0])}     {fmt(t[1])}     {fmt(t[2])}    ")
    p = session.print
    p("-" * 84)
    p(f"        Effect                 |  Mean           [{level:g}% Conf. Interval]")
    p("-" * 31 + "+" + "-" * 52)
    if not two_sided:
        p(line("ACME", show["delta1"]))
        p(line("Direct Effect", show["zeta1"]))
        p(line("Total Effect", show["tau"]))
        p(line("% of Tot Eff mediated", show["n"]))
    else:
        for i in (0, 1):
            r.update({f"n{i}avg": show[f"n{i}"][0], f"n{i}avghi": show[f"n{i}"][2], f"n{i}avglo": show[f"n{i}"][1]})
        for label, key in (("ACME1", "delta1"), ("ACME0", "delta0"), ("Direct Effect 1", "zeta1"),
                           ("Direct Effect 0", "zeta0"), ("Total Effect", "tau"), ("% of Total via ACME1", "n1"),
                           ("% of Total via ACME0", "n0")):
            p(line(label, show[key]))
        p("            ")
        p(line("Average Mediation", show["delta"]))
        p(line("Average Direct Effect", show["zeta"]))
        p(line("% of Tot Eff mediated", show["n"]))
    p("-" * 84)
    session.set_r(r)
