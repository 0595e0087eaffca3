"""One representative command of each engine round ts99 sped up (docs/ci_time.md), for
``farm-bench`` A/B runs: PYTHONPATH picks the mlmcli checkout; the data and the test helpers
are read from this checkout's tests/.

    PYTHONPATH=<checkout> python3 bench/bench_engine_speed99.py cox|exactp|exactm|xtlogit|streg

cox: ``twoway fpfitci age wt_loss, estcmd(stcox) estopts(vce(bootstrap, reps(20) seed(4)
reject(...)))`` on lung (tests/test_graphs_fpfit_stcox_bootstrap_reject.py's plot, ~900 Cox
fits); xtlogit: the xtlogit re bootstrap plot of tests/test_graphs_fpfit_xt_replicate_options.py
(~100 adaptive-quadrature fits); exactp/exactm: tests/test_graphs_fpfit_stcox.py's plot under
stcox's exact ties (~40 fits, a loop over the failure times each evaluation); streg: tests/test_fpfit_streg_jackknife.py's plain plot.
Prints the command's own CPU seconds and a digest of the band it drew (A and B must agree).
"""
from __future__ import annotations

import hashlib
import io
import sys
import time
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1] / "tests"
sys.path.append(str(TESTS))


def _lung():
    import pandas as pd

    from graphs_helpers import double_session, run

    df = pd.read_csv(TESTS / "survival_reference" / "lung.csv").rename(columns={"wt.loss": "wt_loss"})
    s = double_session({c: df[c] for c in df})
    run(s, "stset time, failure(died)")
    return s


def _xs():
    import numpy as np
    import pandas as pd

    from graphs_helpers import run
    from mlmcli.dataset import Dataset
    from mlmcli.session import Output, Session
    from test_graphs_fpfit_xt_replicate_options import _XT

    df = pd.DataFrame({k: np.asarray(_XT[k], float) for k in ("x", "g", "yb")})
    s = Session(out=Output(io.StringIO()))
    s.data = Dataset(df=df, types={k: "double" for k in df})
    run(s, "xtset g")
    run(s, "gen st = mod(g, 2)")
    return s


CASES = {
    "cox": (_lung, "twoway fpfitci age wt_loss, estcmd(stcox) estopts(vce(bootstrap, reps(20) seed(4) "
                   "reject(_b[wt_loss] < .001332)))"),
    "xtlogit": (_xs, "twoway fpfitci yb x, estcmd(xtlogit) estopts(re vce(bootstrap, reps(12) seed(9) strata(st)))"),
    "exactp": (_lung, "twoway fpfitci age wt_loss, estcmd(stcox) estopts(exactp)"),
    "exactm": (_lung, "twoway fpfitci age wt_loss, estcmd(stcox) estopts(exactm)"),
    "streg": (_lung, "twoway fpfitci age wt_loss, estcmd(streg) estopts(d(lognormal) powers(1 2) vce(jackknife))"),
}


def main(case: str) -> None:
    from graphs_helpers import drawn

    make, cmd = CASES[case]
    s = make()
    start = time.process_time()
    graph, _ = drawn(s, cmd)
    took = time.process_time() - start
    band = graph.panels[0].series[0]
    digest = hashlib.sha256(band.y.tobytes() + band.y2.tobytes()).hexdigest()[:16]
    import mlmcli

    print(f"{case}: {took:.2f} s CPU, band {digest} ({Path(mlmcli.__file__).parents[1]})")


if __name__ == "__main__":
    main(sys.argv[1])
