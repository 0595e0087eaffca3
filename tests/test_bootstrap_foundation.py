"""The shared bootstrap package ``mlmcli.replication``: draws (units, strata, size(), the
idcluster() codes, the stream every earlier vce(bootstrap) used), the summary (_bs_sum's bias,
se, z0, normal/percentile/BC/BCa intervals, mse, ties; JKAccel's acceleration) checked against
R's boot package on mlm's own replicates (tests/bootstrap_reference: make_replicates.py ->
replicates.json -> boot_reference.R -> boot_reference.json), the replicate dataset, e() and
``estat bootstrap``."""
from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest

from mlmcli.errors import StataError
from mlmcli.replication.draws import bootstrap_replicates, draw, resampling_units
from mlmcli.replication.summary import acceleration, bootstrap_summary, stata_percentile

REF = Path(__file__).resolve().parent / "bootstrap_reference"
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def reference():
    return json.loads((REF / "replicates.json").read_text()), json.loads((REF / "boot_reference.json").read_text())


# ------------------------------------------------------------------ percentiles (_pctile)
@pytest.mark.parametrize("p, expected", [(50, 2.5), (25, 1.5), (10, 1.0), (30, 2.0), (99, 4.0), (75, 3.5)])
def test_stata_percentile_definition(p, expected):
    # n = 4: P = 4p/100; whole P averages x_(P), x_(P+1); else x_(floor(P)+1)
    assert stata_percentile(np.array([4.0, 1.0, 3.0, 2.0]), p) == expected


def test_percentile_outside_0_100_is_missing():
    assert np.isnan(stata_percentile(np.arange(5.0), 0)) and np.isnan(stata_percentile(np.arange(5.0), 100))


# ------------------------------------------------------------------ against R's boot
def test_summary_matches_boot_ci(reference):
    data, ref = reference
    B, b, J = np.array(data["replicates"]), np.array(data["observed"]), np.array(data["jackknife"])
    stats = bootstrap_summary(B, b, level=95, accel=acceleration(J, b))
    for j, r in enumerate(ref["stats"]):
        assert stats.bias[j] == pytest.approx(r["bias"], rel=1e-10, abs=1e-14)
        assert stats.se[j] == pytest.approx(r["se"], rel=1e-12)
        assert stats.b_bs[j] == pytest.approx(b[j] + r["bias"], rel=1e-12)
        # R = 999 at 95%: boot.ci's order statistics are _pctile's
        assert list(stats.ci_percentile[:, j]) == pytest.approx(r["percentile"], rel=1e-13)
        assert stats.z0[j] == pytest.approx(r["z0"], rel=1e-12)
        assert stats.accel[j] == pytest.approx(r["acceleration"], rel=1e-10)
        assert list(stats.ci_bc[:, j]) == pytest.approx(r["bc_type2"], rel=1e-13)
        assert list(stats.ci_bca[:, j]) == pytest.approx(r["bca_type2"], rel=1e-13)
        # boot.ci's own BCa ends interpolate between the same order statistics' neighbours
        assert abs(stats.ci_bca[0, j] - r["bca_interpolated"][0]) < 0.01 * stats.se[j]
    assert stats.n_reps == 999 and stats.n_misreps == 0 and stats.vcetype == "Bootstrap"
    assert np.allclose(np.sqrt(np.diag(stats.V)), stats.se, rtol=1e-12)
    z = 1.959963984540054
    assert np.allclose(stats.ci_normal, np.vstack([b - z * stats.se, b + z * stats.se]), rtol=1e-14)


def test_ties_option_matches_reference(reference):
    data, ref = reference
    t, b = np.array(data["ties_replicates"])[:, None], np.array(data["ties_observed"])
    plain = bootstrap_summary(t, b)
    tied = bootstrap_summary(t, b, ties=True)
    assert plain.z0[0] == pytest.approx(ref["ties"]["z0"], rel=1e-12)
    assert tied.z0[0] == pytest.approx(ref["ties"]["z0_ties"], abs=1e-12)
    assert list(tied.ci_bc[:, 0]) == pytest.approx(ref["ties"]["bc_ties"])


def test_mse_variance_and_missing_replicates_hand_derived():
    B = np.array([[1.0, 2.0], [3.0, np.nan], [2.0, 4.0], [4.0, 6.0]])
    b = np.array([2.0, 3.0])
    s = bootstrap_summary(B, b, mse=True)
    good = B[[0, 2, 3]]
    assert s.n_reps == 3 and s.n_misreps == 1 and s.vcetype == "Bstrap *"
    assert np.allclose(s.V, (good - b).T @ (good - b) / 3)
    assert np.allclose(s.se, good.std(axis=0, ddof=1))  # se stays the replicates' sd
    assert np.allclose(s.bias, good.mean(axis=0) - b)


def test_z0_missing_when_every_replicate_is_above():
    s = bootstrap_summary(np.array([[2.0], [3.0], [4.0]]), np.array([1.0]), accel=np.array([0.1]))
    assert np.isnan(s.z0[0]) and np.all(np.isnan(s.ci_bc)) and np.all(np.isnan(s.ci_bca))
    assert list(s.ci_percentile[:, 0]) == [2.0, 4.0]


def test_acceleration_is_efron_and_constant_is_zero():
    rng = np.random.default_rng(1)
    J = rng.gamma(2.0, size=(30, 2))
    b = np.array([1.0, 2.0])
    d = J.mean(axis=0) - J
    efron = (d ** 3).sum(axis=0) / (6 * ((d ** 2).sum(axis=0)) ** 1.5)
    assert np.allclose(acceleration(J, b), efron, rtol=1e-9)
    assert acceleration(np.zeros((5, 1)), np.zeros(1))[0] == 0.0  # pseudovalues' mean and sd 0


# ------------------------------------------------------------------ draws
def test_units_strata_and_idcluster_codes():
    clusters = np.array([5, 5, 7, 9, 9, 9, 11])
    strata = np.array([1, 1, 1, 2, 2, 2, 2])
    units = resampling_units(7, clusters, strata)
    assert [list(m) for m in units.members] == [[0, 1], [2], [3, 4, 5], [6]]
    assert [list(g) for g in units.strata] == [[0, 1], [2, 3]] and units.n_strata == 2
    sample = draw(units, np.random.default_rng(3))
    assert len(sample.units) == 4 and set(sample.units[:2]) <= {0, 1} and set(sample.units[2:]) <= {2, 3}
    sizes = [len(units.members[u]) for u in sample.units]
    assert list(sample.codes) == list(np.repeat(np.arange(4), sizes))  # each copy its own cluster
    assert list(sample.rows) == [r for u in sample.units for r in units.members[u]]


def test_size_draws_that_many_per_stratum_and_checks_it():
    units = resampling_units(6, strata=np.array([0, 0, 0, 1, 1, 1]), size=2)
    sample = draw(units, np.random.default_rng(0))
    assert len(sample.rows) == 4 and set(sample.rows[:2]) <= {0, 1, 2} and set(sample.rows[2:]) <= {3, 4, 5}
    with pytest.raises(StataError) as err:
        resampling_units(4, clusters=np.array([1, 1, 2, 3]), size=4)
    assert err.value.rc == 498 and "size() must not be greater than number of clusters" in str(err.value)
    with pytest.raises(StataError) as err:
        resampling_units(3, size=4)
    assert err.value.rc == 498


def test_one_stratum_keeps_the_earlier_stream():
    # every earlier vce(bootstrap) drew rng.integers(0, G, G) per replicate: same numbers now
    units = resampling_units(5, clusters=np.array([0, 0, 1, 2, 2]))
    got = bootstrap_replicates(lambda rows, codes: np.array([float(rows.sum()), float(codes.max())]), units, 3,
                               np.random.default_rng(9), 2)
    rng = np.random.default_rng(9)
    members = [[0, 1], [2], [3, 4]]
    for r in range(3):
        picks = rng.integers(0, 3, size=3)
        assert got[r, 0] == sum(sum(members[g]) for g in picks) and got[r, 1] == 2


def test_failed_and_rejected_replicates_are_missing_rows():
    units = resampling_units(4)
    calls = iter(range(10))

    def estimate(rows, codes):
        i = next(calls)
        if i == 0:
            raise np.linalg.LinAlgError("singular")
        return np.array([np.nan]) if i == 1 else np.array([1.0])
    marks = []
    B = bootstrap_replicates(estimate, units, 3, np.random.default_rng(0), 1, marks.append)
    assert marks == [False, False, True] and np.isnan(B[:2]).all() and B[2, 0] == 1.0


# ------------------------------------------------------------------ replicate dataset
def test_replicate_dataset_names_and_characteristics(tmp_path):
    from mlmcli.fileformats.dta_read import read_dta
    from mlmcli.replication.replicate_dataset import coefficient_variables, replicate_dataset, save_replicates

    names = [v["name"] for v in coefficient_variables(["ses", "1b.sector", "_cons"])]
    assert names == ["_b_ses", "_bs_2", "_b_cons"]
    multi = coefficient_variables(["out:x", "out:_cons", "2:x", "/:lnalpha"])
    assert [v["name"] for v in multi] == ["out_b_x", "out_b_cons", "_eq2_b_x", "_eq3_b_lnalpha"]
    assert multi[2]["expression"] == "[2]_b[x]"
    B = np.array([[1.5, 2.25], [0.5, -0.25]])
    ds = replicate_dataset(B, ["ses", "_cons"], [1.0, 0.5], command="regress y ses", cmdname="regress", seed=12,
                           n_obs=40, cluster="school", n_cluster=8, accel=[0.01, -0.02])
    path = tmp_path / "reps.dta"
    save_replicates(ds, {"filename": str(path), "replace": False})
    back = read_dta(str(path))[0]
    assert back.label == "bootstrap: regress" and list(back.varnames) == ["_b_ses", "_b_cons"]
    assert back.types["_b_ses"] == "float" and back.var_labels["_b_cons"] == "_b[_cons]"
    assert np.allclose(back.numeric("_b_cons"), [2.25, -0.25])
    c = back.chars
    assert (c["bs_version"], c["N"], c["N_cluster"], c["cluster"], c["command"], c["seed"]) == (
        "3", "40", "8", "school", "regress y ses", "12")
    assert (c["_b_ses[observed]"], c["_b_cons[observed]"], c["_b_ses[acceleration]"]) == ("1", ".5", ".01")
    assert c["_b_ses[expression]"] == "_b[ses]" and c["_b_ses[colname]"] == "ses" and c["_b_ses[is_eexp]"] == "1"
    with pytest.raises(StataError) as err:
        save_replicates(ds, {"filename": str(path), "replace": False})
    assert err.value.rc == 602


# ------------------------------------------------------------------ e() and estat bootstrap
def _session_with(stats, colnames, **macros):
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.replication.ereturn import bootstrap_macros, bootstrap_matrices, bootstrap_scalars
    from mlmcli.results.matrix import Matrix
    from mlmcli.runner import Runner
    from mlmcli.session import Output, Session

    s = Session(out=Output(io.StringIO()))
    k = len(colnames)
    matrices = {"b": Matrix(stats.observed.reshape(1, -1), ("y1",), tuple(colnames)),
                "V": Matrix(stats.V, tuple(colnames), tuple(colnames)), **bootstrap_matrices(stats, colnames)}
    s.e = EstimationResults(cmd="regress", scalars={"N": 40.0, **bootstrap_scalars(stats)},
                            macros={"title": "Linear regression", "depvar": "y", **bootstrap_macros(stats), **macros},
                            matrices=matrices)
    assert k == stats.observed.size
    return s, Runner(s)


def test_estat_bootstrap_all_table(reference):
    data, _ = reference
    B, b, J = np.array(data["replicates"]), np.array(data["observed"]), np.array(data["jackknife"])
    stats = bootstrap_summary(B, b, accel=acceleration(J, b))
    s, r = _session_with(stats, ["_cons", "x", "mean"])
    assert r.run_text("estat bootstrap, all", stop_on_error=False) == 0
    lines = s.out.stream.getvalue().split("\n")
    head = [ln for ln in lines if ln.startswith("Linear regression")][0]
    assert head.index("Number of obs") == 48 and head.endswith("40") and len(head) == 78
    assert "             |    Observed               Bootstrap" in lines
    assert "           y |       Coef.       Bias    Std. Err.  [95% Conf. Interval]" in lines
    i = next(n for n, ln in enumerate(lines) if ln.startswith("       _cons |"))
    row = lines[i]
    assert row.endswith("   (N)") and len(row) == 78
    assert float(row[14:26]) == pytest.approx(b[0], rel=1e-6)
    assert float(row[28:37]) == pytest.approx(stats.bias[0], rel=1e-4)
    assert float(row[41:50]) == pytest.approx(stats.se[0], rel=1e-5)
    assert float(row[52:61]) == pytest.approx(stats.ci_normal[0, 0], rel=1e-5)
    tags = [lines[i + m][73:] for m in range(4)]
    assert tags == ["  (N)", "  (P)", " (BC)", "(BCa)"]
    assert float(lines[i + 3][52:61]) == pytest.approx(stats.ci_bca[0, 0], rel=1e-5)
    assert lines[-5:-1] == ["(N)    normal confidence interval", "(P)    percentile confidence interval",
                          "(BC)   bias-corrected confidence interval",
                          "(BCa)  bias-corrected and accelerated confidence interval"]


def test_estat_bootstrap_default_is_bc_and_errors():
    stats = bootstrap_summary(np.array([[1.0], [2.0], [3.0], [5.0]]), np.array([2.5]))
    s, r = _session_with(stats, ["x"])
    assert r.run_text("estat boot, nolegend", stop_on_error=False) == 0
    out = s.out.stream.getvalue()
    assert " (BC)" in out and "(N)" not in out and "bias-corrected confidence" not in out
    assert r.run_text("estat bootstrap, bca", stop_on_error=False) == 198
    s.e = None
    s.out.stream.truncate(0)
    assert r.run_text("estat bootstrap", stop_on_error=False) == 301
    assert "last estimates not found" in s.out.stream.getvalue()
