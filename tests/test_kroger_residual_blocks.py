"""dfmethod(kroger)/satterthwaite after mixed with a residuals() structure: the derivatives of
R are computed once per layout of a block (its panels, by() groups and t() values) and reused
by the blocks alike -- a constrained longitudinal analysis refitted once per left-out
participant (heldout anon-periodontal-clda) spent half its Kenward-Roger time there.

Checks: (1) a balanced two-visit trial, i.group##i.time with an unstructured residual
covariance and no random effects: the interaction is the difference in mean change, and its
model-based SE and Kenward-Roger DF are those of the pooled two-sample t test of the
changes (scipy): same SE, DF n - 2; (2) unbalanced panels with gaps, by() groups and an AR(1) or Toeplitz
structure give the same DF and SEs with the reuse switched off."""
from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from mlmcli.mixed.residual_fit import StructuredResidualFit
from mlmcli.runner import Runner
from mlmcli.session import Output, Session


def run(s, text):
    s.out.stream.seek(0)
    s.out.stream.truncate()
    rc = Runner(s).run_text(text, echo=False, stop_on_error=True)
    return s.out.stream.getvalue(), rc


def scalar(s, expr):
    out, rc = run(s, f"display %20.0g {expr}")
    assert rc == 0, out
    return float(out.split()[0])


def session_with(df, tmp_path):
    path = tmp_path / "d.csv"
    df.to_csv(path, index=False)
    s = Session(out=Output(io.StringIO()))
    out, rc = run(s, f'import delimited using "{path}", clear')
    assert rc == 0, out
    return s


def test_cLDA_kroger_df_is_the_two_sample_t_tests(tmp_path):
    rng = np.random.default_rng(5)
    n = 26
    group = np.arange(n) % 2
    base = rng.normal(8, 1.2, n)
    follow = base - 0.3 - 0.4 * group + rng.normal(0, 0.5, n)
    df = pd.DataFrame({"id": np.repeat(np.arange(1, n + 1), 2), "time": np.tile([0, 1], n),
                       "group": np.repeat(group, 2), "y": np.column_stack([base, follow]).ravel()})
    s = session_with(df, tmp_path)
    change = follow - base
    t = stats.ttest_ind(change[group == 1], change[group == 0], equal_var=True)
    diff = change[group == 1].mean() - change[group == 0].mean()
    out, rc = run(s, "mixed y i.group##i.time || id:, nocons residuals(unstructured, t(time)) "
                     "reml dfmethod(kroger)\nlincom 1.group#1.time")
    assert rc == 0, out
    assert scalar(s, "r(estimate)") == pytest.approx(diff, rel=1e-6)
    assert scalar(s, "r(se)") == pytest.approx(diff / t.statistic, rel=1e-5)  # Phi: the pooled SE
    out, rc = run(s, "lincom 1.group#1.time, small")
    assert rc == 0, out
    assert scalar(s, "r(df)") == pytest.approx(n - 2, abs=1e-3)


def unbalanced(seed=9):
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(1, 26):
        visits = sorted(rng.choice(6, size=rng.integers(3, 7), replace=False))
        u = rng.normal(0, 0.6)
        for t in visits:
            rows.append((i, t, i % 3, 1 + 0.2 * t + u + rng.normal(0, 0.7)))
    return pd.DataFrame(rows, columns=["id", "t", "arm", "y"])


@pytest.mark.parametrize("structure,method", [("ar 1, t(t) by(arm)", "kroger"), ("toeplitz 2, t(t)", "kroger"),
                                              ("independent, by(arm)", "kroger"),
                                              ("unstructured, t(t)", "satterthwaite")])  # t < 3 below: 3 levels
def test_reuse_matches_block_by_block(tmp_path, monkeypatch, structure, method):
    s = session_with(unbalanced(), tmp_path)
    sub = " if t < 3" if structure.startswith("unstructured") else ""
    cmd = f"quietly mixed y c.t i.arm{sub} || id:, residuals({structure}) reml dfmethod({method})"

    def numbers():
        out, rc = run(s, cmd + "\nmatrix D = e(df)\nmatrix V = e(V)")
        assert rc == 0, out
        out, _ = run(s, "matrix list D, format(%20.12g)\nmatrix list V, format(%20.12g)")
        return out

    shared = numbers()
    monkeypatch.setattr(StructuredResidualFit, "residual_layout", lambda self, rows: None)
    assert numbers() == shared


def test_small_inference_kept_with_its_fit(tmp_path):
    """lincom/test ..., small reuse the fit's own Kenward-Roger computation: the same DF as
    e(df), also after a refit on fewer panels (no stale numbers from the first fit)."""
    s = session_with(unbalanced(3), tmp_path)
    dfs = []
    for cond in ("", " if id != 4 & id != 9"):
        out, rc = run(s, f"quietly mixed y c.t i.arm{cond} || id:, residuals(ar 1, t(t)) reml dfmethod(kroger)")
        assert rc == 0, out
        e_df = scalar(s, "e(df)[1,1]")  # t is the first coefficient
        for _ in range(2):
            out, rc = run(s, "quietly lincom t, small")
            assert rc == 0, out
            assert scalar(s, "r(df)") == pytest.approx(e_df, rel=1e-9)
        dfs.append(e_df)
    assert dfs[0] != pytest.approx(dfs[1], rel=1e-6)
