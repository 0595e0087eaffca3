"""residuals() fits keep their last few whitenings and the statistics built from them
(``StructuredResidualModel.whiten``/``white_statistics``): a step in theta alone reuses
them.  The kept objects are the ones a fresh computation would rebuild, so a fit with the
cache must equal, bit for bit, the same fit with it switched off (``_CACHED = 0``)."""
from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest

from residual_datasets import DATASETS

import mlmcli.mixed.residual_fit as residual_fit
from mlmcli.ast import Command
from mlmcli.commands.estimation.mixed import cmd_mixed
from mlmcli.dataset import Dataset
from mlmcli.session import Output, Session


def multivariate() -> pd.DataFrame:
    """Three outcomes stacked long per occasion (the held-out SDQ file's layout, small):
    30 children x 2 occasions x 3 domains, correlated child effects and occasion errors."""
    rng = np.random.default_rng(100)
    rows = []
    for child in range(30):
        u = rng.normal(0, 1, 3) + rng.normal()
        for wave in range(2):
            e = rng.multivariate_normal(np.zeros(3), [[1, .3, .2], [.3, 1, .4], [.2, .4, 1]])
            for dom in range(3):
                rows.append((child, child * 2 + wave, dom + 1, 1.0 + dom + u[dom] + e[dom]))
    df = pd.DataFrame(rows, columns=["id", "occ", "dom", "y"]).astype(float)
    for dom in range(3):
        df[f"ind{dom + 1}"] = (df.dom == dom + 1).astype(float)
    return df


PANEL = DATASETS["panel"]()
MODELS = [
    (PANEL, "y x time || id:, residuals(ar 1, t(time))"),
    (PANEL, "y x time || id:, residuals(exchangeable)"),
    (PANEL, "y x time || id:, residuals(independent, by(grp))"),
    (PANEL, "y x time || id:, residuals(toeplitz 2, t(time))"),
    (PANEL, "y x time || id:, residuals(banded 1, t(time))"),
    (PANEL, "y x time || id:, residuals(exponential, t(time))"),
    (PANEL, "y x time || id:, residuals(ar 1, t(time)) vce(robust)"),
    (PANEL, "y x time || id:, residuals(exchangeable) reml"),
    (multivariate(), "y ind*, nocons || id: ind*, nocons cov(un) || occ:, nocons residuals(un, t(dom))"),
]


def fitted(df: pd.DataFrame, model: str):
    s = Session(out=Output(io.StringIO()))
    s.data = Dataset(df=df.copy())
    cmd_mixed(s, Command(name="mixed", args=model))
    b, V = s.e.matrices["b"], s.e.matrices["V"]
    return s.out.stream.getvalue(), b.values, V.values, s.e.scalars


@pytest.mark.parametrize("df,model", MODELS, ids=[m for _, m in MODELS])
def test_cached_fit_equals_uncached(df, model, monkeypatch):
    text, b, V, scalars = fitted(df, model)
    monkeypatch.setattr(residual_fit, "_CACHED", 0)
    text0, b0, V0, scalars0 = fitted(df, model)
    assert np.array_equal(b, b0)
    assert np.array_equal(V, V0, equal_nan=True)
    assert scalars.keys() == scalars0.keys()
    assert all(np.array_equal(scalars[k], scalars0[k], equal_nan=True) for k in scalars)
    assert text == text0


def test_cache_is_bounded_and_dropped_after_the_fit():
    from mlmcli.mixed.residual_fit import StructuredResidualModel
    captured = {}
    original = StructuredResidualModel.forget

    def forget(self):
        captured["sizes"] = (len(self._whitenings), len(self._statistics))
        original(self)
        captured["after"] = (len(self._whitenings), len(self._statistics))
    StructuredResidualModel.forget = forget
    try:
        fitted(PANEL, "y x time || id:, residuals(ar 1, t(time))")
    finally:
        StructuredResidualModel.forget = original
    assert 1 <= captured["sizes"][0] <= residual_fit._CACHED
    assert 1 <= captured["sizes"][1] <= residual_fit._CACHED
    assert captured["after"] == (0, 0)


def test_same_parameters_give_the_same_whitening_object():
    from mlmcli.mixed.residual_fit import StructuredResidualModel
    from residual_datasets import _res, _spec, _term
    spec = _spec(PANEL, "y", ["x"], [_term(PANEL, "id")], "ML", _res("ar", PANEL, 1, t="time"))
    model = StructuredResidualModel(spec)
    s = np.array([0.3])
    w = model.whiten(s)
    assert model.whiten(s.copy()) is w
    assert model.whiten(np.array([0.31])) is not w
    stats = model.white_statistics(w)
    assert model.white_statistics(w) is stats
    fresh = residual_fit.NestedStatistics.build(model.whitened_spec(model.rcov.whitening(s, model.replication)),
                                                model.obs_w, model.group_w)
    assert np.array_equal(stats.zrows, fresh.zrows) and np.array_equal(stats.xx, fresh.xx)
