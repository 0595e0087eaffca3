"""``vce(bootstrap, reject(exp))`` on glm, xtgee, clogit, xtreg re/mle, xtlogit/xtprobit/xtpoisson
(re and fe) -- bootstrap_run's check, which these commands now feed with e(b)'s names -- and
xtgee's ``force`` with weights.

reject() changes no draw: a replicate where it is true is missing (``x``), the others are the
replicates of the same seed without reject(), and e(V) is the covariance of those left
(_bs_sum); true with the full sample's e(b) is r(9) ("bootstrap rejected results from cmd while
using the entire dataset"), an expression that cannot be evaluated r(198)."""
from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest

from mlmcli.runner import Runner
from mlmcli.session import Output, Session

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def hsb():
    s = Session(out=Output(io.StringIO()))
    r = Runner(s)
    assert r.run_text(f"use {ROOT / 'samples/data/hsb.dta'}, clear\nkeep if school < 1500\n"
                      "generate hi = mathach > 13\ngenerate cnt = max(0, round(mathach/3))\n"
                      "generate w = 1 + mod(school, 3)\nxtset school", stop_on_error=False) == 0
    return s, r


def _run(hsb, text):
    s, r = hsb
    s.out.stream.truncate(0)
    s.out.stream.seek(0)
    rc = r.run_text(text, stop_on_error=False)
    return rc, s.out.stream.getvalue()


def _replicates(path):
    from mlmcli.fileformats.dta_read import read_dta

    ds = read_dta(f"{path}.dta")[0]
    return ds.varnames, np.column_stack([ds.numeric(v) for v in ds.varnames])


CASES = [  # command, reject()'s statistic (e(b)'s name as the expression reads it), its column in the file
    ("glm hi ses, family(binomial)", "_b[ses]", 0),
    ("xtgee hi ses, family(binomial) link(logit)", "_b[ses]", 0),
    ("clogit hi ses, group(school)", "_b[ses]", 0),
    ("xtreg mathach ses, re", "_b[ses]", 0),
    ("xtreg mathach ses, mle", "[sigma_u]_b[_cons]", 2),
    ("xtlogit hi ses, re", "[lnsig2u]_b[_cons]", 2),
    ("xtlogit hi ses, fe", "_b[ses]", 0),
    ("xtprobit hi ses", "[hi]_b[ses]", 0),
    ("xtpoisson cnt ses, re", "[lnalpha]_b[_cons]", 2),
    ("xtpoisson cnt ses, fe", "_b[ses]", 0),
]


@pytest.mark.parametrize("command, stat, column", CASES)
def test_reject_leaves_the_same_draws_missing(hsb, tmp_path, command, stat, column):
    sep = "," if "," not in command else ""
    plain, rejected = tmp_path / "plain", tmp_path / "rejected"
    rc, text = _run(hsb, f"{command}{sep} vce(bootstrap, reps(12) seed(4) nodots saving({plain}, double))")
    assert rc == 0, text
    names, B = _replicates(plain)
    observed = np.asarray(hsb[0].e.matrices["b"].values, float).ravel()
    cut = float(max(np.nanmedian(B[:, column]), observed[column]))  # not true with the full sample's e(b)
    rc, text = _run(hsb, f"{command}{sep} vce(bootstrap, reps(12) seed(4) saving({rejected}, double) "
                         f"reject({stat} > {cut!r}))")
    assert rc == 0, text
    e = hsb[0].e
    names2, R = _replicates(rejected)
    assert names2 == names
    failed = np.any(np.isnan(B), axis=1)  # a replicate that did not fit is missing either way
    gone = failed | (B[:, column] > cut)
    assert 0 < (gone & ~failed).sum() and gone.sum() < 11
    assert np.all(np.isnan(R[gone])) and np.array_equal(R[~gone], B[~gone])
    assert e.scalars["N_reps"] == 12 - gone.sum() and e.scalars["N_misreps"] == gone.sum()
    dots = text.split("Bootstrap replications (12)")[1].split("\n")[2]
    assert dots.count("x") == gone.sum()
    V = np.asarray(e.matrices["V"].values, float)
    np.testing.assert_allclose(V, np.atleast_2d(np.cov(R[~gone], rowvar=False, ddof=1)), rtol=1e-9)


@pytest.mark.parametrize("command", [c for c, _, _ in CASES])
def test_reject_true_on_the_full_sample_and_not_evaluable(hsb, command):
    sep = "," if "," not in command else ""
    cmdname = command.split()[0]
    before = list(hsb[0].data.varnames)
    rc, text = _run(hsb, f"{command}{sep} vce(bootstrap, reps(5) nodots reject(_b[ses] < 100))")
    assert rc == 9 and f"bootstrap rejected results from {cmdname} while using the entire dataset" in text, text
    rc, text = _run(hsb, f"{command}{sep} vce(bootstrap, reps(5) nodots reject(_b[nosuch] > 0))")
    assert rc == 198 and "reject() incorrectly specified" in text, text
    assert list(hsb[0].data.varnames) == before


def test_xtgee_force_weights_each_replicate(hsb, tmp_path):
    """vce(bootstrap, force) with weights: each replicate is xtgee with the weights of the rows
    drawn (corr(independent): weighted least squares on the drawn panels, reproduced from the
    same stream); without force bootstrap.ado's r(101)."""
    from mlmcli.replication.draws import draw, resampling_units

    out = tmp_path / "w"
    for weight in ("pw", "fw", "iw"):
        rc, text = _run(hsb, f"xtgee mathach ses [{weight}=w], corr(independent) vce(bootstrap, reps(10) seed(6) "
                             f"force nodots saving({out}, double replace))")
        assert rc == 0, text
        ds = hsb[0].data
        school = ds.numeric("school")
        assert np.all(np.diff(school) >= 0)  # the panels' order is the data's
        y, x, w = ds.numeric("mathach"), ds.numeric("ses"), ds.numeric("w")
        X = np.column_stack([x, np.ones_like(x)]) * np.sqrt(w)[:, None]
        units = resampling_units(len(y), np.unique(school, return_inverse=True)[1], None, None)
        rng = np.random.default_rng(6)
        expected = np.array([np.linalg.lstsq(X[d.rows], (y * np.sqrt(w))[d.rows], rcond=None)[0]
                             for d in (draw(units, rng) for _ in range(10))])
        _, B = _replicates(out)
        np.testing.assert_allclose(B, expected, rtol=1e-8)
        np.testing.assert_allclose(np.asarray(hsb[0].e.matrices["V"].values, float), np.cov(B, rowvar=False),
                                   rtol=1e-10)
    rc, text = _run(hsb, "xtgee mathach ses [pw=w], vce(bootstrap, reps(5) nodots)")
    assert rc == 101 and "weights not allowed" in text


@pytest.mark.parametrize("command", ["xtreg mathach ses, fe", "glm hi ses, family(binomial)",
                                     "regress mathach ses"])
@pytest.mark.parametrize("reject", ["e(ll) < -100", "_se[ses] > 1"])
def test_reject_reading_other_results_is_refused(hsb, command, reject):
    """The replicates' e() holds e(b) and e(N) only: another e() result or _se[] is mlm's refusal
    (before anything runs), not a missing value that Stata would not see."""
    sep = "," if "," not in command else ""
    before = list(hsb[0].data.varnames)
    rc, text = _run(hsb, f"{command}{sep} vce(bootstrap, reps(5) reject({reject}))")
    assert rc == 198 and "not supported by mlmcli" in text and "Bootstrap replications" not in text, text
    assert list(hsb[0].data.varnames) == before
