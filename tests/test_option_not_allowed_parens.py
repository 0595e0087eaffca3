"""An option a command does not take, typed with an argument, is named ``name()`` in Stata's
message (syntax's rule: ``gen n = sum(_n), by(g)`` -> "option by() not allowed"); typed bare
it is named bare.  Checked where mlmcli reads options outside the shared resolver: the by
prefix, margins' predict() hooks, fracpoly/lfit estopts()/predopts(), statsby's by()
suboptions, a program's syntax command."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


def data() -> pd.DataFrame:
    rng = np.random.default_rng(7)
    x = rng.uniform(0.5, 3.5, 60)
    return pd.DataFrame({"x": x, "y": x + rng.normal(size=60), "yb": (rng.uniform(size=60) < 0.5) * 1.0,
                         "g": np.arange(60) % 2, "id": np.arange(60) // 3})


@pytest.mark.parametrize("line, message", [
    ("by g, foo(x): summarize y", "option foo() not allowed"),
    ("by g, foo: summarize y", "option foo not allowed"),
    ("by g, sort(1): summarize y", "option sort() not allowed"),
    ("regress y x\nmargins, predict(foo(1))", "option foo() not allowed"),
    ("regress y x\nmargins, predict(foo)", "option foo not allowed"),
    ("regress y x\nmargins, predict(xb(1))", "option xb() not allowed"),
    ("meglm yb x || id:, family(binomial)\nmargins, predict(foo(1))", "option foo() not allowed"),
    ("meglm yb x || id:, family(binomial)\nmargins, predict(foo)", "option foo not allowed"),
    ("twoway lfit y x, estopts(foo(1))", "estopts(): option foo() not allowed"),
    ("twoway lfit y x, estopts(foo)", "estopts(): option foo not allowed"),
    ("twoway fpfit y x, predopts(foo(1))", "predopts(): option foo() not allowed"),
    ("statsby mean=r(mean), by(g, foo(1)) clear: summarize y", "option foo() not allowed"),
    ("program define nt_p\nsyntax [, bar]\nend\nnt_p, foo(1)", "option foo() not allowed"),
    ("program define nt_q\nsyntax [, bar]\nend\nnt_q, foo", "option foo not allowed"),
])
def test_named_as_typed(do, line, message):
    rc, out, _ = do(line, data())
    assert rc == 198
    assert out.rstrip().splitlines()[-2].strip() == message
