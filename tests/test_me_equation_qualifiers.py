"""The me commands (melogit, mepoisson, meglm, ...): ``if``/``in``/``[weight]`` typed inside a
``||`` random-effects equation.

Unlike mixed and meqrlogit (_mixed_parseifin: one if/in anywhere), the me commands go through
_me_parse.ado then _me_estimate.ado (Stata 16 ado tree; _me_estimate is version 13 code):
_me_parse reads every piece with ``syntax [anything] [if] [in] [fw pw iw]`` and passes each
piece's qualifiers on unchanged (so an aweight anywhere is ``aweights not allowed``), and
_me_estimate reads each random-effects equation after its colon with ``syntax
[anything(name=xs)] [, noCONstant *]`` -- no if, in or weight -- so the first equation holding
one stops with syntax's ``if not allowed`` / ``in range not allowed`` / ``weights not allowed``,
r(101).  The model's if/in/weight belong to the fixed-effects equation only.
"""
from __future__ import annotations

import pytest

from mlmcli.commands.estimation.me_syntax import FE_OPTIONS, global_options
from mlmcli.commands.estimation.mixed_syntax import parse_mixed
from mlmcli.errors import StataError


def _me(text, command="melogit"):
    return parse_mixed(text, global_options(command), FE_OPTIONS)


@pytest.mark.parametrize("text, message", [
    ("y x || g: if c > 0", "if not allowed"),
    ("y x || g: z in 1/50, cov(un)", "in range not allowed"),
    ("y x || g: [pw=w]", "weights not allowed"),
    ("y x || g: [iw=w]", "weights not allowed"),
    ("y x if c > 0 || g: || h: if c > 1", "if not allowed"),  # not 'multiple if conditions'
    ("y x || g: if c > 0 in 1/9 [fw=f]", "if not allowed"),
    ("y x || g: in 1/9 [fw=f]", "in range not allowed"),
    ("y x || g: if c > 0 || h: [aw=w]", "aweights not allowed"),  # _me_parse reads all pieces first
])
def test_qualifier_in_an_equation_is_refused_as_syntax_does(text, message):
    with pytest.raises(StataError) as err:
        _me(text)
    assert (str(err.value), err.value.rc) == (message, 101)


def test_fixed_part_qualifiers_and_level_weights_still_read():
    mc = _me("y x if c > 0 in 1/90 [pw=w] || g: z, pweight(wg) || h:", "mepoisson")
    assert mc.if_exp == "c > 0" and mc.in_range.last == "90" and mc.weight.kind == "pweight"
    assert [e.levelvar for e in mc.equations] == ["g", "h"] and mc.equations[0].pweight == "wg"


def test_through_the_cli_data_untouched(do):
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(3)
    df = pd.DataFrame({"g": np.repeat(np.arange(10.0), 8), "x": rng.normal(size=80),
                       "c": np.arange(80.0) % 3})
    df["y"] = (df.x + rng.logistic(size=80) > 0).astype(float)
    for line, message in (("meglm y x || g: if c > 0, family(bernoulli)", "if not allowed"),
                          ("mepoisson y x || g: in 1/40", "in range not allowed"),
                          ("meologit y x || g: [fw=c]", "weights not allowed")):
        rc, out, s = do(line, df=df)
        assert rc == 101 and message in out and "Traceback" not in out, out
        pd.testing.assert_frame_equal(s.data.df[list(df.columns)].reset_index(drop=True), df)
