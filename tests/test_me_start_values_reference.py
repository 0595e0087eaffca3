"""The me commands reach the reference optimum (../shared/reference/glmm, lme4/R fits in Stata's
conventions) from every start: startvalues(zero|constantonly|fixedonly, iterate(1)),
startgrid() and from() values far from the optimum.  Skips without ../shared."""
from __future__ import annotations

import json

import pytest

from mlmcli.dta import read_dta

CASES = {  # reference -> the starts tried (options appended to its Stata command)
    "bangladesh__ri__mvagh7": ["startvalues(zero)", "startvalues(constantonly)", "startgrid(.05 4)",
                               "from(c_use:urban=-1 c_use:_cons=1 var(_cons[district]):_cons=3)"],
    "wine__ologit_ri__agq25": ["startvalues(constantonly)", "startvalues(fixedonly, iterate(1)) startgrid",
                               "from(rating:temp=0 cut1:_cons=-3 cut2:_cons=-1 cut3:_cons=1 cut4:_cons=3 "
                               "var(_cons[judge]):_cons=5)"],
    "epilepsy__nbreg_ri__agq25": ["startvalues(constantonly)", "startgrid(_cons[subject])",
                                  "from(lnalpha:_cons=1 var(_cons[subject]):_cons=0.01)"],
    "bangladesh__rs_unstructured__laplace": ["startgrid(.1 1 urban[district])", "startvalues(zero)"],
}


def _ref(shared_dir, name):
    return json.loads((shared_dir / "reference" / "glmm" / f"{name}.json").read_text())


@pytest.mark.parametrize("name, start", [(n, s) for n, starts in CASES.items() for s in starts])
def test_every_start_reaches_the_reference_optimum(shared_dir, do, name, start):
    ref = _ref(shared_dir, name)
    df = read_dta(str(shared_dir / "data" / ref["data_file"]))[0].df
    command = ref["stata_command"]
    sep = " " if "," in command.split("||")[-1] else ", "
    rc, out, s = do(f"{command}{sep}{start} nolog", df=df)
    assert rc == 0, out[-3000:]
    assert s.e.scalars["ll"] == pytest.approx(ref["loglik"], rel=1e-7)
    b = dict(zip(s.e.matrices["b"].colnames, s.e.matrices["b"].values[0]))
    depvar = command.split()[1]
    for row in ref["fixed"]:
        name_ = row["name"]
        key = f"{name_[1:]}:_cons" if name_.startswith("/") else f"{depvar}:{name_}"
        assert b[key] == pytest.approx(row["coef"], rel=1e-5, abs=1e-6), key
    for row in ref["random"]:
        if row["param"].startswith("var("):
            key = next(k for k in b if k.startswith(row["param"][:-1]))
            assert b[key] == pytest.approx(row["estimate"], rel=1e-4), key
