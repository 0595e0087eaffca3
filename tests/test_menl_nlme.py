"""menl against R's nlme::nlme (Lindstrom-Bates, as Stata's menl): the numbers mlm prints
equal nlme's to the printed digits.  Reference values: tests/reference_values/
menl_nlme_reference.R on menl_growth.csv (make_menl_data.py); R is not needed here.

nlme's standard errors of the variance parameters (fit$apVar) come from a coarse numerical
Hessian; they are compared to 4 significant digits, the rest to the 7 that %9.0g prints."""
import json
import math
from pathlib import Path

import pandas as pd
import pytest

from mlmcli.render.numfmt import format_number

HERE = Path(__file__).parent / "reference_values"
REF = json.loads((HERE / "menl_nlme_reference.json").read_text())
DATA = pd.read_csv(HERE / "menl_growth.csv")

MODELS = {
    "linear": ("menl y_lin = {U0[id]} + {xb:}, define(xb: x1 i.f) nolog",
               {"xb.x1": "x1", "xb.f2": "2.f", "xb.f3": "3.f", "xb.(Intercept)": "_cons"}, "xb", "U0"),
    "exp_ml": ("menl y_exp = {phi1:}*exp(-{k}*t), define(phi1: x1 i.f U1[id]) nolog",
               {"phi1.x1": "x1", "phi1.f2": "2.f", "phi1.f3": "3.f", "phi1.(Intercept)": "_cons", "k": "/k"},
               "phi1", "U1"),
    "logistic": ("menl y_logis = {phi1:}/(1 + exp(-(t - {phi2=3})/{phi3=1})), define(phi1: U1[id]) nolog",
                 {"phi1": "_cons", "phi2": "/phi2", "phi3": "/phi3"}, "phi1", "U1"),
}


def _g(x: float) -> str:
    return format_number(x, "%9.0g").strip()


@pytest.fixture(scope="module")
def fits():
    """Each model fitted once: (printed text, session)."""
    import io

    from mlmcli.dataset import Dataset
    from mlmcli.runner import Runner
    from mlmcli.session import Output, Session
    out = {}
    for name, (line, *_rest) in MODELS.items():
        s = Session(out=Output(io.StringIO()))
        s.data = Dataset(DATA.copy())
        assert Runner(s).run_text(line) == 0
        out[name] = (s.out.stream.getvalue(), s)
    return out


@pytest.mark.parametrize("name", sorted(MODELS))
def test_fixed_effects_and_standard_errors_match_nlme(fits, name):
    text, s = fits[name]
    _, coefs, eq, _ = MODELS[name]
    ref = REF[name]
    b = s.e.matrices["b"]
    V = s.e.matrices["V"]
    for rname, ours in coefs.items():
        col = ("/:" + ours[1:]) if ours.startswith("/") else f"{eq}:{ours}"
        j = b.colnames.index(col)
        assert _g(b.values[0, j]) == _g(ref["fixed"][rname]), (rname, b.values[0, j], ref["fixed"][rname])
        assert _g(math.sqrt(V.values[j, j])) == _g(ref["se"][rname]), rname
        assert f"|  {format_number(ref['fixed'][rname], '%9.0g')}  {format_number(ref['se'][rname], '%9.0g')}" in text


@pytest.mark.parametrize("name", sorted(MODELS))
def test_variances_and_log_likelihood_match_nlme(fits, name):
    text, s = fits[name]
    ref = REF[name]
    effect = MODELS[name][3]
    assert f"Linearization log likelihood = {format_number(ref['loglik'], '%10.0g')}" in text
    assert _g(s.e.scalars["ll"]) == _g(ref["loglik"])
    var_u, var_e = ref["sd_u"] ** 2, ref["sigma"] ** 2
    assert f"var({effect}) |  {format_number(var_u, '%9.0g')}" in text
    assert f"var(Residual) |  {format_number(var_e, '%9.0g')}" in text
    # se(var) = 2 var se(ln sd): nlme's apVar to 4 significant digits
    rows = {ln.split("|")[0].strip(): ln.split("|")[1].split() for ln in text.splitlines() if "var(" in ln}
    se_u = float(rows[f"var({effect})"][1])
    se_e = float(rows["var(Residual)"][1])
    assert se_u == pytest.approx(2 * var_u * ref["se_log_sd_u"], rel=5e-4)
    assert se_e == pytest.approx(2 * var_e * ref["se_log_sigma"], rel=5e-4)


def test_nobs_and_groups(fits):
    text, s = fits["linear"]
    assert s.e.scalars["N"] == REF["linear"]["nobs"] == 240
    assert "Number of groups  =         30" in text
