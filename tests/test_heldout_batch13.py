"""Fixes from the thirteenth held-out batch (tests/realworld/README.md):

* a ``#delimit ;`` command whose string runs over lines (heldout/anon-jtrain-bcuse: ``display``
  of a LaTeX paragraph): the ``;`` inside the command was looked for line by line, so an open
  quote hid the terminating ``;`` and every later line of the file became part of the string;
* ``meglm ..., family(bernoulli) link(logit) ... or`` (heldout/anon-talis-sgp): meglm takes
  ``or`` and ``irr`` as well as ``eform`` ([ME] meglm's quick start: ``meglm y x1 || lev2:,
  family(binomial) or``); the exponentiated column is headed as melogit's and mepoisson's;
* ``u "file.dta", clear`` (heldout/anon-eniim-feedback): [D] use's syntax diagram underlines
  one letter, ``{opt u:se}``;
* ``outreg2 [m0 m1 m2] using file`` (heldout/anon-talis-sgp): outreg2's ``[estlist]``, each
  stored result a column in order;
* ``sutex`` (heldout/lin-osnabruegge, SSC) is refused by name: Stata's r(199) with a line
  saying what it is.
"""
from __future__ import annotations

import os
import re

import numpy as np
import pandas as pd
import pytest


# ----------------------------------------------------------------------------- #delimit ; strings
def test_delimit_semicolon_string_over_lines_ends_at_its_semicolon():
    from mlmcli.preprocess import split_commands

    text = '#delimit ;\ndisplay\n"a $x$\nb;c";\n#delimit cr\ndisplay "after"\n'
    cmds = [c.text for c in split_commands(text) if c.text]
    assert cmds == ['display "a $x$ b;c"', 'display "after"']


def test_delimit_semicolon_string_over_lines_runs(new_session, run):
    out, rc = run(new_session(), '#delimit ;\ndisplay\n"one\n\ntwo";\n#delimit cr\ndisplay "after"\n')
    assert rc == 0, out
    lines = [ln.strip() for ln in out.strip().splitlines() if not ln.startswith("delimiter now")]
    assert lines[0].startswith("one") and lines[0].endswith("two") and lines[-1] == "after"


def test_delimit_semicolon_two_commands_on_a_line_still_split():
    from mlmcli.preprocess import split_commands

    cmds = [c.text for c in split_commands('#delimit ;\ndisplay "a"; display\n"b";\n#delimit cr\n') if c.text]
    assert cmds == ['display "a"', 'display "b"']


# ----------------------------------------------------------------------------- meglm or / irr
@pytest.fixture(scope="module")
def binary_groups():
    # 30 groups of 12, a random intercept (sd 0.8) shared by a logit and a Poisson outcome
    rng = np.random.default_rng(13)
    frame = pd.DataFrame({"g": np.repeat(np.arange(1, 31), 12)})
    frame["x"] = rng.normal(size=len(frame))
    eta = frame["x"].to_numpy() + rng.normal(0, 0.8, 30)[frame["g"].to_numpy() - 1]
    frame["y"] = (rng.random(len(frame)) < 1 / (1 + np.exp(0.3 - 0.7 * eta))).astype(float)
    frame["n"] = rng.poisson(np.exp(0.5 + 0.3 * eta))
    return frame


def _fixed_rows(out: str) -> list[str]:
    return [ln for ln in out.splitlines() if re.match(r"^\s+(x|_cons) \|", ln)]


def test_meglm_or_is_melogits_odds_ratio_table(new_session, run, binary_groups):
    s = new_session(binary_groups)
    out_me, rc = run(s, "meglm y x || g:, family(bernoulli) link(logit) or")
    assert rc == 0, out_me
    b = np.asarray(s.e.matrices["b"].values, dtype=float).ravel()
    out_lo, rc = run(s, "melogit y x || g:, or")
    assert rc == 0, out_lo
    assert re.search(r"\|\s+Odds Ratio\s+Std\. Err\.", out_me)
    assert _fixed_rows(out_me) == _fixed_rows(out_lo) and len(_fixed_rows(out_me)) == 2
    # the coefficients stay in e(b); the column shows exp(b)
    shown = float(_fixed_rows(out_me)[0].split("|")[1].split()[0])
    assert shown == pytest.approx(np.exp(b[0]), rel=1e-6)


def test_meglm_irr_and_eform_headings(new_session, run, binary_groups):
    s = new_session(binary_groups)
    out, rc = run(s, "meglm n x || g:, family(poisson) irr")
    assert rc == 0, out
    assert re.search(r"\|\s+IRR\s+Std\. Err\.", out)
    out2, rc = run(s, "mepoisson n x || g:, irr")
    assert rc == 0, out2
    assert _fixed_rows(out) == _fixed_rows(out2)
    out3, rc = run(s, "meglm y x || g:, family(bernoulli) eform")
    assert rc == 0, out3
    assert re.search(r"\|\s+exp\(b\)\s+Std\. Err\.", out3)


def test_melogit_still_refuses_irr(new_session, run, binary_groups):
    out, rc = run(new_session(binary_groups), "melogit y x || g:, irr", stop_on_error=False)
    assert rc == 198 and "option irr not allowed" in out


# ----------------------------------------------------------------------------- use abbreviated
@pytest.mark.parametrize("word", ["u", "us", "use"])
def test_use_abbreviated(new_session, run, tmp_path, word):
    s = new_session(pd.DataFrame({"a": [1.0, 2.0, 3.0]}))
    path = tmp_path / "small.dta"
    out, rc = run(s, f'save "{path}"\nclear\n{word} "{path}", clear\ncount')
    assert rc == 0, out
    assert out.strip().splitlines()[-1].strip() == "3"


def test_realworld_rewrite_maps_use_abbreviated(tmp_path):
    import sys

    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "realworld"))
    try:
        from rewrite import Rewriter
    finally:
        sys.path.pop(0)
    rw = Rewriter({"long_data.dta": "/local/x.dta"}, str(tmp_path))
    assert rw.rewrite('u "$c\\long_data.dta", clear') == 'u "/local/x.dta", clear'
    assert rw.events and rw.events[-1][0] == "load"


# ----------------------------------------------------------------------------- outreg2 [estlist]
def test_outreg2_estlist_columns_in_order(new_session, run, tmp_path):
    rng = np.random.default_rng(5)
    df = pd.DataFrame({"y": rng.normal(size=40), "x": rng.normal(size=40), "z": rng.normal(size=40)})
    s = new_session(df)
    out, rc = run(s, "regress y x\nest store m0\nregress y x z\nest store m1\nregress y z")
    assert rc == 0, out
    table = tmp_path / "t.txt"
    out, rc = run(s, f'outreg2 [m1 m0] using "{table}", replace')
    assert rc == 0, out
    rows = table.read_text().splitlines()
    assert rows[0].split("\t")[1:] == ["(1)", "(2)"]
    z_row = next(r for r in rows if r.startswith("z\t")).split("\t")
    assert z_row[1] != "" and z_row[2] == ""  # z is in m1 (first column), not in m0
    n_x = [r for r in rows if r.startswith("x\t")][0].split("\t")
    assert float(n_x[1].rstrip("*")) == pytest.approx(s.estimates["m1"].matrices["b"].values[0][0], abs=5e-3)
    out, rc = run(s, f'outreg2 [m*] using "{table}", append')
    assert rc == 0, out
    assert table.read_text().splitlines()[0].split("\t")[1:] == ["(1)", "(2)", "(3)", "(4)"]
    out, rc = run(s, f'outreg2 [nosuch] using "{table}", append', stop_on_error=False)
    assert rc == 111 and "estimation result nosuch not found" in out


# ----------------------------------------------------------------------------- refused by name
def test_sutex_refused_by_name(new_session, run):
    out, rc = run(new_session(), "sutex y x, minmax", stop_on_error=False)
    assert rc == 199
    assert "unrecognized command:  sutex" in out and "Terracol" in out


def test_outreg2_eform_is_exp_b_and_exp_b_times_se(new_session, run, tmp_path):
    """outreg2 2.0.3's coefEformVal = exp(coefVal), seEformVal = coefEformVal * seVal; the
    stars from coefVal/seVal."""
    rng = np.random.default_rng(8)
    x = rng.normal(size=300)
    df = pd.DataFrame({"y": (rng.random(300) < 1 / (1 + np.exp(-(0.2 + 0.8 * x)))).astype(float), "x": x})
    s = new_session(df)
    out, rc = run(s, "logit y x\nest store a")
    assert rc == 0, out
    b = np.asarray(s.e.matrices["b"].values, float).ravel()
    se = np.sqrt(np.diag(np.asarray(s.e.matrices["V"].values, float)))
    table = tmp_path / "or.txt"
    out, rc = run(s, f'outreg2 [a] using "{table}", replace dec(4) eform')
    assert rc == 0, out
    rows = table.read_text().splitlines()
    i = next(k for k, r in enumerate(rows) if r.startswith("x\t"))
    assert rows[i].split("\t")[1] == f"{np.exp(b[0]):.4f}***"
    assert rows[i + 1].split("\t")[1] == f"({np.exp(b[0]) * se[0]:.4f})"
    out, rc = run(s, f'outreg2 [a] using "{table}", append dec(4)')
    assert rc == 0, out  # each column as its call asked (round 101): b, then exp(b)
    rows = table.read_text().splitlines()
    assert rows[i].split("\t")[1:] == [f"{np.exp(b[0]):.4f}***", f"{b[0]:.4f}***"]
