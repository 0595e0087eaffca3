"""tests/realworld/rewrite.py's rule 3: a file the do-file saved, named again with the
author's folders, is read from the working folder where rule 4 saved it -- by ``use`` as by
``merge/append ... using`` (heldout/anon-enaho-internet: ``save "$works/base_1"`` then
``use "$works/base_1", clear``)."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent / "realworld"


def _rewriter(workdir):
    spec = importlib.util.spec_from_file_location("realworld_rewrite", HERE / "rewrite.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["realworld_rewrite"] = module
    spec.loader.exec_module(module)
    return module.Rewriter({"base_final": "/data/base.dta"}, str(workdir))


def test_use_of_a_file_the_do_file_saved(tmp_path):
    rw = _rewriter(tmp_path)
    assert rw.rewrite('save "C:/author/work/base_1", replace') == 'save "base_1", replace'
    (tmp_path / "base_1.dta").write_bytes(b"")
    assert rw.rewrite('use "C:/author/work/base_1", clear') == 'use "base_1", clear'
    assert rw.rewrite('merge 1:1 id using "C:/author/work/base_1"') == 'merge 1:1 id using "base_1"'
    assert rw.rewrite('use "C:/author/work/base_final", clear') == 'use "/data/base.dta", clear'
    assert rw.rewrite('use "C:/author/work/other", clear') == 'use "C:/author/work/other", clear'


def test_graph_combine_and_erase_of_graphs_the_do_file_saved(tmp_path):
    """heldout/shauns11/mixed_models_continuous: ``graph save "${outputs}/Figure1.gph"`` (rule 4
    puts it in the working folder), then ``graph combine`` of the saved files by their folders
    and ``erase`` of them."""
    rw = _rewriter(tmp_path)
    assert rw.rewrite('graph save "C:/p/out/Figure1.gph", replace') == 'graph save "Figure1.gph", replace'
    (tmp_path / "Figure1.gph").write_bytes(b"")
    (tmp_path / "Figure2.gph").write_bytes(b"")
    assert (rw.rewrite('graph combine "C:/p/out/Figure1.gph" "C:/p/out/Figure2.gph", ycommon xcommon')
            == 'graph combine "Figure1.gph" "Figure2.gph", ycommon xcommon')
    assert rw.rewrite("graph combine male female, xsize(6)") == "graph combine male female, xsize(6)"
    assert rw.rewrite('erase "C:/p/out/Figure1.gph"') == 'erase "Figure1.gph"'
    assert rw.rewrite('erase "C:/p/out/never_saved.gph"') == 'erase "C:/p/out/never_saved.gph"'


def test_import_of_a_sheet_the_do_file_wrote(tmp_path):
    """``putexcel set "$dir/output/tables/t.xlsx"`` (rule 4: the working folder), then
    ``import excel "$dir/output/tables/t.xlsx", clear`` reads it there; a sheet never written
    keeps its path."""
    rw = _rewriter(tmp_path)
    assert rw.rewrite('putexcel set "/p/output/tables/t.xlsx", replace') == 'putexcel set "t.xlsx", replace'
    (tmp_path / "t.xlsx").write_bytes(b"")
    assert rw.rewrite('import excel "/p/output/tables/t.xlsx", clear') == 'import excel "t.xlsx", clear'
    assert rw.rewrite('import delimited using "/p/out/t.xlsx", clear') == 'import delimited using "t.xlsx", clear'
    assert rw.rewrite('import excel "/p/output/other.xlsx", clear') == 'import excel "/p/output/other.xlsx", clear'


def test_mkdir_behind_a_one_token_if_and_a_trailing_slash(tmp_path):
    """heldout/pad-soil-fertility: ``capture confirm file "tables/t4/"`` then ``if _rc mkdir
    "tables/t4/"`` -- the author's ``tables`` folder is not shipped, so rule 5 makes ``t4`` in the
    working folder, also behind a one-line ``if`` with a one-token condition; a block opener and
    a condition with spaces are left alone."""
    rw = _rewriter(tmp_path)
    assert rw.rewrite('mkdir "tables/t4/"') == 'mkdir "t4"'
    assert rw.rewrite('if _rc mkdir "tables/t4/"') == 'if _rc mkdir "t4"'
    assert rw.rewrite('cap if _rc mkdir "a\\b"') == 'cap if _rc mkdir "b"'
    assert rw.rewrite("if _rc {") == "if _rc {"
    assert rw.rewrite('if _rc != 0 mkdir "tables/t4/"') == 'if _rc != 0 mkdir "tables/t4/"'
    assert rw.rewrite('mkdir "t5"') == 'mkdir "t5"'
