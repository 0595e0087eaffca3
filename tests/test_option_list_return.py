"""[U] 11 (Language syntax, technical note): "You use a second comma to indicate a return to the
command line as opposed to the option list" -- ``summarize x, detail, if r==1, noformat`` --
so an option list may end in a comma (``regress y x, robust,``: nothing typed back on the
command line) and a third comma opens options again.  Both command parsers follow it: the
grammar of standard commands (grammar/command.lark) and ``split_options`` of raw ones.  What is
typed back on the command line must be a qualifier; another word is refused r(198), Stata's
``invalid 'showstars'`` for ``etable, estimates(a b), showstars`` (a published log)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mlmcli.errors import StataError
from mlmcli.syntax.options import split_options


@pytest.fixture
def frame():
    rng = np.random.default_rng(11)
    x = rng.normal(size=80)
    g = np.repeat(np.arange(1, 9), 10)
    return pd.DataFrame({"x": x, "g": g, "y": 1 + 0.5 * x + rng.normal(size=80) * (1 + np.abs(x))})


def test_regress_robust_with_a_trailing_comma(do, frame):
    rc, out, s = do("regress y x, robust,\n", frame)
    assert rc == 0, out
    X = np.column_stack([frame.x, np.ones(len(frame))])
    y = frame.y.to_numpy()
    beta = np.linalg.solve(X.T @ X, X.T @ y)
    u = y - X @ beta
    bread = np.linalg.inv(X.T @ X)
    n, k = X.shape
    V = bread @ (X.T * u ** 2) @ X @ bread * n / (n - k)  # HC1
    assert np.allclose(s.e.matrices["b"].values.ravel(), beta)
    assert np.allclose(np.asarray(s.e.matrices["V"].values), V)
    assert s.e.macros["vcetype"] == "Robust"


def test_qualifier_after_the_return_and_options_again(do, frame):
    rc, out, s = do("summarize y, detail, if x > 0\n", frame)
    assert rc == 0, out
    kept = frame.y[frame.x > 0]
    assert s.r["N"] == len(kept) and np.isclose(s.r["p50"], np.percentile(kept, 50, method="lower")
                                                 if len(kept) % 2 else kept.median())
    rc, out, s = do("summarize y, meanonly, in 1/10, \n", frame)
    assert rc == 0, out
    assert np.isclose(s.r["mean"], frame.y[:10].mean())
    rc, out, s = do("tabulate g if x > 0, missing, ,\n", frame)  # options, return, empty options
    assert rc == 0, out
    assert s.r["N"] == int((frame.x > 0).sum())


def test_raw_commands_read_the_same_rule(do, frame):
    rc, out, s = do("collapse (mean) y, by(g), if x > 0\n", frame)
    assert rc == 0, out
    expect = frame[frame.x > 0].groupby("g").y.mean()
    assert np.allclose(s.data.numeric("y"), expect.to_numpy())
    body, options, comma = split_options('a b, c(1, 2) d, if x > 0, e')
    assert comma and body == "a b if x > 0" and [o.name for o in options] == ["c", "d", "e"]
    assert split_options("a, b,")[0:2] == ("a", split_options("a, b")[1])


def test_words_back_on_the_command_line_are_refused(do, frame):
    with pytest.raises(StataError) as err:
        split_options(", estimates(a b), showstars")
    assert err.value.rc == 198 and str(err.value.message) == "invalid 'showstars'"
    assert do("collapse (mean) y, by(g), cw\n", frame)[0] == 198
    assert do("regress y x, , robust\n", frame)[0] == 198
    # without the second comma an if is read as an option ([U] 11: "would cause an error")
    assert do("summarize y, detail if x > 0\n", frame)[0] == 198


def test_replay_at_a_new_level_after_a_final_comma(do, frame):
    rc, out, s = do("quietly regress y x\nset level 90\nregress, \n", frame)
    assert rc == 0, out
    assert "[90% Conf. Interval]" in out
    rc, out, s = do("quietly mixed y x || g:\nset level 80\nmixed, variance,\n", frame)  # a raw command
    assert rc == 0, out
    assert out.count("[80% Conf. Interval]") == 2
