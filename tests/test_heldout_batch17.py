"""Fixes from the seventeenth held-out batch (tests/realworld/README.md):

* ``tabstat $y $control1 [aw = gwght], ...`` and ``tabstat ... [aw = gwght], by(cntry)``
  (heldout/anon-gc-identity): tabstat takes aweights and fweights ([R] tabstat's syntax; the
  ado summarizes each group with the weight), so its statistics are summarize's under the same
  weight -- checked here against ``summarize ..., detail`` with the weight;
* ``tabstat ..., save`` (heldout/anon-ess-immigration): r(StatTotal), and by groups r(Stat#)
  and r(name#), statistics in rows and variables in columns ([R] tabstat, Stored results);
* ``putdocx begin|paragraph|text|table|save`` (heldout/anon-ess-immigration): Stata 15's
  Word-document commands -- the document in memory until ``save`` writes it and closes it;
  ``table name = etable`` (Stata's copy of the coefficient table) was refused here; it is now
  written (tests/test_putdocx_etable.py);
* the measuring harness's rewrite of ``putexcel set FILE`` (promised in rewrite.py's docstring,
  done only for Stata 13's ``putexcel ... using``) and of ``putdocx save FILE``.
"""
from __future__ import annotations

import os
import sys
import zipfile

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def frame():
    rng = np.random.default_rng(17)
    n = 300
    g = rng.integers(1, 4, size=n)
    return pd.DataFrame({"y": rng.normal(size=n) + g, "x": rng.gamma(2.0, size=n), "g": g,
                         "w": rng.integers(1, 5, size=n).astype(float)})


@pytest.mark.parametrize("kind", ["aw", "fw"])
def test_tabstat_weights_are_summarize_weights(do, frame, kind):
    rc, out, s = do(f"tabstat y x [{kind}=w], stats(n mean sd p50 min max) save", frame)
    assert rc == 0, out
    rc2, out2, s2 = do("matrix T = r(StatTotal)", session=s)
    assert rc2 == 0, out2
    T = s2.matrices["T"]
    assert T.rownames == ("N", "mean", "sd", "p50", "min", "max") and T.colnames == ("y", "x")
    for j, v in enumerate(("y", "x")):
        rc3, out3, s3 = do(f"quietly summarize {v} [{kind}=w], detail\n"
                           "scalar N_ = r(N)\nscalar m_ = r(mean)\nscalar sd_ = r(sd)\nscalar p_ = r(p50)", session=s)
        assert rc3 == 0, out3
        got = T.values[:, j]
        want = [s3.scalars[k] for k in ("N_", "m_", "sd_", "p_")]
        np.testing.assert_allclose(got[:4], want, rtol=1e-12)
        np.testing.assert_allclose(got[4:], [frame[v].min(), frame[v].max()])


def test_tabstat_aweight_mean_differs_from_unweighted(do, frame):
    rc, out, s = do("tabstat y [aw=w], save\nmatrix A = r(StatTotal)\ntabstat y, save\nmatrix B = r(StatTotal)", frame)
    assert rc == 0, out
    wmean = float(np.average(frame["y"], weights=frame["w"]))
    assert s.matrices["A"].values[0, 0] == pytest.approx(wmean, rel=1e-12)
    assert s.matrices["B"].values[0, 0] == pytest.approx(frame["y"].mean(), rel=1e-12)


def test_tabstat_by_save_returns_groups(do, frame):
    rc, out, s = do("label define gl 1 \"one\" 2 \"two\" 3 \"three\"\nlabel values g gl\n"
                    "tabstat y x [aw=w], by(g) stats(mean sd) save\nreturn list\n"
                    "matrix S2 = r(Stat2)\nmatrix T = r(StatTotal)\nlocal n3 `r(name3)'\ndisplay \"`n3'\"", frame)
    assert rc == 0, out
    sub = frame[frame.g == 2]
    S2 = s.matrices["S2"]
    assert S2.rownames == ("mean", "sd") and S2.colnames == ("y", "x")
    assert S2.values[0, 0] == pytest.approx(np.average(sub["y"], weights=sub["w"]), rel=1e-12)
    assert out.strip().splitlines()[-1] == "three"


def test_tabstat_refuses_pweights_and_iweights(do, frame):
    rc, out, s = do("tabstat y [pw=w]", frame)
    assert rc == 101 and "pweights not allowed" in out
    rc, out, s = do("tabstat y [iw=w]", frame)
    assert rc == 101


def _rewriter(tmp_path):
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "realworld"))
    try:
        from rewrite import Rewriter
    finally:
        sys.path.pop(0)
    return Rewriter({}, str(tmp_path))


def test_realworld_rewrite_points_putexcel_set_and_putdocx_save_here(tmp_path):
    rw = _rewriter(tmp_path)
    assert rw.rewrite('putexcel set "data-raw/out-eb.xlsx", replace') == 'putexcel set "out-eb.xlsx", replace'
    assert rw.rewrite('putdocx save "C:\\x\\y\\report.docx", replace') == 'putdocx save "report.docx", replace'
    assert rw.rewrite('putexcel A1 = matrix(eb), names') == 'putexcel A1 = matrix(eb), names'


# ----------------------------------------------------------------------------- putdocx
def _docx_xml(path):
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        assert {"[Content_Types].xml", "_rels/.rels", "word/document.xml"} <= names
        return z.read("word/document.xml").decode("utf-8")


def test_putdocx_paragraphs_text_and_matrix_table(do, frame, tmp_path):
    path = tmp_path / "out.docx"
    rc, out, s = do("putdocx begin\nputdocx paragraph, style(Heading1)\nputdocx text (\"Models & <results>\")\n"
                    "putdocx paragraph\nputdocx text (\"N = \"), bold\nputdocx text (_N), nformat(%9.0fc)\n"
                    "matrix m = (1.23456, 2 \\ 3, .)\nmatrix rownames m = r1 r2\n"
                    "putdocx table t1 = matrix(m), nformat(%5.2f) rownames colnames title(\"T\") note(\"n\")\n"
                    f"putdocx save \"{path}\"", frame)
    assert rc == 0, out
    assert "successfully created" in out
    xml = _docx_xml(path)
    assert '<w:pStyle w:val="Heading1"/>' in xml and "Models &amp; &lt;results&gt;" in xml
    assert "<w:b/>" in xml and ">300<" in xml
    assert ">1.23<" in xml and ">r2<" in xml and ">c1<" in xml and xml.count("<w:tr>") == 3
    assert ">.<" in xml  # a missing element
    rc, out, s = do("putdocx paragraph", session=s)  # save closed the document
    assert rc == 198


def test_putdocx_save_needs_replace_and_etable(do, frame, tmp_path):
    path = tmp_path / "out.docx"
    path.write_bytes(b"old")
    rc, out, s = do(f"putdocx begin\nputdocx save \"{path}\"", frame)
    assert rc == 602 and path.read_bytes() == b"old"
    rc, out, s = do("regress y x\nputdocx table r = etable", session=s)
    assert rc == 0, out  # the heading, x and _cons rows
    rc, out, s = do(f"putdocx table d = data(g y), varnames\nputdocx save \"{path}\", replace", session=s)
    assert rc == 0, out
    assert _docx_xml(path).count("<w:tr>") == frame.shape[0] + 1 + 3


def test_putdocx_needs_begin_and_a_paragraph(do, frame):
    rc, out, s = do("putdocx text (\"x\")", frame)
    assert rc == 198
    rc, out, s = do("putdocx begin\nputdocx text (\"x\")", frame)
    assert rc == 198
    rc, out, s = do("putdocx begin", session=s)
    assert rc == 110


# ----------------------------------------------------------------------------- refused by name
@pytest.mark.parametrize("line, word", [("stmixed x || g:, dist(rp) df(3)", "stmixed"),
                                        ("somersd g y x", "somersd")])
def test_community_commands_refused_by_name(do, frame, line, word):
    rc, out, s = do(line, frame)
    assert rc == 199 and f"unrecognized command:  {word}" in out and "SSC package mlm does not carry" in out
