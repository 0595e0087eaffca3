"""The variance, covariance and cutpoint rows of mixed's and the me commands' own tables after
the ``bootstrap`` and ``jackknife`` prefixes: each row's SE is the replicates' spread of the
parameter in the metric e(b) holds (Stata bootstraps e(b)).

The me commands' e(b) holds the variances and covariances themselves (``var(_cons[id]):_cons``;
metobit's and meintreg's ``var(e.y):_cons`` after them), so a row's SE is the standard deviation
of its column in the saving() dataset; mixed's e(b) holds ln sd and atanh corr
(``lns1_1_1:_cons``, ``atr1_1_1_2:_cons``, ``lnsig_e:_cons``), so its rows' SEs are the delta
method over the replicates' covariance of those.  The expected SEs are computed here with numpy
from the replicate dataset the prefix saved, not from e(V).  (Before: metobit's var(_cons) row
showed var(e.y)'s replicate SE, and var(e.y) a delta-method SE of var(_cons)'s.)"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

NUM = r"(-?[0-9.]+(?:e[-+]?\d+)?)"


@pytest.fixture(scope="module")
def data() -> pd.DataFrame:
    rng = np.random.default_rng(11)
    groups, size = 20, 6
    ids = np.repeat(np.arange(1, groups + 1), size)
    u = rng.normal(0, 1, groups)[ids - 1]
    s = rng.normal(0, 1.0, groups)[ids - 1]
    x = rng.normal(size=groups * size)
    latent = 1 + (0.5 + s) * x + u + rng.normal(0, 1.3, groups * size)
    y = np.maximum(latent, 0.0)
    return pd.DataFrame({"id": ids, "x": x, "y": y, "o": rng.uniform(0, 0.3, groups * size),
                         "yl": np.where(y <= 0, np.nan, y), "yh": y,
                         "b": (latent > 1).astype(float),
                         "ycat": 1.0 + (y > 0.5) + (y > 1.8),
                         "cnt": rng.poisson(np.exp(0.3 + 0.2 * x + 0.5 * u)).astype(float)})


@pytest.fixture
def go(new_session, run, data, tmp_path):
    """``go(command) -> (printed, replicates)``: the prefixed command with saving(); the
    replicate dataset's columns named by their labels (``_b[...]`` stripped)."""
    def prefixed(command: str):
        session = new_session(data)
        path = tmp_path / "reps.dta"
        prefix, rest = command.split(":", 1)
        printed, rc = run(session, f"{prefix} saving({path}, replace) nodots:{rest}", stop_on_error=False)
        assert rc == 0, printed
        return printed, read_replicates(path)
    return prefixed


def read_replicates(path) -> pd.DataFrame:
    """The saving() dataset, its columns named by their labels (``_b[...]`` stripped)."""
    with pd.io.stata.StataReader(path) as reader:
        reps = reader.read()
        labels = reader.variable_labels()
    return reps.rename(columns={c: labels[c][3:-1] for c in reps.columns})


def row(printed: str, label: str) -> tuple[float, float]:
    """(estimate, SE) of the table row ``label``."""
    pattern = re.compile(rf"^\s*{re.escape(label)}\s*\|\s*{NUM}\s+{NUM}", re.M)
    found = pattern.findall(printed)
    assert len(found) == 1, (label, printed)
    return float(found[0][0]), float(found[0][1])


def spread(column: pd.Series, kind: str) -> float:
    """The bootstrap SD, or the jackknife SE sqrt((n-1)/n sum (t_i - mean)^2)."""
    t = column.to_numpy(float)
    if kind == "bootstrap":
        return float(t.std(ddof=1))
    n = len(t)
    return float(np.sqrt((n - 1) / n * ((t - t.mean()) ** 2).sum()))


def assert_rows_are_columns(printed, reps, rows: dict[str, str], kind: str) -> None:
    for label, column in rows.items():
        _, se = row(printed, label)
        expected = spread(reps[column], kind)
        assert se == pytest.approx(expected, rel=2e-5, abs=1e-7), (label, column, printed)


BOOT = "bootstrap, reps(4) seed(7)"
JACK = "jackknife, cluster(id)"

ME_CASES = [
    pytest.param(f"{BOOT}: metobit y x || id:, ll(0)",
                 {"var(_cons)": "var(_cons[id]):_cons", "var(e.y)": "var(e.y):_cons"}, id="metobit"),
    pytest.param(f"{BOOT}: metobit y x, offset(o) || id:, ll(0)",
                 {"var(_cons)": "var(_cons[id]):_cons", "var(e.y)": "var(e.y):_cons"}, id="metobit-offset"),
    pytest.param(f"{BOOT}: meintreg yl yh x || id:",
                 {"var(_cons)": "var(_cons[id]):_cons", "var(e.yl)": "var(e.yl):_cons"}, id="meintreg"),
    pytest.param(f"{BOOT}: melogit b x || id:",
                 {"var(_cons)": "var(_cons[id]):_cons"}, id="melogit"),
    pytest.param(f"{BOOT}: mepoisson cnt x || id: x, covariance(unstructured)",
                 {"var(x)": "var(x[id]):_cons", "var(_cons)": "var(_cons[id]):_cons",
                  "cov(x,_cons)": "cov(x[id],_cons[id]):_cons"}, id="mepoisson-unstructured"),
    pytest.param(f"{BOOT}: meologit ycat x || id:",
                 {"/cut1": "cut1:_cons", "/cut2": "cut2:_cons", "var(_cons)": "var(_cons[id]):_cons"},
                 id="meologit"),
    pytest.param(f"{BOOT}: menbreg cnt x || id:",
                 {"/lnalpha": "lnalpha:_cons", "var(_cons)": "var(_cons[id]):_cons"}, id="menbreg"),
    pytest.param(f"{BOOT}: meglm y x || id:, family(gaussian)",
                 {"var(_cons)": "var(_cons[id]):_cons", "var(e.y)": "var(e.y):_cons"}, id="meglm-gaussian"),
    pytest.param(f"{JACK}: meologit ycat x || id:",
                 {"/cut1": "cut1:_cons", "var(_cons)": "var(_cons[id]):_cons"}, id="meologit-jackknife"),
    pytest.param(f"{JACK}: metobit y x || id:, ll(0)",
                 {"var(_cons)": "var(_cons[id]):_cons", "var(e.y)": "var(e.y):_cons"}, id="metobit-jackknife"),
    pytest.param(f"{JACK}: meintreg yl yh x || id:",
                 {"var(_cons)": "var(_cons[id]):_cons", "var(e.yl)": "var(e.yl):_cons"},
                 id="meintreg-jackknife"),
]


@pytest.mark.parametrize("command, rows", ME_CASES)
def test_me_variance_rows_are_the_replicates_spread(go, command, rows):
    printed, reps = go(command)
    assert_rows_are_columns(printed, reps, rows, command.split(",")[0])


def test_metobit_fixed_rows_and_ev_agree_with_the_replicates(go):
    printed, reps = go(f"{BOOT}: metobit y x || id:, ll(0)")
    assert_rows_are_columns(printed, reps, {"x": "y:x", "_cons": "y:_cons"}, "bootstrap")
    est, se = row(printed, "var(e.y)")  # the interval is the command's own: log scale
    lo, hi = (float(v) for v in re.search(rf"var\(e\.y\)\|.*?{NUM}\s+{NUM}\s*$", printed, re.M).groups())
    assert lo == pytest.approx(est * np.exp(-1.959964 * se / est), rel=2e-5)
    assert hi == pytest.approx(est * np.exp(1.959964 * se / est), rel=2e-5)


def _mixed_rows(reps: pd.DataFrame, kind: str) -> dict[str, float]:
    """Delta-method SEs of mixed's displayed (co)variances from the replicate covariance of
    e(b)'s ln sd / atanh corr columns (a jackknife's covariance scaled as its variance is)."""
    cols = ["lns1_1_1:_cons", "lns1_1_2:_cons", "atr1_1_1_2:_cons", "lnsig_e:_cons"]
    t = reps[cols].to_numpy(float)
    n = len(t)
    d = t - t.mean(axis=0)
    C = d.T @ d / (n - 1) if kind == "bootstrap" else d.T @ d * (n - 1) / n
    return C


@pytest.mark.parametrize("prefix", [BOOT, JACK])
def test_mixed_rows_are_the_delta_method_over_the_replicates(go, prefix):
    kind = prefix.split(",")[0]
    printed, reps = go(f"{prefix}: mixed y x || id: x, covariance(unstructured)")
    C = _mixed_rows(reps, kind)
    v1, _ = row(printed, "var(x)")
    v2, _ = row(printed, "var(_cons)")
    c12, _ = row(printed, "cov(x,_cons)")
    ve, _ = row(printed, "var(Residual)")
    s1, s2 = np.sqrt(v1), np.sqrt(v2)
    r = c12 / (s1 * s2)
    gradients = {  # d(shown)/d(lns1, lns2, atr, lnsig_e)
        "var(x)": [2 * v1, 0, 0, 0],
        "var(_cons)": [0, 2 * v2, 0, 0],
        "cov(x,_cons)": [c12, c12, s1 * s2 * (1 - r * r), 0],
        "var(Residual)": [0, 0, 0, 2 * ve],
    }
    for label, g in gradients.items():
        g = np.array(g)
        assert row(printed, label)[1] == pytest.approx(float(np.sqrt(g @ C @ g)), rel=2e-4), (label, printed)


def test_jackknife_replicates_are_the_fits_without_each_group(go, new_session, run, data):
    """The saved replicates the rows are checked against are the model's own fits: the first
    jackknife replicate is metobit refitted without group 1, its e(b) in e(b)'s metric."""
    _, reps = go(f"{JACK}: metobit y x || id:, ll(0)")
    session = new_session(data)
    printed, rc = run(session, "metobit y x if id != 1 || id:, ll(0)", stop_on_error=False)
    assert rc == 0, printed
    b = session.e.matrices["b"]
    first = reps.iloc[0]
    for name, value in zip(b.colnames, b.values[0]):
        assert float(first[name]) == pytest.approx(value, rel=1e-6, abs=1e-7), name  # saved as float


def test_replay_at_another_level_keeps_the_rows(new_session, run, data, tmp_path):
    session = new_session(data)
    path = tmp_path / "reps.dta"
    printed, rc = run(session, f"{BOOT} saving({path}) nodots: metobit y x || id:, ll(0)\nmetobit, level(90)",
                      stop_on_error=False)
    assert rc == 0, printed
    replay = printed.split("[90% Conf. Interval]", 1)[1]
    assert_rows_are_columns(replay, read_replicates(path), {"var(_cons)": "var(_cons[id]):_cons", "var(e.y)": "var(e.y):_cons"},
                            "bootstrap")
