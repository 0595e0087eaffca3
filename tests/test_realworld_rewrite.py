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
