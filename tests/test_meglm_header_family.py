"""meglm's header names the family as _me_display prints it: gaussian, bernoulli and poisson
proper-cased (a public Stata 13 log of ``meglm cases buffer, offset(log1pop) || urban:,
family(poisson) link(log)`` prints ``Family:                 Poisson``), nbinomial as
``negative binomial``, the cloglog link as ``complementary log-log``; the LR test line is
``LR test vs. <model> regression:`` for every family (``LR test vs. Poisson regression:`` in
the same log), the gaussian one ``linear regression`` as mixed's."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def data() -> pd.DataFrame:
    rng = np.random.default_rng(88)
    g = np.repeat(np.arange(30), 12)
    u = rng.normal(0, 0.7, 30)[g]
    x = rng.normal(size=len(g))
    eta = 0.3 + 0.5 * x + u
    return pd.DataFrame({"g": g.astype(float), "x": x, "y": eta + rng.normal(size=len(g)),
                         "b": (rng.uniform(size=len(g)) < 1 / (1 + np.exp(-eta))).astype(float),
                         "c": rng.poisson(np.exp(eta)).astype(float)})


def _header(do, data, cmd) -> list[str]:
    rc, out, _ = do(cmd + (" nolog" if "," in cmd else ", nolog"), data)
    assert rc == 0, out
    lines = out.split("\n")
    k = next(i for i, ln in enumerate(lines) if ln.startswith("Mixed-effects GLM"))
    return lines[k:k + 3] + [next(ln for ln in lines if ln.startswith("LR test"))]


@pytest.mark.parametrize("cmd,family,link,lr", [
    ("meglm y x || g:", "Gaussian", "identity", "LR test vs. linear regression:"),
    ("meglm b x || g:, family(bernoulli)", "Bernoulli", "logit", "LR test vs. logistic regression:"),
    ("meglm b x || g:, family(bernoulli) link(cloglog)", "Bernoulli", "complementary log-log",
     "LR test vs. cloglog regression:"),  # e(model)
    ("meglm c x || g:, family(poisson)", "Poisson", "log", "LR test vs. Poisson regression:"),
    ("meglm c x || g:, family(nbinomial)", "negative binomial", "log", "LR test vs. nbinomial regression:"),
])
def test_family_and_link_lines(cmd, family, link, lr, do, data):
    head = _header(do, data, cmd)
    assert head[1] == "Family:" + family.rjust(24)
    assert head[2] == "Link:" + link.rjust(26)
    assert head[3].startswith(lr)
