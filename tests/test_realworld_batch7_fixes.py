"""Forms the seventh held-out batch of real do-files (tests/realworld/README.md) used that mlm
refused, each checked here:

- estout's ``stats(N r2_a, nostar labels() fmt())`` (estout.ado 3.x ParseStatsSubopts: NOStar),
  ``preh()`` and ``prefoot()`` (PREHead, PREFoot: the user's lines before the table and before
  the statistics rows);

Numbers are checked against numpy computed here from first principles.
"""
from __future__ import annotations

import numpy as np
import pandas as pd


def _xy(n=60, seed=7):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=n)
    return pd.DataFrame({"x": x, "y": 1 + 2 * x + rng.normal(size=n)})


def test_estout_stats_nostar_prehead_prefoot(do, tmp_path, monkeypatch):
    df = _xy()
    X = np.column_stack([df.x, np.ones(len(df))])
    beta, *_ = np.linalg.lstsq(X, df.y, rcond=None)
    monkeypatch.chdir(tmp_path)
    rc, out, _ = do("quietly regress y x\nestimates store m1\n"
                    'estout m1 using t.tex, keep(x) sty(tex) mlab(none) coll(none) cells(b(fmt(3))) '
                    'preh("\\begin{tabular}{lc}" "\\hline") prefoot("\\hline") '
                    'stats(N, nostar labels("Observations") fmt(%9.0fc)) postfoot("\\end{tabular}") replace\n', df)
    assert rc == 0, out
    lines = (tmp_path / "t.tex").read_text().splitlines()
    assert lines[:2] == ["\\begin{tabular}{lc}", "\\hline"]
    assert lines[2].split("&")[1].strip().rstrip("\\").strip() == f"{beta[0]:.3f}"
    assert lines[3] == "\\hline" and lines[4].startswith("Observations") and "60" in lines[4]
    assert lines[-1] == "\\end{tabular}"
    # @ codes in the new prefoot() stay refused, like prehead()'s
    assert do('quietly regress y x\nestout, prefoot("@title")\n', df)[0] == 198
