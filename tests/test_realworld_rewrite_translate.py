"""tests/realworld/rewrite.py's rule 4 for ``translate oldfile newfile`` (fifty-first held-out
batch: a do-file logs to ``analysis_logs/name`` as smcl and ends translating that log to plain
text in the same folder): ``log using`` puts the log in the per-file working folder, so both
files of ``translate`` with folders become their last component there too; ``@Graph`` and
paths without folders are left alone."""
from __future__ import annotations

from test_realworld_rewrite import _rewriter


def test_translate_reads_and_writes_in_the_working_folder(tmp_path):
    rw = _rewriter(tmp_path)
    assert (rw.rewrite("translate analysis_logs/run.smcl analysis_logs/run.log")
            == 'translate "run.smcl" "run.log"')
    assert (rw.rewrite('translate "C:/a b/run.smcl" "C:/a b/run.pdf", replace')
            == 'translate "run.smcl" "run.pdf", replace')
    assert rw.rewrite('translate @Graph "plot.pdf", name("Graph")') == 'translate @Graph "plot.pdf", name("Graph")'
    assert rw.rewrite("translate run.smcl run.log") == "translate run.smcl run.log"
