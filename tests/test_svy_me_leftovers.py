"""svy with the me commands, the leftovers of sw100 (branch sw101; survey_me.py,
survey_me_replay.py, survey_prefix.py).

Evidence (Stata 16's ado files, opensafely-core/cohort-extractor bin/ado/base): the me commands'
properties are ``svyg`` (with or/irr, bayes, xtbs) and no ``svyb``/``svyj``, so svy.ado's
property check refuses BRR, bootstrap, SDR and the jackknife with "<cmd> is not supported by svy
with vce(<method>); see help svy estimation ..." r(322) before it reads the design; the
svyset step of lmatagsem.mlib (crossed, laplace, final weights, too many weights,
``_svy_check_nested``, the notes) runs while the model is built, before the fit; svy's replay
(``Display`` -> ``_prefix_display``) takes level(), noheader, notable, the command's eform
option and the display options; _svy_check_cmdopts refuses a level's pweight()/fweight() with
"option pweight() not allowed with the svy prefix" r(198).

The numbers are checked against an independent computation: the two-level pseudo-likelihood
(group weights on the groups' log integrals, observation weights inside them) integrated with
60-point Gauss-Hermite and maximised with scipy, its linearized variance the sandwich of the
numerical Hessian and the groups' numerical scores centred within strata."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from numpy.polynomial.hermite_e import hermegauss
from scipy import optimize

from mlmcli.distributions import t as t_dist


@pytest.fixture(scope="module")
def frame():
    rng = np.random.default_rng(101)
    G, m = 24, 7
    school = np.repeat(np.arange(1, G + 1), m)
    u = rng.normal(0, 0.9, G)[school - 1]
    x = rng.normal(size=G * m)
    y = (rng.random(G * m) < 1 / (1 + np.exp(-(0.2 + 0.8 * x + u)))).astype(float)
    count = rng.poisson(np.exp(0.3 + 0.4 * x + 0.5 * u))
    return pd.DataFrame({"school": school, "x": x, "y": y, "count": count, "st": (school - 1) % 3,
                         "w1": 1.0 + school % 4, "w2": 1.0 + 0.5 * (np.arange(G * m) % 3),
                         "half": (np.arange(G * m) % 2).astype(float)})


SVYSET = "svyset school, strata(st) weight(w1) || _n, weight(w2)"


def _bv(s):
    return np.asarray(s.e.matrices["b"].values, float).ravel(), np.asarray(s.e.matrices["V"].values, float)


# ---------------------------------------------------------------- the independent computation
def _group_pll(frame, par):
    """Each school's weighted log pseudo-likelihood contribution, par = (b_cons, b_x, var)."""
    nodes, weights = hermegauss(60)
    weights = weights / np.sqrt(2 * np.pi)
    b0, b1, v = par
    eta = b0 + b1 * frame.x.to_numpy()[:, None] + np.sqrt(v) * nodes[None, :]
    y = frame.y.to_numpy()[:, None]
    obs = frame.w2.to_numpy()[:, None] * (y * eta - np.logaddexp(0, eta))
    school = frame.school.to_numpy()
    out = []
    for j in np.unique(school):
        s = obs[school == j].sum(axis=0)
        top = s.max()
        out.append(frame.w1[school == j].iloc[0] * (top + np.log(np.sum(weights * np.exp(s - top)))))
    return np.array(out)


def _pseudo_ml(frame, b_x=None):
    """The maximiser (b_cons, b_x, var); b_x fixed when given (constraint x = b_x)."""
    def negative(q):
        b0, b1, lv = (q[0], b_x, q[1]) if b_x is not None else q
        return -_group_pll(frame, (b0, b1, np.exp(lv))).sum()

    start = [0.0, 0.0] if b_x is not None else [0.0, 0.5, 0.0]
    q = optimize.minimize(negative, start, method="BFGS", options={"gtol": 1e-10}).x
    return np.array([q[0], b_x, np.exp(q[1])]) if b_x is not None else np.array([q[0], q[1], np.exp(q[2])])


def _linearized(frame, par, free):
    """The sandwich over the free parameters (indices into par): numerical Hessian of the
    total, the schools' numerical scores centred within strata with n_h/(n_h-1)."""
    h = 1e-4
    k = len(free)

    def at(delta):
        p = np.array(par, float)
        p[free] += delta
        return _group_pll(frame, p)

    S = np.zeros((24, k))
    H = np.zeros((k, k))
    for a in range(k):
        ea = np.eye(k)[a] * h
        S[:, a] = (at(ea) - at(-ea)) / (2 * h)
        for b in range(k):
            eb = np.eye(k)[b] * h
            H[a, b] = (at(ea + eb).sum() - at(ea - eb).sum() - at(-ea + eb).sum() + at(-ea - eb).sum()) / (4 * h * h)
    strata = (np.arange(24)) % 3
    meat = np.zeros((k, k))
    for s in range(3):
        z = S[strata == s]
        d = z - z.mean(axis=0)
        meat += len(z) / (len(z) - 1) * d.T @ d
    bread = np.linalg.inv(-H)
    V = np.zeros((3, 3))
    V[np.ix_(free, free)] = bread @ meat @ bread
    return V


@pytest.fixture(scope="module")
def independent(frame):
    par = _pseudo_ml(frame)
    return par, _linearized(frame, par, [0, 1, 2])


# ---------------------------------------------------------------- the fit and its replays
def test_fit_equals_the_independent_pseudo_likelihood_and_sandwich(do, frame, independent):
    par, V_ref = independent
    rc, out, s = do(SVYSET + "\nsvy: melogit y x || school:, nolog", frame)
    assert rc == 0, out
    b, V = _bv(s)  # e(b): x, _cons, var(_cons)
    order = [1, 0, 2]
    np.testing.assert_allclose(b, par[order], rtol=5e-5, atol=1e-6)
    np.testing.assert_allclose(V, V_ref[np.ix_(order, order)], rtol=5e-4, atol=1e-8)


def test_replay_takes_or_level_noheader_and_notable(do, frame):
    rc, out, s = do(SVYSET + "\nsvy: melogit y x || school:, nolog", frame)
    assert rc == 0, out
    b, V = _bv(s)
    se = np.sqrt(np.diag(V))
    rc, shown, _ = do("svy, or", session=s)
    assert rc == 0, shown
    assert "Odds Ratio" in shown and "Survey: Mixed-effects logistic regression" in shown
    row = next(ln for ln in shown.splitlines() if ln.strip().startswith("x |")).split()
    q = float(t_dist.ppf(0.975, 21))
    assert float(row[2]) == pytest.approx(np.exp(b[0]), rel=1e-6)
    assert float(row[3]) == pytest.approx(np.exp(b[0]) * se[0], rel=1e-5)
    assert float(row[-2]) == pytest.approx(np.exp(b[0] - q * se[0]), rel=1e-5)
    assert float(row[-1]) == pytest.approx(np.exp(b[0] + q * se[0]), rel=1e-5)
    # svy: melogit, or level(90) noheader -- no header, 90% intervals on the design df, the
    # variance's interval in the log metric
    rc, shown, _ = do("svy: melogit, or level(90) noheader", session=s)
    assert rc == 0, shown
    assert "Survey:" not in shown and "Design df" not in shown and "[90% Conf. Interval]" in shown
    q90 = float(t_dist.ppf(0.95, 21))
    row = next(ln for ln in shown.splitlines() if ln.strip().startswith("x |")).split()
    assert float(row[-2]) == pytest.approx(np.exp(b[0] - q90 * se[0]), rel=1e-5)
    var_row = next(ln for ln in shown.splitlines() if ln.strip().startswith("var(_cons)|")).split()
    assert float(var_row[-2]) == pytest.approx(b[2] * np.exp(-q90 * se[2] / b[2]), rel=1e-5)
    assert float(var_row[-1]) == pytest.approx(b[2] * np.exp(q90 * se[2] / b[2]), rel=1e-5)
    # the stored results stay at 95
    assert s.e.scalars["level"] == 95
    rc, shown, _ = do("svy, notable", session=s)
    assert rc == 0 and "Number of PSUs" in shown and "var(_cons)" not in shown
    rc, shown, _ = do("svy: melogit, irr", session=s)  # melogit's eform option is or
    assert rc == 198 and "option irr not allowed" in shown
    rc, shown, _ = do("svy: melogit, nolog", session=s)  # not a display option
    assert rc == 198


def test_mepoisson_replay_with_irr(do, frame):
    rc, out, s = do(SVYSET + "\nsvy: mepoisson count x || school:, nolog", frame)
    assert rc == 0, out
    b, V = _bv(s)
    rc, shown, _ = do("svy: mepoisson, irr", session=s)
    assert rc == 0, shown
    assert "IRR" in shown
    row = next(ln for ln in shown.splitlines() if ln.strip().startswith("x |")).split()
    assert float(row[2]) == pytest.approx(np.exp(b[0]), rel=1e-6)
    assert float(row[3]) == pytest.approx(np.exp(b[0]) * np.sqrt(V[0, 0]), rel=1e-5)


# ---------------------------------------------------------------- constraints()
def test_constraints_fit_equals_the_independent_constrained_sandwich(do, frame):
    par = _pseudo_ml(frame, b_x=0.8)
    V_ref = _linearized(frame, par, [0, 2])
    rc, out, s = do(SVYSET + "\nconstraint 1 x = .8\nsvy: melogit y x || school:, constraints(1) nolog", frame)
    assert rc == 0, out
    b, V = _bv(s)
    order = [1, 0, 2]
    np.testing.assert_allclose(b, par[order], rtol=5e-5, atol=1e-6)
    np.testing.assert_allclose(V, V_ref[np.ix_(order, order)], rtol=5e-4, atol=1e-8)
    assert V[0, 0] == 0 and "( 1)  [y]x = .8" in out
    cns = np.asarray(s.e.matrices["Cns"].values, float)
    np.testing.assert_allclose(cns, [[1, 0, 0, 0.8]])
    assert s.e.macros["prefix"] == "svy"


# ---------------------------------------------------------------- refusals
@pytest.mark.parametrize("prefix, method", [
    ("svy brr:", "brr"), ("svy bootstrap:", "bootstrap"), ("svy jackknife:", "jackknife"), ("svy sdr:", "sdr"),
    ("svy jknife:", "jackknife"), ("svy, vce(brr):", "brr"), ("svy bs:", "bootstrap"),
])
def test_replication_methods_refused_with_svy_message(do, frame, prefix, method):
    rc, out, s = do(SVYSET + f"\n{prefix} melogit y x || school:", frame)
    assert rc == 322, out
    assert (f"melogit is not supported by svy with vce({method}); see help svy estimation for a list of Stata "
            "estimation commands that are supported by svy") in out
    assert "running melogit" not in out and s.e is None


def test_svyset_default_replication_method_refuses_and_linearized_fits(do, frame):
    rc, out, s = do("svyset school, strata(st) vce(jackknife)\nsvy: meprobit y x || school:", frame)
    assert rc == 322 and "meprobit is not supported by svy with vce(jackknife)" in out
    rc, out, s = do("svyset school, strata(st) vce(jackknife)\nsvy linearized: meprobit y x || school:, nolog", frame)
    assert rc == 0, out
    assert s.e.macros["vce"] == "linearized"


@pytest.mark.parametrize("command", ["mestreg x || school:, distribution(weibull)", "metobit y x || school:",
                                     "meintreg y x x || school:"])
def test_other_me_commands_refused_by_replication_first(do, frame, command):
    # svy.ado's property check comes before any fit: Stata's r(322) for them too
    rc, out, _ = do(SVYSET + f"\nsvy sdr: {command}", frame)
    name = command.split()[0]
    assert rc == 322 and f"{name} is not supported by svy with vce(sdr)" in out


@pytest.mark.parametrize("command", ["mestreg x || school:, distribution(weibull)",
                                     "gsem (y <- x M[school]), logit"])  # metobit, meintreg: svy fits them (mt101)
def test_linearized_commands_mlm_does_not_fit_under_svy(do, frame, command):
    rc, out, s = do(SVYSET + f"\nsvy: {command}", frame)
    name = command.split()[0]
    assert rc == 199 and f"svy: {name} is not supported by mlmcli" in out
    assert "Traceback" not in out and s.e is None


def test_nesting_refused_before_the_fit(do, frame):
    # the iteration log never starts: the mlib's svyset step runs while the model is built
    rc, out, s = do("svyset half, weight(w1) || _n, weight(w2)\nsvy: melogit y x || school:", frame)
    assert rc == 459 and "hierarchical groups are not nested within half" in out
    assert "Iteration" not in out and "Fitting" not in out and "Refining" not in out
    assert s.e is None


def test_nesting_is_checked_on_the_subpopulation_sample(do, frame):
    # half is constant within schools 1-12 only when it is each school's own indicator
    df = frame.assign(unit=np.where(frame.school <= 12, frame.school, 100 + np.arange(len(frame)) % 2),
                      sub=(frame.school <= 12).astype(float))
    rc, out, _ = do("svyset unit, weight(w1) || _n, weight(w2)\nsvy: melogit y x || school:, nolog", df)
    assert rc == 459 and "not nested within unit" in out
    rc, out, s = do("svyset unit, weight(w1) || _n, weight(w2)\nsvy, subpop(sub): melogit y x || school:, nolog",
                    df)
    assert rc == 0, out
    assert s.e.scalars["N_sub"] == float(df["sub"].sum())


@pytest.mark.parametrize("option", ["pweight(w1)", "fweight(w1)"])
def test_level_weight_option_refused_with_svy_words(do, frame, option):
    rc, out, _ = do(SVYSET + f"\nsvy: melogit y x || school:, {option}", frame)
    assert rc == 198 and f"option {option.split('(')[0]}() not allowed with the svy prefix" in out


def test_laplace_and_crossed_refused_before_the_fit(do, frame):
    rc, out, s = do(SVYSET + "\nsvy: melogit y x || school:, intmethod(lap)", frame)
    assert rc == 198 and "svy prefix not allowed with intmethod(laplace)" in out and "Iteration" not in out
    rc, out, s = do(SVYSET + "\nsvy: melogit y x || _all: R.st || school:", frame)
    assert rc == 198 and "svy prefix not allowed with crossed models" in out and "Iteration" not in out


def test_unweighted_group_level_gives_its_note_and_the_observation_weighted_fit(do, frame):
    # sw100 read eq.level (REEquation has levelvar): an internal error whenever a level had no weight
    rc, out, s = do("set linesize 79\nsvyset school || _n, weight(w2)\nsvy: melogit y x || school:, nolog", frame)
    assert rc == 0, out
    # one {p 0 6 2} paragraph: the lines joined, wrapped at linesize - 2 with a hanging indent of 6
    assert ("Note: Not all levels have a svyset weight variable. Group-level\n"
            "      pseudolikelihoods corresponding with 'school' are not weighted.") in out
    rc, _, ref = do("melogit y x [pw=w2] || school:, nolog", frame)
    np.testing.assert_allclose(_bv(s)[0], _bv(ref)[0], rtol=1e-8)
    np.testing.assert_allclose(_bv(s)[1], _bv(ref)[1], rtol=1e-5)  # one stage, no strata: the robust V


def test_the_command_typed_alone_replays_the_svy_table(do, frame):
    # _me_display hands results with e(prefix) to _prefix_display, display options included
    rc, out, s = do(SVYSET + "\nsvy: melogit y x || school:, nolog", frame)
    assert rc == 0, out
    rc, again, _ = do("svy, or", session=s)
    rc2, alone, _ = do("melogit, or", session=s)
    assert rc == 0 and rc2 == 0 and alone == again
    assert "Design df" in alone and "Odds Ratio" in alone and "Log pseudolikelihood" not in alone


def test_eform_option_on_the_prefix(do, frame):
    # svy.ado's _get_eformopts takes or/irr on svy itself; _prefix_command checks the command allows it
    rc, out, s = do(SVYSET + "\nsvy, or: melogit y x || school:, nolog", frame)
    assert rc == 0, out
    b, V = _bv(s)
    row = next(ln for ln in out.splitlines() if ln.strip().startswith("x |")).split()
    assert "Odds Ratio" in out and float(row[2]) == pytest.approx(np.exp(b[0]), rel=1e-6)
    rc, out, s = do(SVYSET + "\nsvy, irr: melogit y x || school:, nolog", frame)
    assert rc == 198 and "option irr not allowed" in out and "running melogit" not in out
    rc, out, s = do(SVYSET + "\nsvy, or: logit y x", frame)  # not done for the single-level models
    assert rc == 198 and "svy option or is not supported by mlmcli with logit" in out


def test_linear_constraint_gives_the_rank_one_adjusted_f(do, frame):
    # _prefix_model_test: test of the slopes on the constrained V; x = x2 leaves one testable direction
    df = frame.assign(x2=frame.x ** 2 + np.random.default_rng(5).normal(size=len(frame)))
    rc, out, s = do(SVYSET + "\nconstraint 2 x = x2\nsvy: melogit y x x2 || school:, constraints(2) nolog", df)
    assert rc == 0, out
    b, V = _bv(s)
    assert b[0] == pytest.approx(b[1], rel=1e-10) and V[0, 0] == pytest.approx(V[0, 1], rel=1e-8)
    assert s.e.scalars["df_m"] == 1
    assert s.e.scalars["F"] == pytest.approx(b[0] ** 2 / V[0, 0], rel=1e-6)  # (d - 1 + 1)/(d 1) W = W
    assert "F(   1,     21)" in out and "( 1)  [y]x - [y]x2 = 0" in out


def test_final_weight_refusal_is_the_mlib_paragraph(do, frame):
    rc, out, s = do("set linesize 79\nsvyset school [pw=w1]\nsvy: melogit y x || school:", frame)
    assert rc == 459
    assert ("survey final weights not allowed with multilevel models;\n"
            "    a final weight variable was svyset using the [pw=exp] syntax, but\n"
            "    multilevel models require that each stage-level weight variable is svyset\n"
            "    using the stage's corresponding weight() option") in out
    assert "Iteration" not in out and s.e is None


def test_command_replay_takes_nolog_as_me_display_does(do, frame):
    rc, out, s = do(SVYSET + "\nsvy: melogit y x || school:, nolog", frame)
    rc, alone, _ = do("melogit, nolog", session=s)
    rc2, again, _ = do("svy", session=s)
    assert rc == 0 and rc2 == 0 and alone == again
    rc, out, _ = do("svy, nolog", session=s)  # _prefix_display's _get_diopts has no nolog
    assert rc == 198
