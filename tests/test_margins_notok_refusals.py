"""margins refuses a prediction the estimation command lists in e(marginsnotok) as Stata 14-16's
_check_e_margins does -- "predict option <name> not appropriate with margins", r(322), the
list's name in lower case whatever abbreviation was typed; "default predict option ..." when
the list holds ``default`` and no option was typed -- before the model's own r(498) check of a
prediction that depends on more than e(b).  And predict after sem runs sem_p's checks before
printing anything."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mlmcli.ast import Option
from mlmcli.commands.postestimation.margins_notok import check_e_margins
from mlmcli.errors import StataError

STOCHASTIC = "prediction is a function of possibly stochastic quantities other than e(b)"


@pytest.fixture(scope="module")
def frame():
    rng = np.random.default_rng(11)
    n = 300
    x = rng.normal(size=n)
    y = 1 + 2 * x + rng.normal(size=n)
    z = 0.5 * y - x + rng.normal(size=n)
    c = np.digitize(x + rng.normal(size=n), [-0.5, 0.5]) + 1.0
    f = 1 / (1 + np.exp(-(0.3 * x + rng.normal(size=n) / 3)))
    return pd.DataFrame({"x": x, "y": y, "z": z, "c": c, "f": f})


def _refusal(macros: dict, *typed: Option):
    with pytest.raises(StataError) as err:
        check_e_margins(macros, typed)
    return err.value.rc, str(err.value)


# ----- the check itself (_check_e_margins.ado 1.1.0)

def test_the_list_name_is_shown_for_any_abbreviation():
    macros = {"marginsnotok": "stdp stddp SCores"}
    assert _refusal(macros, Option("sc")) == (322, "predict option scores not appropriate with margins")
    assert _refusal(macros, Option("scores")) == (322, "predict option scores not appropriate with margins")
    check_e_margins(macros, (Option("s"),))  # shorter than SC: not the list's, predict judges it
    check_e_margins(macros, (Option("std"),))  # stdp is all lower case: typed in full or not at all
    check_e_margins(macros, (Option("pr"), Option("outcome", "2")))


def test_the_first_entry_of_the_list_is_named():
    macros = {"marginsnotok": "Residuals SCores"}
    assert _refusal(macros, Option("sc"), Option("r")) == (322, "predict option residuals not appropriate with margins")


def test_default_in_the_list_refuses_no_options_only():
    macros = {"marginsnotok": "Pr stdp default", "marginsok": "XB"}
    assert _refusal(macros) == (322, "default predict option not appropriate with margins")
    check_e_margins(macros, (Option("xb"),))
    check_e_margins({"marginsnotok": "stdp"}, ())  # without default: predict's default is fine


def test_passthru_entries_take_an_argument():
    macros = {"marginsnotok": "GRoup(passthru) STDP"}
    assert _refusal(macros, Option("gr", "1")) == (322, "predict option group not appropriate with margins")
    assert _refusal(macros, Option("group")) == (198, "problem parsing options from e(marginsnotok)")


def test_lists_in_conflict():
    assert _refusal({"marginsnotok": "stdp", "marginsok": "XB stdp"}, Option("xb")) == (
        322, "e(marginsok) and e(marginsnotok) are in conflict")


# ----- margins after the commands

@pytest.mark.parametrize("fit, typed, name", [
    ("gmm (y - {b0} - {b1}*x), instruments(x)", "resid", "residuals"),
    ("gmm (y - {b0} - {b1}*x), instruments(x)", "scores", "scores"),
    ("mlogit c x", "sc", "scores"),
    ("mlogit c x", "stddp", "stddp"),
    ("fracreg logit f x", "stdp", "stdp"),
    ("mprobit c x", "stdp", "stdp"),
    ("ivregress 2sls y (x = z)", "r", "residuals"),
])
def test_a_listed_prediction_is_r322(do, frame, fit, typed, name):
    rc, out, s = do(f"quietly {fit}\nmargins, predict({typed})", df=frame)
    assert rc == 322 and out.strip().splitlines()[0] == f"predict option {name} not appropriate with margins", out
    assert "possibly stochastic" not in out


def test_an_unlisted_stochastic_prediction_keeps_r498(do, frame):
    rc, out, s = do("quietly regress y x\nmargins, predict(stdp)", df=frame)  # regress posts no e(marginsnotok)
    assert rc == 498 and STOCHASTIC in out


def test_margins_still_works_with_an_allowed_prediction(do, frame):
    import statsmodels.api as sm

    rc, out, s = do("quietly mlogit c x\nmargins, predict(pr outcome(2))", df=frame)
    assert rc == 0, out
    fit = sm.MNLogit(frame["c"], sm.add_constant(frame[["x"]])).fit(disp=0, tol=1e-12, maxiter=200)
    want = fit.predict().mean(axis=0)[1]  # columns in the order of c's values 1, 2, 3
    assert s.r["table"].values[0, 0] == pytest.approx(want, rel=1e-6)


# ----- predict after sem: sem_p's checks first, nothing printed before a refusal

@pytest.fixture(scope="module")
def sem_fit(frame):
    return "quietly sem (y <- x) (z <- y x)\n"


@pytest.mark.parametrize("typed, rc, message", [
    ("foo", 198, "option foo not allowed"),
    ("xblatent", 198, "option xblatent not allowed for models without latent endogenous variables"),
    ("latent", 198, "option latent not allowed for models without latent variables"),
    ("xb latent", 184, "options latent and xb may not be combined"),
    ("xb(y y)", 198, "xb() invalid;\nduplicate variables not allowed"),
    ("xb(w)", 111, "xb() invalid;\n'w' is not an observed endogenous variable in the fitted model"),
])
def test_predict_after_sem_refuses_before_printing(do, frame, sem_fit, typed, rc, message):
    code, out, s = do(f"{sem_fit}predict p, {typed}", df=frame)
    assert code == rc and out.startswith(message), out
    assert "assumed" not in out and "p" not in s.data.df.columns


def test_predict_after_sem_counts_the_new_variables_after_its_note(do, frame, sem_fit):
    rc, out, s = do(f"{sem_fit}predict p", df=frame)  # two observed endogenous variables
    assert rc == 102 and out.splitlines()[:2] == ["(xb(y z) assumed)", "too few variables specified"]
    rc, out, s = do(f"{sem_fit}predict p q", df=frame)  # computed (predict_sem_observed): the note, then p q
    assert rc == 0 and out.startswith("(xb(y z) assumed)") and {"p", "q"} <= set(s.data.df.columns)
