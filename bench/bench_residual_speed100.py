"""Time mixed with residuals() structures in process (the fit, data already in memory).

    PYTHONPATH=<checkout> python3 bench/bench_residual_speed100.py [--only NAME ...] [--groups G]

Models (NAME): ``sdq`` -- the five-outcome multivariate growth fit of the held-out file
tests/realworld/heldout/anon-sdq-multivariate/sdq_multivariate_models.do on its look-alike data
(``mixed sdq ind* ... || ID: ind*, nocons cov(un) || age_cent:, nocons var residuals(un,
t(domain_num))``: an empty occasion level carrying a 5 x 5 unstructured residual matrix);
``ar1``, ``exchangeable``, ``indby``, ``toeplitz``, ``banded``, ``exponential``, ``unstructured``
on G simulated panels of 5 times (``bench_mixed_residuals.simulate``).  Prints CPU and wall
seconds and the log likelihood of each (the ll must not move between versions).
"""
from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests" / "realworld" / "data"))

from bench_mixed_residuals import simulate  # noqa: E402

from mlmcli.ast import Command  # noqa: E402
from mlmcli.commands.estimation.mixed import cmd_mixed  # noqa: E402
from mlmcli.dataset import Dataset  # noqa: E402
from mlmcli.runner import Runner  # noqa: E402
from mlmcli.session import Output, Session  # noqa: E402

SDQ_PREP = """use "{path}", clear
encode studyid, gen(studyid2)
reshape long sdq, i(ID wave) j(domain) string
foreach domain in emot cond pro peer hyp {{
    gen ind_`domain' = 0
    replace ind_`domain' = 1 if domain == "_`domain'_p"
}}
encode domain, gen(domain_num)
"""
SDQ_MODEL = ("sdq ind* c.age_cent#i.domain_num i.studyid2#i.domain_num, nocons || ID: ind*, nocons cov(un)"
             " || age_cent:, nocons var residuals(un, t(domain_num))")
SIMULATED = {
    "ar1": "y x || g:, residuals(ar 1, t(t))",
    "exchangeable": "y x || g:, residuals(exchangeable)",
    "indby": "y x || g:, residuals(independent, by(half))",
    "toeplitz": "y x || g:, residuals(toeplitz 2, t(t))",
    "banded": "y x || g:, residuals(banded 1, t(t))",
    "exponential": "y x || g:, residuals(exponential, t(t))",
    "unstructured": "y x || g:, residuals(unstructured, t(t))",
}


def session_for(name: str, groups: int) -> Session:
    s = Session(out=Output(io.StringIO()))
    if name == "sdq":
        import registry
        Runner(s).run_text(SDQ_PREP.format(path=registry.path_of("sdq_gen_pop_non_autistic")))
    else:
        df = simulate(groups, 5)
        df["half"] = (df["g"] % 2).astype(float)
        s.data = Dataset(df=df)
    return s


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", nargs="*", default=["sdq"] + list(SIMULATED))
    ap.add_argument("--groups", type=int, default=400)
    args = ap.parse_args()
    for name in args.only:
        s = session_for(name, args.groups)
        model = SDQ_MODEL if name == "sdq" else SIMULATED[name]
        c0, w0 = time.process_time(), time.perf_counter()
        cmd_mixed(s, Command(name="mixed", args=model + " nolog"))
        print(f"{name:13s} CPU {time.process_time() - c0:6.2f} s  wall {time.perf_counter() - w0:6.2f} s  "
              f"ll {s.e.scalars['ll']:.10f}", flush=True)


if __name__ == "__main__":
    main()
