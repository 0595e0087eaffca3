"""``vce(bootstrap, options)`` honoured through the shared ``mlmcli.replication`` package:
the replicates (reproduced independently from the same stream: numpy's generator seeded by
seed(), units drawn per stratum, least squares on the rows drawn), saving()'s file and its
characteristics, e(b_bs)/e(bias)/e(se)/e(V) (mse)/e(ci_*) from those replicates, bca's
acceleration from the leave-one-cluster-out fits, reject(), level(), dots(#), idcluster(), and
Stata's errors; the same options on logit, mlogit, glm, streg, xtreg, xtgee and clogit."""
from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest

from mlmcli.replication.draws import draw, resampling_units
from mlmcli.replication.summary import acceleration, bootstrap_summary
from mlmcli.runner import Runner
from mlmcli.session import Output, Session

ROOT = Path(__file__).resolve().parents[1]


def _session():
    s = Session(out=Output(io.StringIO()))
    r = Runner(s)
    assert r.run_text(f"use {ROOT / 'samples/data/hsb.dta'}, clear\nkeep if school < 1500\n"
                      "generate hi = mathach > 13", stop_on_error=False) == 0
    return s, r


def _run(s, r, text):
    s.out.stream.truncate(0)
    s.out.stream.seek(0)
    rc = r.run_text(text, stop_on_error=False)
    return rc, s.out.stream.getvalue()


def _matrix(s, name):
    return np.asarray(s.e.matrices[name].values, float)


def _saved(path):
    from mlmcli.fileformats.dta_read import read_dta

    return read_dta(str(path))[0]


def test_regress_strata_cluster_size_saving_reproduced(tmp_path):
    s, r = _session()
    out = tmp_path / "reps.dta"
    rc, text = _run(s, r, f"regress mathach ses, vce(bootstrap, reps(25) seed(42) strata(sector) cluster(school) "
                          f"idcluster(newid) size(5) saving({out}, double) nodots)")
    assert rc == 0, text
    e = s.e
    assert (e.scalars["N_strata"], e.scalars["N_clust"], e.macros["size"], e.macros["strata"]) == (2.0, 13.0, "5", "sector")
    assert e.macros["clustvar"] == "school" and e.scalars["N_reps"] == 25
    # the replicates again, independently: the same stream, units per stratum, OLS on the rows
    ds = s.data
    sample = np.asarray(e.sample, bool)
    y, x = ds.numeric("mathach")[sample], ds.numeric("ses")[sample]
    X = np.column_stack([x, np.ones_like(x)])
    units = resampling_units(len(y), ds.numeric("school")[sample], ds.numeric("sector")[sample], 5)
    rng = np.random.default_rng(42)
    expected = np.array([np.linalg.lstsq(X[d.rows], y[d.rows], rcond=None)[0]
                         for d in (draw(units, rng) for _ in range(25))])
    saved = _saved(out)
    B = np.column_stack([saved.numeric("_b_ses"), saved.numeric("_b_cons")])
    assert np.allclose(B, expected, rtol=1e-12)
    assert saved.types["_b_ses"] == "double"
    c = saved.chars
    assert (c["bs_version"], c["strata"], c["N_strata"], c["cluster"], c["N_cluster"], c["N"], c["seed"]) == (
        "3", "sector", "2", "school", "13", "530", "42")
    assert float(c["_b_ses[observed]"]) == pytest.approx(_matrix(s, "b")[0, 0], rel=1e-15)
    # e() from those replicates: _bs_sum's formulas
    stats = bootstrap_summary(B, _matrix(s, "b")[0])
    for name in ("b_bs", "bias", "se", "z0"):
        assert np.allclose(_matrix(s, name)[0], getattr(stats, name), rtol=1e-12), name
    for name in ("ci_normal", "ci_percentile", "ci_bc"):
        assert np.allclose(_matrix(s, name), getattr(stats, name), rtol=1e-12), name
    assert np.allclose(_matrix(s, "V"), np.cov(B, rowvar=False, ddof=1), rtol=1e-12)
    # idcluster(): group(school), kept in the data
    school = ds.numeric("school")
    assert np.array_equal(ds.numeric("newid"), np.unique(school, return_inverse=True)[1] + 1.0)


def test_regress_mse_bca_level_title_and_estat(tmp_path):
    s, r = _session()
    out = tmp_path / "b.dta"
    rc, text = _run(s, r, f"regress mathach ses, vce(bootstrap, reps(30) seed(7) cluster(school) bca mse level(90) "
                          f"title(Bootstrapped OLS) saving({out}, double))")
    assert rc == 0, text
    lines = text.split("\n")
    # bca: JKAccel's jackknife first (its own running note), then bootstrap's dots without one
    i = lines.index("(running regress on estimation sample)")
    assert lines[i + 2] == "Jackknife replications (13)"
    assert text.count("(running regress on estimation sample)") == 1 and "Bootstrap replications (30)" in text
    assert any(ln.startswith("Bootstrapped OLS") and "Number of obs" in ln for ln in lines)
    assert "[90% Conf. Interval]" in text and s.e.macros["title"] == "Bootstrapped OLS"
    assert s.e.macros["vcetype"] == "Bstrap *" and s.e.macros["mse"] == "mse" and s.e.scalars["level"] == 90
    saved = _saved(out)
    B = np.column_stack([saved.numeric("_b_ses"), saved.numeric("_b_cons")])
    b = _matrix(s, "b")[0]
    assert np.allclose(_matrix(s, "V"), (B - b).T @ (B - b) / 30, rtol=1e-12)  # mse: about b, over n
    # acceleration from the leave-one-school-out fits
    ds = s.data
    sample = np.asarray(s.e.sample, bool)
    y, x, g = ds.numeric("mathach")[sample], ds.numeric("ses")[sample], ds.numeric("school")[sample]
    X = np.column_stack([x, np.ones_like(x)])
    J = np.array([np.linalg.lstsq(X[g != v], y[g != v], rcond=None)[0] for v in np.unique(g)])
    a = acceleration(J, b)
    assert np.allclose(_matrix(s, "accel")[0], a, rtol=1e-10)
    assert float(saved.chars["_b_ses[acceleration]"]) == pytest.approx(a[0], rel=1e-14)
    stats = bootstrap_summary(B, b, level=90, mse=True, accel=a)
    assert np.allclose(_matrix(s, "ci_bca"), stats.ci_bca, rtol=1e-12)
    rc, text = _run(s, r, "estat bootstrap, bca percentile")
    assert rc == 0, text
    row = next(ln for ln in text.split("\n") if ln.startswith("         ses |"))
    assert row.endswith("  (P)") and float(row[52:61]) == pytest.approx(stats.ci_percentile[0, 0], rel=1e-6)
    assert "[90% Conf. Interval]" in text and "Bstrap *" in text


def test_reject_ties_and_dots_every(tmp_path):
    s, r = _session()
    out = tmp_path / "r.dta"
    rc, text = _run(s, r, f"regress mathach ses, vce(bootstrap, reps(40) seed(3) reject(_b[ses] > 4.3) ties "
                          f"dots(10) saving({out}))")
    assert rc == 0, text
    lines = text.split("\n")
    i = lines.index("Bootstrap replications (40)")
    assert lines[i + 2].rstrip().endswith("40") and len(lines[i + 2].split()[0]) == 4  # a mark every 10th
    saved = _saved(out)
    ses = saved.numeric("_b_ses")
    rejected = int(np.isnan(ses).sum())
    assert rejected > 0 and np.all(ses[~np.isnan(ses)] <= 4.3 + 1e-6)
    assert s.e.scalars["N_reps"] == 40 - rejected and s.e.scalars["N_misreps"] == rejected
    assert s.e.macros["ties"] == "ties"


@pytest.mark.parametrize("options, rc, message", [
    ("group(school)", 198, "group() can only be specified with the idcluster() option"),
    ("idcluster(nid)", 198, "idcluster() can only be specified with the cluster() option"),
    ("jackknifeopts(nodots)", 198, "option jackknifeopts() requires the bca option"),
    ("cluster(school) size(14)", 498, "size() must not be greater than number of clusters"),
    ("reps(1)", 198, "reps() must be an integer greater than 1"),
    ("bogus", 198, "option bogus not allowed"),
    ("reject(_b[ses] > 0)", 9, "bootstrap rejected results from regress while using the entire dataset"),
    ("strata(nosuch)", 111, "variable nosuch not found"),
    ("nodrop", 198, "vce(bootstrap, nodrop) not supported by mlmcli with regress"),
])
def test_regress_errors(options, rc, message):
    s, r = _session()
    before = list(s.data.varnames)
    got, text = _run(s, r, f"regress mathach ses, vce(bootstrap, reps(5) nodots {options})")
    assert got == rc and message in text, text
    assert list(s.data.varnames) == before


def test_saving_existing_file_is_r602_before_the_replicates(tmp_path):
    s, r = _session()
    (tmp_path / "x.dta").write_bytes(b"not a dataset")
    rc, text = _run(s, r, f"regress mathach ses, vce(bootstrap, reps(5) saving({tmp_path / 'x'}))")
    assert rc == 602 and "already exists" in text and "Bootstrap replications" not in text


def test_logit_options_and_refusals(tmp_path):
    s, r = _session()
    out = tmp_path / "l.dta"
    rc, text = _run(s, r, f"logit hi ses, vce(bootstrap, reps(20) seed(5) nodots strata(sector) cluster(school) "
                          f"level(80) saving({out}))")
    assert rc == 0, text
    assert "[80% Conf. Interval]" in text and s.e.scalars["N_strata"] == 2 and s.e.scalars["N_clust"] == 13
    saved = _saved(out)
    assert saved.chars["hi_b_ses[expression]"] == "[hi]_b[ses]"
    B = np.column_stack([saved.numeric("hi_b_ses"), saved.numeric("hi_b_cons")]).astype(np.float32)
    assert np.allclose(_matrix(s, "b_bs")[0], B.astype(float).mean(axis=0), rtol=1e-5)  # float storage
    rc, text = _run(s, r, "logit hi ses, vce(bootstrap, reps(5) verbose)")  # notable is honoured now
    assert rc == 198 and "vce(bootstrap, verbose) not supported by mlmcli with logit" in text, text
    rc, text = _run(s, r, f"logit hi ses, vce(bootstrap, reps(20) seed(1) nodots reject(_b[ses] > 1.3) "
                          f"saving({out}, replace))")
    ses = _saved(out).numeric("hi_b_ses")
    assert rc == 0 and np.isnan(ses).sum() == s.e.scalars["N_misreps"] > 0, text
    assert np.all(ses[~np.isnan(ses)] <= 1.3)
    rc, text = _run(s, r, "mlogit hi ses, vce(bootstrap, reps(10) seed(1) nodots reject([1]_b[ses] > 1.25))")
    assert rc == 0 and s.e.scalars["N_misreps"] > 0, text
    rc, text = _run(s, r, "glm hi ses, family(binomial) vce(bootstrap, reps(10) seed(1) nodots reject(_b[ses] > 1.25))")
    assert rc == 0 and s.e.scalars["N_misreps"] > 0, text  # glm and the panel commands: test_bootstrap_reject_panel
    rc, text = _run(s, r, "generate w = 1 + mod(_n, 2)\nlogit hi ses [fw=w], vce(bootstrap, reps(5) nodots)")
    assert rc == 101 and "weights not allowed" in text
    rc, text = _run(s, r, "logit hi ses [fw=w], vce(bootstrap, reps(5) seed(1) nodots force)")
    assert rc == 0 and s.e.scalars["N"] == float(s.data.numeric("w").sum())


def test_estat_bootstrap_without_bootstrap_results_is_r301():
    s, r = _session()
    rc, text = _run(s, r, "quietly regress mathach ses\nestat bootstrap")
    assert rc == 301 and "last estimates not found" in text


def test_commands_posting_bootstrap_results():
    s, r = _session()
    _run(s, r, "generate cat = 1 + (mathach > 10) + (mathach > 17)\nxtset school")
    for command in ("mlogit cat ses", "ologit cat ses", "glm hi ses, family(binomial)", "poisson cat ses",
                    "xtreg mathach ses, fe", "xtgee hi ses, family(binomial) link(logit)",
                    "clogit hi ses, group(school)"):
        sep = "," if "," not in command else ""
        rc, text = _run(s, r, f"{command}{sep} vce(bootstrap, reps(8) seed(2) nodots)")
        assert rc == 0, (command, text)
        assert "ci_bc" in s.e.matrices and s.e.scalars["N_reps"] + s.e.scalars["N_misreps"] == 8, command
        rc, text = _run(s, r, "estat bootstrap, all")
        assert rc == 0 and "(BC)   bias-corrected confidence interval" in text, (command, text)


@pytest.mark.parametrize("command", ["xtreg mathach ses, fe", "xtgee hi ses", "xtlogit hi ses, re",
                                     "clogit hi ses, group(school)"])
def test_own_panels_refuse_a_cluster_in_vce(command):
    s, r = _session()
    _run(s, r, "xtset school")
    rc, text = _run(s, r, f"{command} vce(bootstrap, reps(5) cluster(sector))".replace("ses ", "ses, ")
                    if "," not in command else f"{command} vce(bootstrap, reps(5) cluster(sector))")
    assert rc == 198 and ("option cluster() not allowed" in text or "not allow" in text), text


def test_xtreg_reject():
    s, r = _session()
    _run(s, r, "xtset school")
    rc, text = _run(s, r, "xtreg mathach ses, fe vce(bootstrap, reps(10) seed(1) nodots reject(_b[ses] > 2.6))")
    assert rc == 0 and s.e.scalars["N_misreps"] > 0 and s.e.scalars["N_reps"] + s.e.scalars["N_misreps"] == 10
    rc, text = _run(s, r, "xtreg mathach ses, mle vce(bootstrap, reps(10) seed(1) nodots reject(_b[ses] > 3))")
    assert rc == 0 and s.e.scalars["N_misreps"] > 0, text


def test_streg_strata_and_stcox_size():
    s, r = _session()
    _run(s, r, "generate t = 1 + mod(_n, 17)\ngenerate d = mod(_n, 3) > 0\nstset t, failure(d)")
    rc, text = _run(s, r, "streg ses, dist(exponential) vce(bootstrap, reps(6) seed(1) nodots strata(sector))")
    assert rc == 0 and s.e.scalars["N_strata"] == 2, text
    rc, text = _run(s, r, "stcox ses, vce(bootstrap, reps(6) seed(1) nodots size(300) level(90))")
    assert rc == 0 and s.e.macros["size"] == "300" and "[90% Conf. Interval]" in text, text


@pytest.mark.parametrize("command", ["mlogit hi ses,", "glm hi ses, family(binomial)", "xtgee hi ses,",
                                     "clogit hi ses, group(school)", "xtlogit hi ses, re", "xtlogit hi ses, fe",
                                     "xtreg mathach ses, be"])
def test_strata_and_size_everywhere(command):
    s, r = _session()
    _run(s, r, "xtset school")
    rc, text = _run(s, r, f"{command} vce(bootstrap, reps(6) seed(4) nodots strata(sector) size(2))")
    assert rc == 0, text
    assert s.e.scalars["N_strata"] == 2 and s.e.macros["size"] == "2" and s.e.macros["strata"] == "sector"


def test_regress_force_with_fweights_weights_each_replicate(tmp_path):
    s, r = _session()
    out = tmp_path / "fw.dta"
    _run(s, r, "generate w = 1 + mod(_n, 3)")
    rc, text = _run(s, r, "regress mathach ses [fw=w], vce(bootstrap, reps(5) nodots)")
    assert rc == 101 and "weights not allowed" in text
    rc, text = _run(s, r, f"regress mathach ses [fw=w], vce(bootstrap, reps(12) seed(8) nodots force "
                          f"saving({out}, double))")
    assert rc == 0, text
    ds = s.data
    y, x, w = ds.numeric("mathach"), ds.numeric("ses"), ds.numeric("w")
    X = np.column_stack([x, np.ones_like(x)])
    rng = np.random.default_rng(8)
    units = resampling_units(len(y))
    expected = []
    for _ in range(12):
        rows = draw(units, rng).rows
        root = np.sqrt(w[rows])
        expected.append(np.linalg.lstsq(X[rows] * root[:, None], y[rows] * root, rcond=None)[0])
    saved = _saved(out)
    assert np.allclose(np.column_stack([saved.numeric("_b_ses"), saved.numeric("_b_cons")]), expected, rtol=1e-10)
    assert s.e.scalars["N"] == w.sum()
