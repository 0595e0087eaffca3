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
