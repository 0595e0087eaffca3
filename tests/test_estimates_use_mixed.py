"""``mixed`` results read back by ``estimates use``: predict and margins as Stata gives them.

Stata (xtmixed_p.ado, [R] estimates save): after ``estimates use`` e(sample) is 0; the fixed
portion (``xb``, ``stdp``; margins' default) comes from e(b) and e(V) on the data in memory;
the statistics that need the random effects stop with ``predict, reffects requires that the
data used in estimation be in memory`` r(459) until ``estimates esample:`` marks the rows,
and are then computed at e(b) -- the numbers of the fit on the same data.  Round trips here:
fit, predict, estimates save, clear, use the data, estimates use, predict again."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

STATS = ("xb", "stdp", "fitted", "residuals", "rstandard")


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(3)
    g = np.repeat(np.arange(1, 21), 8)
    x = rng.normal(size=g.size)
    f = (np.arange(g.size) % 3).astype(float)
    u0, u1 = rng.normal(size=21)[g], 0.5 * rng.normal(size=21)[g]
    y = 1 + 0.5 * x + 0.3 * f + u0 + u1 * x + rng.normal(size=g.size)
    return pd.DataFrame({"g": g.astype(float), "x": x, "f": f, "y": y})


def _predictions(do, session, tag: str, n_re: int) -> dict:
    """Every statistic as a double variable ``<stat>_<tag>``; the values by statistic."""
    us = " ".join(f"u{k}_{tag}" for k in range(n_re))
    ses = " ".join(f"se{k}_{tag}" for k in range(n_re))
    text = "\n".join([f"predict double {st}_{tag}, {st}" for st in STATS]
                     + [f"predict double {us}, reffects", f"predict double {ses}, reses"])
    rc, out, _ = do(text, session=session)
    assert rc == 0, out
    keys = list(STATS) + [f"u{k}" for k in range(n_re)] + [f"se{k}" for k in range(n_re)]
    return {k: session.data.df[f"{k}_{tag}"].to_numpy() for k in keys}


def _table(out: str) -> str:
    return out[out.index("Expression"):]


@pytest.mark.parametrize("model, n_re", [("y x i.f || g: x, covariance(unstructured)", 2),
                                         ("y x i.f || g:, reml", 1)])
def test_round_trip_gives_the_fit_numbers(do, data, tmp_path, model, n_re):
    f, d = tmp_path / "m.ster", tmp_path / "d.dta"
    rc, out, s = do(f"quietly mixed {model}\nestimates save {f}\nsave {d}", data.copy())
    assert rc == 0, out
    before = _predictions(do, s, "a", n_re)
    rc, margins_fit, _ = do("margins f", session=s)
    assert rc == 0, margins_fit
    rc, out, s = do(f"clear\nuse {d}\nestimates use {f}", data.copy())
    assert rc == 0, out
    # the fixed portion needs only e(b) and e(V)
    rc, out, _ = do("predict double xb1, xb\npredict double sd1, stdp", session=s)
    assert rc == 0, out
    np.testing.assert_allclose(s.data.df["xb1"], before["xb"], rtol=1e-12)
    np.testing.assert_allclose(s.data.df["sd1"], before["stdp"], rtol=1e-12)
    # the random effects need e(sample): Stata's message until estimates esample:
    for stat in ("reffects", "fitted", "residuals"):
        rc, out, _ = do(f"predict double q, {stat}", session=s)
        assert rc == 459 and f"predict, {stat} requires that the data used in estimation be in memory" in out
        assert "q" not in s.data.df.columns
    rc, out, _ = do("margins f", session=s)
    assert rc == 459 and "margins requires that the data used in estimation be in memory" in out
    rc, out, _ = do("margins f, noesample", session=s)
    assert rc == 0 and _table(out) == _table(margins_fit)
    rc, out, _ = do("estimates esample: y x f g", session=s)
    assert rc == 0, out
    after = _predictions(do, s, "b", n_re)
    for k, v in before.items():
        np.testing.assert_allclose(after[k], v, rtol=1e-7, atol=1e-9, err_msg=k)
    rc, out, _ = do("margins f", session=s)
    assert rc == 0 and _table(out) == _table(margins_fit)


def test_restore_of_used_results_and_new_data(do, data, tmp_path):
    """estimates store/restore keep what estimates use rebuilt; xb on data the model never saw."""
    f = tmp_path / "m.ster"
    rc, out, s = do(f"quietly mixed y x i.f || g:\nestimates save {f}\npredict double xb0, xb", data.copy())
    assert rc == 0, out
    xb0 = s.data.df["xb0"].to_numpy()
    rc, out, s = do(f"estimates use {f}\nestimates store m\nquietly regress y x\nestimates restore m\n"
                    "estimates esample: y x f g\npredict double u, reffects\nestimates store m2\n"
                    "quietly regress y x\nestimates restore m2\npredict double fit, fitted", session=s)
    assert rc == 0, out
    assert np.isfinite(s.data.df["fit"]).all()
    new = data.drop(columns="y").assign(x=data.x + 1.0).head(30)
    rc, out, s2 = do(f"estimates use {f}\npredict double xb, xb", new.copy())
    assert rc == 0, out
    b = s2.e.matrices["b"].values.ravel()
    names = list(s2.e.matrices["b"].colnames)
    want = (b[names.index("y:x")] * new.x + b[names.index("y:_cons")]
            + np.where(new.f == 1, b[names.index("y:1.f")], 0) + np.where(new.f == 2, b[names.index("y:2.f")], 0))
    np.testing.assert_allclose(s2.data.df["xb"], want, rtol=1e-12)
    assert do("predict double r, residuals", session=s2)[0] == 459
