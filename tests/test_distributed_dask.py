"""``set dask``: mixed's per-group reduction of lazy data on Dask gives the same fit
(a local cluster of two worker processes, and Dask's threaded scheduler)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("duckdb")
pytest.importorskip("dask.dataframe")
pytest.importorskip("distributed")


RTOL = 1e-10           # log likelihood, fixed effects, group counts
RTOL_VARIANCE = 1e-5   # variance parameters and e(V): see tests/test_lazy_mixed.py


@pytest.fixture(scope="module")
def parts(tmp_path_factory):
    """Three Parquet files (Dask partitions that split groups between them)."""
    rng = np.random.default_rng(5)
    folder = tmp_path_factory.mktemp("dask")
    G, n = 40, 3000
    g = rng.integers(0, G, n)
    x = rng.normal(size=n)
    u = rng.normal(size=(G, 2)) * [0.7, 0.25]
    y = 2 - 0.4 * x + u[g, 0] + u[g, 1] * x + rng.normal(size=n)
    df = pd.DataFrame({"g": g, "x": x, "y": y, "h": (g // 4).astype(float)})
    df.loc[::29, "y"] = np.nan
    for k, rows in enumerate(np.array_split(np.arange(n), 3)):
        df.iloc[rows].to_parquet(folder / f"part{k}.parquet")
    return str(folder / "part*.parquet")


@pytest.fixture(scope="module")
def local_cluster():
    """``set dask local 2``'s cluster, started here: distributed writes its worker processes'
    variables (MALLOC_TRIM_THRESHOLD_, PYTHONHASHSEED, __DASK_PARENT_PID) into this process's
    environment as it starts them, and the worker's later tests (mlm subprocesses read
    MALLOC_* settings) must not inherit them -- put back when the file ends."""
    import os

    from mlmcli.distributed.dask_sums import _client, close_clients

    environ = dict(os.environ)
    try:
        _client("local", 2)
        yield "set dask local 2"
    finally:
        close_clients()
        for name in set(os.environ) - set(environ):
            del os.environ[name]
        os.environ.update(environ)


@pytest.fixture(scope="module")
def fit(do):
    """``fit(text) -> session`` after do-file text that must succeed."""
    def run_text(text: str):
        rc, printed, session = do(text)
        assert rc == 0, printed
        return session
    return run_text


def assert_same(a, b):
    ea, eb = a.e, b.e
    assert ea.scalars["N"] == eb.scalars["N"]
    assert ea.scalars["ll"] == pytest.approx(eb.scalars["ll"], rel=RTOL)
    np.testing.assert_array_equal(ea.matrices["N_g"].values, eb.matrices["N_g"].values)
    names = ea.matrices["b"].colnames
    fixed = np.array([n.startswith("y:") for n in names])
    ba, bb = ea.matrices["b"].values.ravel(), eb.matrices["b"].values.ravel()
    np.testing.assert_allclose(ba[fixed], bb[fixed], rtol=RTOL)
    # ln sd parameters compared as sd: a variance on its boundary ends anywhere below ln sd ~ -20
    sd = np.array([n.startswith("lns") for n in names])
    np.testing.assert_allclose(np.exp(ba[sd]), np.exp(bb[sd]), rtol=RTOL_VARIANCE, atol=1e-8)
    np.testing.assert_allclose(ba[~fixed & ~sd], bb[~fixed & ~sd], rtol=RTOL_VARIANCE)
    Va, Vb = ea.matrices["V"].values, eb.matrices["V"].values  # on the scale sd_i sd_j
    scale = np.sqrt(np.outer(np.diag(Vb), np.diag(Vb)))
    np.testing.assert_array_equal(np.isnan(Va), np.isnan(Vb))
    # a parameter at its boundary has no meaningful SE (NaN, or a huge number that depends on
    # exactly where the optimiser stopped): its rows and columns are left out
    boundary = sd & (np.exp(bb) < 1e-6)
    ok = ~np.isnan(Vb) & np.isfinite(scale) & ~boundary[:, None] & ~boundary[None, :]
    np.testing.assert_array_less(np.abs(Va - Vb)[ok], RTOL_VARIANCE * scale[ok] + 1e-300)


def test_local_cluster_fit_equals_duckdb_and_memory(fit, parts, local_cluster):
    model = "mixed y x || h: || g: x, cov(un)"
    on_dask = fit(f'use "{parts}", lazy\n{local_cluster}\n{model}')
    in_duckdb = fit(f'use "{parts}", lazy\n{model}')
    in_memory = fit(f'use "{parts}"\n{model}')
    assert on_dask.data.lazy and on_dask.e.model.spec.group_sums is not None
    assert_same(on_dask, in_duckdb)
    assert_same(on_dask, in_memory)


def test_changed_data_are_written_for_the_workers(fit, parts, local_cluster):
    before = "generate x3 = x / 3 if g > 2\nkeep if x3 < 1"
    model = "mixed y x3 || g:, reml"
    on_dask = fit(f'use "{parts}", lazy\n{before}\n{local_cluster}\n{model}')
    in_memory = fit(f'use "{parts}"\n{before}\n{model}')
    assert_same(on_dask, in_memory)


def test_threaded_scheduler(fit, parts):
    model = "mixed y x if g < 30 || g:"
    on_dask = fit(f'use "{parts}", lazy\nset dask threads\n{model}')
    in_memory = fit(f'use "{parts}"\n{model}')
    assert_same(on_dask, in_memory)


def test_in_ranges_need_the_row_order(do, parts):
    rc, printed, _ = do(f'use "{parts}", lazy\nset dask threads\nmixed y x in 1/100 || g:')
    assert rc == 198 and "set dask off" in printed
