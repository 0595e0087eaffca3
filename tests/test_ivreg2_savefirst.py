"""ivreg2's savefirst / savefprefix(): the first-stage regressions kept with estimates store
(ivreg2.ado's PostFirstRF): names _ivreg2_<var> or <prefix><var>, e(b) over the excluded then
the included instruments, e(V) robust (HC0 x N/(N-L)) or clustered (CR0 x (N-1)/(N-L) M/(M-1)),
checked against numpy least squares on our own data; the main results stay active."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture
def ivdata(new_session):
    rng = np.random.default_rng(11)
    n = 400
    g = np.repeat(np.arange(1, 41), 10).astype(float)
    z1, z2, w = rng.normal(size=n), rng.normal(size=n), rng.normal(size=n)
    u = rng.normal(size=n) + 0.3 * rng.normal(size=40)[(g - 1).astype(int)]
    x = 0.8 * z1 - 0.5 * z2 + 0.3 * w + 0.5 * u + rng.normal(size=n)
    y = 1.0 + 2.0 * x - w + u
    frame = pd.DataFrame({"y": y, "x": x, "z1": z1, "z2": z2, "w": w, "g": g})
    return new_session(frame)


def _first_stage(df, cluster=None):
    Z = np.column_stack([df["z1"], df["z2"], df["w"], np.ones(len(df))])
    x = df["x"].to_numpy()
    N, L = Z.shape
    ZZi = np.linalg.inv(Z.T @ Z)
    b = ZZi @ Z.T @ x
    r = x - Z @ b
    if cluster is None:
        meat = (Z * r[:, None]).T @ (Z * r[:, None])
        return b, ZZi @ meat @ ZZi * N / (N - L), r
    scores = pd.DataFrame(Z * r[:, None]).groupby(df[cluster].to_numpy()).sum().to_numpy()
    M = scores.shape[0]
    return b, ZZi @ (scores.T @ scores) @ ZZi * (N - 1) / (N - L) * M / (M - 1), r


def test_savefirst_robust_default_name(ivdata, run):
    out, rc = run(ivdata, "ivreg2 y w (x = z1 z2), savefirst robust")
    assert rc == 0
    assert ivdata.e.macros["model"] == "iv"  # the IV results stay active
    assert "_ivreg2_x" in ivdata.estimates
    _, rc = run(ivdata, "estimates restore _ivreg2_x")
    assert rc == 0
    e = ivdata.e
    b, V, r = _first_stage(ivdata.data.df)
    assert list(e.matrices["b"].colnames) == ["z1", "z2", "w", "_cons"]
    assert np.allclose(np.asarray(e.matrices["b"].values)[0], b, rtol=1e-10)
    assert np.allclose(np.asarray(e.matrices["V"].values), V, rtol=1e-8)
    N = len(r)
    assert e.scalars["N"] == N and e.scalars["df_r"] == N - 4 and e.scalars["df_m"] == 3
    assert np.isclose(e.scalars["rmse"], np.sqrt(r @ r / (N - 4)))
    assert e.macros["depvar"] == "x" and e.macros["model"] == "first" and e.macros["vcetype"] == "Robust"
    assert e.macros["estimates_title"] == "First-stage regression: x"


def test_savefprefix_clustered(ivdata, run):
    _, rc = run(ivdata, "ivreg2 y w (x = z1 z2), savefprefix(fs_) cluster(g)")
    assert rc == 0 and "fs_x" in ivdata.estimates and "_ivreg2_x" not in ivdata.estimates
    _, rc = run(ivdata, "est restore fs_x")
    b, V, _ = _first_stage(ivdata.data.df, cluster="g")
    assert np.allclose(np.asarray(ivdata.e.matrices["V"].values), V, rtol=1e-8)
    assert ivdata.e.scalars["N_clust"] == 40 and ivdata.e.macros["clustvar"] == "g"


def test_no_savefirst_stores_nothing(ivdata, run):
    _, rc = run(ivdata, "ivreg2 y w (x = z1 z2), first")
    assert rc == 0 and not any(k.startswith("_ivreg2_") for k in ivdata.estimates)


def test_stored_list_firsteqs_and_replay(ivdata, run):
    out, rc = run(ivdata, "ivreg2 y w (x = z1 z2), savefirst")
    assert rc == 0
    head = out.split("IV (2SLS) estimation")[0]
    assert "Stored estimation results" in head and "_ivreg2_x" in head and "First-stage regression: x" in head
    assert ivdata.e.macros["firsteqs"] == "_ivreg2_x"
    out, rc = run(ivdata, "estimates replay _ivreg2_x")
    assert rc == 0 and "First-stage regression of x:" in out and "z1" in out
    b, _, _ = _first_stage(ivdata.data.df)
    z1_row = next(line for line in out.splitlines() if line.strip().startswith("z1 |"))
    assert abs(float(z1_row.split("|")[1].split()[0]) - b[0]) < 1e-6  # the z1 coefficient in the table
