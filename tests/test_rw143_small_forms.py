"""Small forms of batch 66's files, on our own data: ``set maxvar`` up to Stata/MP's 120,000,
``asdoc`` with no command (asdoc.ado prints "No command found" and exits with 0), and the
harness reading ``do"file"`` as a do-file that is not shipped."""
from __future__ import annotations

import os
import sys


def test_set_maxvar_takes_the_mp_range(do):
    rc, out, s = do("set maxvar 120000\ndisplay c(maxvar)")
    assert rc == 0 and out.strip().endswith("120000")
    assert do("set maxvar 120001")[0] == 198
    assert do("set maxvar 2047")[0] == 198


def test_asdoc_without_a_command_is_not_an_error(do, tmp_path):
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        rc, out, _ = do("asdoc")
        assert rc == 0 and "No command found" in out
        rc, out, _ = do("asdoc, replace")
        assert rc == 0 and "No command found" in out
        assert not os.path.exists(tmp_path / "Myfile.doc")
    finally:
        os.chdir(cwd)


def test_realworld_rewrite_treats_glued_do_as_external(tmp_path):
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "realworld"))
    try:
        from rewrite import Rewriter
    finally:
        sys.path.pop(0)
    rw = Rewriter({}, str(tmp_path))
    assert rw.rewrite('do"C:\\Users\\x\\prep.do"') == ""
    assert rw.events[-1][0] == "external"
    assert rw.rewrite('display"x"') == 'display"x"'


def test_asdoc_abb_abbreviates_row_names(do, tmp_path):
    import re

    import numpy as np
    import pandas as pd

    cell = re.compile(r"\\pard\\intbl\\q[lc] \{(.*?)\}\\cell")
    rng = np.random.default_rng(3)
    df = pd.DataFrame({"expenditure_annual": rng.normal(5, 1, 30), "oop": rng.normal(1, 1, 30)})
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        for abb, expect in (("abb(8)", "expend~l"), ("abb(.)", "expenditure_annual")):
            rc, out, _ = do(f"asdoc sum expenditure_annual oop, save(t.doc) replace {abb} dec(2)", df)
            assert rc == 0, out
            rows = [cell.findall(line) for line in (tmp_path / "t.doc").read_text().splitlines()
                    if line.startswith("{\\trowd")]
            titles = [r[0] for r in rows if r]
            assert expect in titles and "oop" in titles
            mean = [r for r in rows if r and r[0] == expect][0][2]
            assert abs(float(mean) - df.expenditure_annual.mean()) <= 0.005 + 1e-12
        assert do("asdoc sum oop, save(t.doc) replace abb(x)", df)[0] == 198
    finally:
        os.chdir(cwd)
