"""A command pasted from the Results window with Stata's ". " prompt in front runs as the
command after the prompt (a Stata log shows ". . regress ..." followed by the regression);
``.name`` class syntax and a lone ``.`` are not prompts."""
import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent / "realworld"))


def test_prompted_commands_run_as_the_command_after_the_prompt(do):
    df = pd.DataFrame({"x": [1.0, 2.0, 3.0, 4.0, 5.0], "g": [1, 1, 2, 2, 2]})
    rc, printed, session = do(". generate y = 2*x\n.   replace y = y + 1 if g == 2\n. summarize y\n"
                              ". bysort g: egen m = mean(y)\n", df=df)
    assert rc == 0
    y = session.data.df["y"].to_numpy()
    assert np.allclose(y, [2, 4, 7, 9, 11])
    assert np.allclose(session.data.df["m"], [3, 3, 9, 9, 9])
    assert "Obs" in printed


def test_a_prompted_estimation_matches_the_plain_one(do):
    rng = np.random.default_rng(3)
    x = rng.normal(size=60)
    df = pd.DataFrame({"x": x, "y": 1.5 + 0.7 * x + rng.normal(scale=0.5, size=60)})
    rc, _, session = do(". regress y x\nscalar b = _b[x]\n", df=df)
    assert rc == 0
    slope = np.polyfit(x, df["y"], 1)[0]
    assert abs(session.scalars["b"] - slope) < 1e-10


def test_a_lone_dot_and_class_syntax_are_not_prompts():
    from mlmcli.runner import strip_dot_prompt

    assert strip_dot_prompt(".") == "."
    assert strip_dot_prompt(". ") == ". "
    assert strip_dot_prompt(".obj.method") == ".obj.method"
    assert strip_dot_prompt(". use data, clear") == "use data, clear"
    assert strip_dot_prompt("  .\tlist") == "list"


def test_a_failing_prompted_command_keeps_its_error(do):
    rc, printed, _ = do(". summarize nosuchvar\n", df=pd.DataFrame({"x": [1.0]}))
    assert rc == 111
    assert "not found" in printed


def test_the_harness_sees_the_command_behind_the_prompt():
    from forms import form_of
    from rewrite import Rewriter

    assert form_of('. import excel "a.xlsx", sheet("s") firstrow') == form_of('import excel "a.xlsx", firstrow')
    rw = Rewriter({"a.xlsx": "/tmp/local.dta"}, "/tmp")
    out = rw.rewrite('. import excel "a.xlsx", sheet("s") firstrow')
    assert out.startswith(". ") and "/tmp/local.dta" in out
